"""Fixtures of the consultation tests."""

import pytest
from django.contrib.auth.models import Group

from portal.staff import CONSULTATIONS


@pytest.fixture
def consultation_staff(db, django_user_model):
    user = django_user_model.objects.create_user(
        "layykien", password="mat-khau-thu-nghiem", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CONSULTATIONS))
    return user
