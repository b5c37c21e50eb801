"""Fixtures of the review tests: approvers of given categories, a documents approver."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from news.models import CategoryApprover
from portal.staff import APPROVERS


@pytest.fixture
def make_approver(db, django_user_model):
    """An approver (group "Người duyệt") of the categories given, logged in on its own client."""

    def make(username, *categories):
        user = django_user_model.objects.create_user(
            username, password="mat-khau-thu-nghiem", is_staff=True
        )
        user.groups.add(Group.objects.get(name=APPROVERS))
        for category in categories:
            CategoryApprover.objects.create(category=category, user=user)
        return user

    return make


@pytest.fixture
def logged_in():
    """A client of its own for each staff member: ``logged_in(user)``."""

    def log_in(user):
        browser = Client()
        browser.force_login(user)
        return browser

    return log_in


@pytest.fixture
def document_approver(db, django_user_model):
    user = django_user_model.objects.create_user(
        "chanhvanphong", password="mat-khau-thu-nghiem", is_staff=True
    )
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="documents",
            codename__in=["change_document", "view_document", "approve_document"],
        )
    )
    return user


@pytest.fixture
def clerk(db, django_user_model):
    from portal.staff import CLERKS

    user = django_user_model.objects.create_user(
        "vanthu", password="mat-khau-thu-nghiem", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CLERKS))
    return user
