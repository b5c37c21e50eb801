"""Our own templates rendered into HTML that other templates insert as it is."""

from django.template.loader import render_to_string
from markupsafe import Markup


def render_html(template_name, context=None):
    """``render_to_string`` marked safe: the templates autoescape what they insert."""
    return Markup(render_to_string(template_name, context))  # noqa: S704  # nosec B704
