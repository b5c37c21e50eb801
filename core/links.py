"""Page addresses, reversed once per process."""

from django.urls import get_script_prefix, reverse

from .memo import remembered


def cached_reverse(view_name, *args, **kwargs):
    """``reverse(view_name, args, kwargs)``, remembered: a list page links every card and
    Django's reverse costs 25 µs a call, a tenth of a search page's render."""
    return _reverse(view_name, args, tuple(kwargs.items()), get_script_prefix())


def slug_url(view_name, slug):
    """The page of an object named by ``slug``."""
    return cached_reverse(view_name, slug=slug)


@remembered(maxsize=50_000)
def _reverse(view_name, args, kwargs, script_prefix):
    # reverse() also reads the request's URLconf, but every request of the portal is routed by
    # ROOT_URLCONF (no middleware or view sets request.urlconf); a changed setting empties this.
    return reverse(view_name, args=args or None, kwargs=dict(kwargs) or None)
