"""Resized renditions of uploaded images, so pages never send a raw upload to a phone: stored
beside each image when it is stored, and written into pages as srcset with the image's size."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.utils.html import format_html, format_html_join
from PIL import Image, ImageOps

from core.memo import Memo
from core.uploads import (
    cleaned_image,
    rendition_name,
    rendition_widths,
    renditions_of,
    sized_name,
    stored_size,
)


def _flattened(image):
    """``image`` upright, in RGB, transparency laid on white (a WebP rendition has no alpha)."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image)
    return image.convert("RGB")


def _webp(image):
    buffer = BytesIO()
    # No EXIF, XMP or comment: only pixels (and the colour profile) go into a rendition.
    options = {"icc_profile": image.info["icc_profile"]} if "icc_profile" in image.info else {}
    image.save(buffer, "WEBP", quality=80, method=4, exif=b"", **options)
    return buffer.getvalue()


def make_renditions(source, widths):
    """{width: WebP bytes} of ``source`` (a file-like image) scaled down to each width.

    Each is scaled from the next wider one rather than from the source: a fraction of the work,
    and a Lanczos step of at most 1.5-2x loses nothing a reader would see.
    """
    source.seek(0)
    made = {}
    with Image.open(source) as opened:
        image = _flattened(opened)
        for width in sorted(set(widths), reverse=True):
            image = image.copy()
            image.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
            made[width] = _webp(image)
    source.seek(0)
    return made


def store_sized(instance, field_name, image, *, also=()):
    """Store ``image`` (already cleaned) as ``instance``'s ``field_name``, under a sized name with
    its renditions beside it, through the field's storage (the default one: local or S3).

    Returns {width: WebP bytes} of the renditions, made in the same pass for the widths in
    ``also`` too. An animated image is left for the field to store as it would, without
    renditions (a still rendition would stop its animation): the answer is then None.
    """
    field = instance._meta.get_field(field_name)
    file = getattr(instance, field_name)
    with Image.open(image) as opened:
        size, frames = opened.size, getattr(opened, "n_frames", 1)
    image.seek(0)
    if frames > 1:
        file.file, file.name = image, image.name
        return None
    widths = rendition_widths(size[0])
    made = make_renditions(image, [*widths, *also])
    name = field.generate_filename(instance, image.name)
    name = file.storage.save(sized_name(name, *size), image, max_length=field.max_length)
    stored = [name]
    try:
        for width in widths:
            rendition = ContentFile(made[width])
            stored.append(file.storage.save(rendition_name(name, width), rendition))
    except BaseException:
        for each in stored:
            file.storage.delete(each)
        raise
    # As FieldFile.save() leaves it: stored, named, and committed, so the model's save does not
    # store it again under a name of the field's own.
    file.name = name
    setattr(instance, field.attname, name)
    file._committed = True
    image.seek(0)
    return made


def refresh_renditions(instance, source_field, renditions):
    """Before ``instance`` is saved, rebuild its rendition fields when the source image changed.

    ``renditions`` maps a rendition field name to its width. A freshly uploaded source is not yet
    committed to storage: it is first replaced by its re-encoding without metadata (no GPS
    position or camera leaves the town hall's computers), which is what gets stored, with its
    srcset renditions beside it (``store_sized``). A cleared source clears its renditions.
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
            made = make_renditions(file, renditions.values())
    else:
        image = cleaned_image(source.file)
        made = store_sized(instance, source_field, image, also=renditions.values())
        if made is None:
            made = make_renditions(image, renditions.values())
    for field_name, width in renditions.items():
        setattr(instance, field_name, ContentFile(made[width], name=f"w{width}.webp"))


def preview_html(file, width=120):
    """An admin thumbnail of an image field, or a dash when it is empty."""
    if not file:
        return "—"
    return format_html('<img src="{}" alt="" style="max-width:{}px;height:auto">', file.url, width)


# The size of an image stored before renditions came (its name says nothing): read once from the
# storage per process. Stored names never change content, so a day is only a bound on memory.
_SIZES = Memo(4096)
SIZE_SECONDS = 24 * 3600


def _size_of(file):
    def read():
        try:
            with file.storage.open(file.name, "rb") as opened:
                return get_image_dimensions(opened) or (None, None)
        except (OSError, ValueError):
            return (None, None)

    return _SIZES.get_or_load(file.name, read, SIZE_SECONDS)


def image_tag(
    file, *, alt="", sizes="100vw", widest=None, high_priority=False, lazy=True, class_name=None
):
    """The ``<img>`` of a stored image: renditions in srcset with ``sizes`` (the slot's width),
    the image's own width and height (no layout shift), and how the browser should fetch it.

    ``widest`` is the most device pixels the slot can ever need (a fixed 120 px slot on a 3x
    screen: 360); srcset then stops at the first rendition that wide, and the page does not
    carry addresses no browser would choose.

    ``high_priority`` is for the likely largest paint of a page (the home page's lead image, an
    article's cover): fetched first and never lazily. ``lazy=False`` is for other images on the
    first screen. An image stored before renditions existed is sent whole, with its size read
    from the storage once per process.
    """
    if not file:
        return ""
    renditions = renditions_of(file.name)
    if widest and renditions:
        enough = min((each for each in renditions if each >= widest), default=max(renditions))
        renditions = {each: name for each, name in renditions.items() if each <= enough}
    width, height = stored_size(file.name) or _size_of(file)
    attributes = []
    if renditions:
        storage = file.storage
        srcset = ", ".join(f"{storage.url(name)} {each}w" for each, name in renditions.items())
        # The src for browsers without srcset: a middle width, good enough for any screen.
        fallback = max((each for each in renditions if each <= 720), default=min(renditions))
        attributes += [("src", storage.url(renditions[fallback])), ("srcset", srcset)]
        attributes.append(("sizes", sizes))
    else:
        attributes.append(("src", file.url))
    attributes.append(("alt", alt))
    if width and height:
        attributes += [("width", width), ("height", height)]
    if class_name:
        attributes.append(("class", class_name))
    attributes.append(("loading", "lazy" if lazy and not high_priority else "eager"))
    if high_priority:
        attributes.append(("fetchpriority", "high"))
    return format_html("<img{}>", format_html_join("", ' {}="{}"', attributes))
