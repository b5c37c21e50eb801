"""Fixtures of the consultation tests."""

import pytest
from factories import make_staff

from portal.staff import CONSULTATIONS


@pytest.fixture
def consultation_staff(db):
    user = make_staff("layykien", CONSULTATIONS)
    return user
