"""Resized renditions of uploaded images, so pages never send a raw upload to a phone."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.utils.html import format_html
from PIL import Image, ImageOps

from core.uploads import cleaned_image


def make_rendition(source, width):
    """Return a WebP of ``source`` (a file-like image) scaled down to ``width`` pixels wide."""
    source.seek(0)
    with Image.open(source) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            background = Image.new("RGBA", image.size, "white")
            image = Image.alpha_composite(background, image)
        image = image.convert("RGB")
        image.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
        buffer = BytesIO()
        image.save(buffer, "WEBP", quality=80, method=4)
    source.seek(0)
    return ContentFile(buffer.getvalue(), name=f"w{width}.webp")


def refresh_renditions(instance, source_field, renditions):
    """Before ``instance`` is saved, rebuild its rendition fields when the source image changed.

    ``renditions`` maps a rendition field name to its width. A freshly uploaded source is not yet
    committed to storage: it is first replaced by its re-encoding without metadata (no GPS
    position or camera leaves the town hall's computers), which is what gets stored. A cleared
    source clears its renditions.
    """
    source = getattr(instance, source_field)
    if not source:
        for field_name in renditions:
            setattr(instance, field_name, None)
        return
    missing = any(not getattr(instance, field_name) for field_name in renditions)
    if source._committed and not missing:
        return
    if source._committed:
        with source.open("rb") as file:
            for field_name, width in renditions.items():
                setattr(instance, field_name, make_rendition(file, width))
    else:
        image = cleaned_image(source.file)
        source.file, source.name = image, image.name
        # Read in place: it must stay open for the field to store it.
        for field_name, width in renditions.items():
            setattr(instance, field_name, make_rendition(source.file, width))


def preview_html(file, width=120):
    """An admin thumbnail of an image field, or a dash when it is empty."""
    if not file:
        return "—"
    return format_html('<img src="{}" alt="" style="max-width:{}px;height:auto">', file.url, width)
