"""The site shell every page shares (category menu and sidebar blocks), cached until edited."""

from django.core.cache import cache

SHELL_CACHE_KEY = "portal:site-shell"
SHELL_CACHE_SECONDS = 60 * 60


def load_site_shell():
    from news.models import Category

    from .models import Song, TownMap, WebsiteLink

    return {
        "menu": list(Category.objects.top_level()),
        "town_map": TownMap.objects.shown().first(),
        "songs": list(Song.objects.shown()),
        "links": list(WebsiteLink.objects.shown()),
    }


def site_shell():
    shell = cache.get(SHELL_CACHE_KEY)
    if shell is None:
        shell = load_site_shell()
        cache.set(SHELL_CACHE_KEY, shell, SHELL_CACHE_SECONDS)
    return shell


def forget_site_shell(**kwargs):
    cache.delete(SHELL_CACHE_KEY)
