"""Fixtures for the security tests: real objects to put into every public URL."""

import pytest
from security.public_urls import Samples


@pytest.fixture
def samples(db):
    return Samples()
