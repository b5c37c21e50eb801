"""Fixtures shared by every test: a clean cache, media in a temporary folder, staff users."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from portal.staff import EDITORS, MODERATORS


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Each test process gets its own cache, so parallel runs never see each other's pages.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    cache.clear()
    yield
    cache.clear()


def _staff_user(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(
        username, password="mat-khau-thu-nghiem", is_staff=True
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _staff_user(django_user_model, "bientap", EDITORS)


@pytest.fixture
def moderator(db, django_user_model):
    return _staff_user(django_user_model, "kiemduyet", MODERATORS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
