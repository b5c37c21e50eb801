"""Page addresses of objects named by a slug, reversed once per process."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


def slug_url(view_name, slug):
    """``reverse(view_name, kwargs={"slug": slug})``, remembered: a list page links every card
    and Django's reverse costs 25 µs a call, a tenth of a search page's render."""
    return _slug_url(view_name, slug, get_urlconf(), get_script_prefix())


@lru_cache(maxsize=50_000)
def _slug_url(view_name, slug, urlconf, script_prefix):
    # urlconf and script_prefix are part of the key: reverse() reads both.
    return reverse(view_name, kwargs={"slug": slug}, urlconf=urlconf)


@receiver(setting_changed)
def _forget_urls(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _slug_url.cache_clear()
