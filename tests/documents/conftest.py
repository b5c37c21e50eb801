"""Fixtures of the documents tests: a clerk of the "Văn thư" group."""

import pytest
from factories import make_staff

from portal.staff import CLERKS


@pytest.fixture
def clerk(db):
    user = make_staff("vanthu", CLERKS)
    return user


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client
