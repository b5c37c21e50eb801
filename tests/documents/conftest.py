"""Fixtures of the documents tests: a clerk of the "Văn thư" group."""

import pytest
from django.contrib.auth.models import Group

from portal.staff import CLERKS


@pytest.fixture
def clerk(db, django_user_model):
    user = django_user_model.objects.create_user(
        "vanthu", password="mat-khau-thu-nghiem", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CLERKS))
    return user


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client
