"""The Jinja2 environment of the public site's templates: the ground floor's filters and the
blocks each app offers (the project is the one place that knows every app).

The public pages are Jinja2 templates: under Django's template language, rendering them was a
third of an uncached article page's time (DEVELOPERS.md, "Templates"). The admin and the
libraries keep Django's templates.
"""

from jinja2 import Environment

from alerts.blocks import alert_banner
from core.templating import FILTERS, GLOBALS
from news.shell import category_menu
from pages.blocks import main_menu, site_identity
from polls.blocks import current_poll
from ratings.blocks import article_feedback
from sidebar.blocks import sidebar
from stats.blocks import article_views, site_counters


def environment(**options):
    # Django's backend passes autoescape=True unless told otherwise.
    env = Environment(**options)  # noqa: S701  # nosec B701
    env.globals.update(
        GLOBALS,
        alert_banner=alert_banner,
        category_menu=category_menu,
        main_menu=main_menu,
        site_identity=site_identity,
        sidebar=sidebar,
        current_poll=current_poll,
        article_feedback=article_feedback,
        article_views=article_views,
        site_counters=site_counters,
    )
    env.filters.update(FILTERS)
    return env
