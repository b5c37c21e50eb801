"""The footer's counters and an article's view count, as the public templates call them."""

from django.conf import settings

from core.rendering import render_html

from . import services


def site_counters():
    """The footer's "Thống kê: 3.569.012" and "Online: 81", the same for every reader."""
    if not settings.STATS_ENABLED:
        return ""
    return render_html("stats/_counters.html", {"counters": services.site_counters()})


def article_views(article):
    if not settings.STATS_ENABLED:
        return ""
    return render_html("stats/_article_views.html", {"views": services.article_views(article.pk)})
