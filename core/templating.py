"""What every Jinja2 template of the site may call: Django's URLs, static files, dates and filters.

The project's environment adds these to the blocks the apps offer.
"""

from datetime import datetime

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import defaultfilters
from django.templatetags.static import PrefixNode, static
from django.utils.formats import get_format
from django.utils.timezone import template_localtime
from markupsafe import Markup, escape

from .images import image_tag
from .links import cached_reverse
from .memo import remembered
from .reach import email_link, tel_link
from .richtext import clean_body

# ``{{ url("news:category", category.slug) }}``, as Django's ``{% url %}``.
url = cached_reverse

# The manifest of hashed names does not change while a process runs.
static_url = remembered(maxsize=1000)(static)


def static_prefix():
    """STATIC_URL without the manifest: for error pages that must render with nothing working."""
    return PrefixNode.handle_simple("STATIC_URL")


# The letters of Django's date formats that strftime writes the same way (zero-padded numbers).
STRFTIME_CODES = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y", "H": "%H", "i": "%M", "s": "%S"}


@remembered(maxsize=100)
def strftime_pattern(django_format):
    """strftime's pattern for a Django date format made of numeric letters only, else None."""
    pattern = []
    for char in django_format:
        if char in STRFTIME_CODES:
            pattern.append(STRFTIME_CODES[char])
        elif char.isalpha() or char == "\\":
            return None
        else:
            pattern.append(char.replace("%", "%%"))
    return "".join(pattern)


def written(local_value, format_name=None):
    """``local_value`` written in a Django date format (a setting's name, or the letters)."""
    # Django's formatter sets up an object per call (dates were a twentieth of a search page);
    # the site's formats (d/m/Y H:i) and "c" (every <time datetime>) need none.
    if format_name == "c":
        return local_value.isoformat()
    pattern = strftime_pattern(get_format(format_name or "DATE_FORMAT"))
    if pattern is not None and isinstance(local_value, datetime):
        return local_value.strftime(pattern)
    return defaultfilters.date(local_value, format_name)


def date(value, format_name=None):
    """Django's ``date`` filter, in the site's time zone as Django's templates show datetimes."""
    if value in (None, ""):
        return ""
    return written(template_localtime(value), format_name)


def time_tag(value, format_name, class_name=None):
    """``<time datetime="(ISO 8601)">(value in format_name)</time>``, in the site's time zone."""
    value = template_localtime(value)
    # Joined by hand: Markup.format() runs Python's string formatter, slower than the rest.
    # Every part is escaped or written here.
    attributes = f' class="{escape(class_name)}"' if class_name else ""
    # HTML allows at most three digits of a second (a stored time has six): whole seconds.
    machine_time = (
        value.isoformat(timespec="seconds") if isinstance(value, datetime) else value.isoformat()
    )
    return Markup(  # noqa: S704  # nosec B704
        f'<time{attributes} datetime="{machine_time}">'
        f"{escape(written(value, format_name))}</time>"
    )


def linebreaksbr(text):
    return defaultfilters.linebreaksbr(text, autoescape=True)


@remembered(maxsize=256)
def sanitized(html):
    """Bodies are cleaned on save; cleaning again here guards rows written around the model.

    Remembered by the text itself: cleaning is a pure function, and the articles read now are
    read again and again.
    """
    # nh3's output is the allow-listed HTML only.
    return Markup(clean_body(html))  # noqa: S704  # nosec B704


GLOBALS = {
    "url": url,
    "static": static_url,
    "static_prefix": static_prefix,
    "time_tag": time_tag,
    # A stored image with its renditions, size and fetch order (templates/_images.html).
    "image_tag": image_tag,
}
FILTERS = {
    "date": date,
    "intcomma": intcomma,
    "floatformat": defaultfilters.floatformat,
    "truncatewords": defaultfilters.truncatewords,
    "linebreaksbr": linebreaksbr,
    "sanitized": sanitized,
    # Phone numbers as tel: links, e-mail addresses out of harvesters' reach (core.reach).
    "tel_link": tel_link,
    "email_link": email_link,
}
