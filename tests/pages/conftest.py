"""Staff of the office (Văn phòng), who keep the main menu and the portal's identity, and an
approver (Người duyệt), who publishes and withdraws the town's pages."""

import pytest
from django.test import Client
from factories import make_staff

from portal.staff import APPROVERS, OFFICE


@pytest.fixture
def office_user(db):
    user = make_staff("vanphong", OFFICE)
    return user


@pytest.fixture
def office_client(office_user):
    browser = Client()
    browser.force_login(office_user)
    return browser


@pytest.fixture
def page_approver(db):
    """An approver of pages through the group alone (portal/staff.py gives it pages.approve_page)."""
    user = make_staff("nguoiduyet", APPROVERS)
    return user
