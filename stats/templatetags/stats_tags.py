"""Template tags for the footer's counters and an article's view count."""

from django import template
from django.conf import settings

from stats import services

register = template.Library()


@register.inclusion_tag("stats/_counters.html")
def site_counters():
    """The footer's "Thống kê: 3.569.012" and "Online: 81", the same for every reader."""
    if not settings.STATS_ENABLED:
        return {"counters": None}
    return {"counters": services.site_counters()}


@register.inclusion_tag("stats/_article_views.html")
def article_views(article):
    if not settings.STATS_ENABLED:
        return {"views": None}
    return {"views": services.article_views(article.pk)}
