"""Staff of the office (Văn phòng), who keep the main menu and the portal's identity."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from portal.staff import OFFICE


@pytest.fixture
def office_user(db, django_user_model):
    user = django_user_model.objects.create_user(
        "vanphong", password="mat-khau-thu-nghiem", is_staff=True
    )
    user.groups.add(Group.objects.get(name=OFFICE))
    return user


@pytest.fixture
def office_client(office_user):
    browser = Client()
    browser.force_login(office_user)
    return browser
