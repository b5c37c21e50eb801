"""Sanitising of rich text written by staff in the editor (article bodies, and every app's)."""

import nh3

ALLOWED_TAGS = nh3.ALLOWED_TAGS | {
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "colgroup",
    "col",
    "span",
    "div",
    "u",
    "s",
    "hr",
    "sup",
    "sub",
    "p",
    "br",
}
ALLOWED_ATTRIBUTES = {
    "*": {"style", "class"},
    "a": {"href", "title", "target"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "table": {"border", "cellpadding", "cellspacing"},
    "ol": {"start", "type"},
}
# Only the layout the editor offers; position, background URLs and the like are dropped.
ALLOWED_STYLE_PROPERTIES = {
    "text-align",
    "width",
    "height",
    "float",
    "margin",
    "margin-left",
    "margin-right",
    "vertical-align",
    "border-width",
    "border-style",
    "list-style-type",
}


def _without_fixed_image_height(tag, attribute, value):
    """Drop ``height`` from an image's inline style; keep the rest for nh3 to filter.

    CKEditor writes both sizes (``width:800px;height:500px``). Under the stylesheet's
    ``max-width:100%`` a phone narrows the width, but an inline height beats ``height:auto`` and
    squashes the photo. Without it the height follows the width in the image's own proportions;
    the ``width``/``height`` attributes stay, so the browser still reserves the space.
    """
    if tag != "img" or attribute != "style":
        return value
    declarations = [part for part in value.split(";") if part.strip()]
    kept = [part for part in declarations if part.split(":", 1)[0].strip().lower() != "height"]
    return ";".join(kept)


def clean_body(html):
    """Keep staff formatting, images, tables and links; drop scripts, handlers and bad URLs."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        strip_comments=True,
        attribute_filter=_without_fixed_image_height,
    )
