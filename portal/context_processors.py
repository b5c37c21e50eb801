"""Template context every public page has: the site's name, the town's and the public address."""

from django.conf import settings


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "town_name": settings.TOWN_NAME,
        "site_url": settings.SITE_URL,
    }
