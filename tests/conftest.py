"""Fixtures shared by every test: a clean cache, media in a temporary folder, staff users."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.servers.basehttp import WSGIServer

from core.memo import forget_all
from portal.staff import EDITORS, MODERATORS

# Django's live server listens with a backlog of 10 connections; the tests that send 50 readers
# at once over HTTP overflowed it and a reader's connection was sometimes reset before it was
# served. A real server's backlog (gunicorn's default is 2048) is far larger.
WSGIServer.request_queue_size = 128


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Files only staff may read (citizens' attachments) go to a temporary folder of their own.
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": "/khong-cong-khai/"},
        },
    }
    # Each test process gets its own cache, so parallel runs never see each other's pages.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    # Page views are counted at once, in the request (the same batch code, one view per batch);
    # tests/stats/test_buffer.py covers the buffer, and the live servers run with the default.
    settings.STATS_BUFFER_SECONDS = 0
    # Tests clear and edit the cache under the page cache; tests/portal/test_pagecache.py
    # covers the per-process versions, and the live servers run with the default.
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    # Mail leaves the queue into Django's test outbox (django.core.mail.outbox).
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    # Nothing a process kept for an earlier test (menus, sidebars, versions, pages) leaks in.
    forget_all()
    yield
    cache.clear()
    forget_all()


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
def two_factor_required(settings):
    """Staff must give a second factor (off by default under DJANGO_DEBUG=1, on in production)."""
    settings.STAFF_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# Browser tests (marked `browser`): Debian's chromium driven by Playwright, never a downloaded one.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the session; missing chromium fails on CI, skips elsewhere."""
    import os

    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} is missing: install Debian's chromium (`make browser`)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread, which Django would take for
    # async code and refuse database calls; the test thread stays synchronous all the same.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_context(browser):
    """A fresh browser profile (no cookies) speaking Vietnamese; pages open with ``.new_page()``."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()
