"""Fixtures of the review tests: approvers of given categories, a documents approver."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from factories import make_staff

from news.models import CategoryApprover
from portal.staff import APPROVERS


@pytest.fixture
def make_approver(db):
    """An approver (group "Người duyệt") of the categories given, logged in on its own client."""

    def make(username, *categories):
        user = make_staff(username, APPROVERS)
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
def clerk(db):
    from portal.staff import CLERKS

    user = make_staff("vanthu", CLERKS)
    return user
