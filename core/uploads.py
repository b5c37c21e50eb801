"""Upload checks and names: real images (decoded by Pillow, stored re-encoded without their
metadata), audio and office documents (checked by content), stored under new names."""

import re
import uuid
import zipfile
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MAX_IMAGE_PIXELS = 40_000_000

# Magic numbers of the audio formats an HTML5 audio element plays everywhere.
AUDIO_SIGNATURES = {
    "mp3": (
        lambda head: head.startswith(b"ID3") or head[:2] in {b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"}
    ),
    "ogg": (lambda head: head.startswith(b"OggS")),
    "wav": (lambda head: head.startswith(b"RIFF") and head[8:12] == b"WAVE"),
    "m4a": (lambda head: head[4:8] == b"ftyp"),
}
AUDIO_CONTENT_TYPES = {
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "wav": "audio/wav",
    "m4a": "audio/mp4",
}


def _megabytes(size):
    return f"{size / 1024 / 1024:.0f}"


def _opened_image(file):
    """Return ``file`` opened by Pillow and fully decoded, or raise a Vietnamese ValidationError.

    ``verify()`` alone only reads the headers: a 64-byte GIF whose image data is cut short and
    whose comment is JavaScript passed it, then failed when the thumbnail was made, after the
    file had been stored. Every frame is decoded here, before anything is written.
    """
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("Ảnh quá lớn: tối đa %(limit)s MB.") % {"limit": _megabytes(limit)}, code="too_large"
        )
    not_an_image = ValidationError(
        _("Tệp tải lên không phải là ảnh hợp lệ (chỉ nhận JPEG, PNG, GIF hoặc WebP)."),
        code="invalid_image",
    )
    too_many_pixels = ValidationError(
        _("Ảnh có kích thước điểm ảnh quá lớn."), code="too_many_pixels"
    )
    # Pillow reads a copy: it closes a file it failed to decode, and the upload must stay open.
    file.seek(0)
    content = BytesIO(file.read())
    file.seek(0)
    try:
        image = Image.open(content)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None
    try:
        if image.format not in IMAGE_FORMATS:
            raise not_an_image
        width, height = image.size
        if width * height * getattr(image, "n_frames", 1) > MAX_IMAGE_PIXELS:
            raise too_many_pixels
        try:
            for frame in ImageSequence.Iterator(image):
                frame.load()
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
            raise not_an_image from None
        image.seek(0)
    except ValidationError:
        image.close()
        raise
    return image


def image_format(file):
    """Return the Pillow format name of ``file`` or raise a Vietnamese ValidationError."""
    with _opened_image(file) as image:
        return image.format


# What survives re-encoding: what draws the picture (transparency, animation, colour profile).
# EXIF (GPS position, camera, owner), XMP and comments are left behind.
EXIF_ORIENTATION = 0x0112
KEPT_IMAGE_INFO = {"transparency", "duration", "loop", "background", "disposal", "icc_profile"}


def _without_metadata(frame):
    info = {key: value for key, value in frame.info.items() if key in KEPT_IMAGE_INFO}
    frame.info = info
    return frame


def cleaned_image(file):
    """Return ``file`` re-encoded in its own format without metadata, as a ContentFile.

    The picture is turned upright first (EXIF orientation), since the orientation tag goes with
    the rest. Raises the same Vietnamese ValidationError as ``image_format`` for anything that
    is not a whole JPEG, PNG, GIF or WebP. The ContentFile is named ``image.<ext>`` after the
    real format, so the stored extension (the served type) comes from the content.
    """
    with _opened_image(file) as image:
        fmt = image.format
        options = {}
        if getattr(image, "n_frames", 1) > 1:
            frames = [_without_metadata(frame.copy()) for frame in ImageSequence.Iterator(image)]
            first = frames[0]
            options = {
                "save_all": True,
                "append_images": frames[1:],
                "duration": [frame.info.get("duration", 100) for frame in frames],
                "loop": image.info.get("loop", 0),
            }
        elif fmt == "JPEG" and image.getexif().get(EXIF_ORIENTATION, 1) == 1:
            # Saved from itself, an upright JPEG keeps its quantisation: no loss in re-encoding.
            first = _without_metadata(image)
            options = {"quality": "keep", "subsampling": "keep"}
        else:
            first = _without_metadata(ImageOps.exif_transpose(image))
            options = {"quality": 90} if fmt in {"JPEG", "WEBP"} else {}
        if "icc_profile" in first.info:
            options["icc_profile"] = first.info["icc_profile"]
        buffer = BytesIO()
        first.save(buffer, fmt, exif=b"", **options)
    return ContentFile(buffer.getvalue(), name=f"image.{IMAGE_FORMATS[fmt]}")


def validate_image(file):
    # FieldFile of an unchanged, already stored image: it was checked when uploaded.
    if getattr(file, "_committed", False):
        return
    image_format(file)


def audio_format(file):
    limit = settings.AUDIO_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("Tệp âm thanh quá lớn: tối đa %(limit)s MB.") % {"limit": _megabytes(limit)},
            code="too_large",
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for extension, matches in AUDIO_SIGNATURES.items():
        if matches(head):
            return extension
    raise ValidationError(
        _("Tệp tải lên không phải là âm thanh hợp lệ (MP3, OGG, WAV hoặc M4A)."),
        code="invalid_audio",
    )


def validate_audio(file):
    if getattr(file, "_committed", False):
        return
    audio_format(file)


# The office documents a town publishes, by the extension they are stored and served with.
DOCUMENT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _zipped_format(file):
    """docx, xlsx or odt from the entries of a ZIP container, or None."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            # ODF puts an uncompressed "mimetype" entry first, holding the document's type.
            if names and names[0] == "mimetype" and archive.read("mimetype") == ODT_MIMETYPE:
                return "odt"
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return "docx"
                if any(name.startswith("xl/") for name in names):
                    return "xlsx"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return None
    return None


def document_format(file):
    """The stored extension of an office document (pdf, doc, xls, docx, xlsx, odt), read from its
    content and never from its name, or a Vietnamese ValidationError.

    Word 97 and Excel 97 files are both OLE2 containers; the content proves it is one, and the
    uploaded name only chooses which of the two it is stored as.
    """
    limit = settings.DOCUMENT_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": _megabytes(limit)},
            code="too_large",
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    found = None
    try:
        if head.startswith(b"%PDF-"):
            found = "pdf"
        elif head == OLE2_SIGNATURE:
            found = "xls" if (file.name or "").lower().endswith((".xls", ".xlt")) else "doc"
        elif head.startswith(b"PK\x03\x04"):
            found = _zipped_format(file)
    finally:
        file.seek(0)
    if found is None:
        raise ValidationError(
            _(
                "Nội dung tệp không phải là văn bản hợp lệ "
                "(chỉ nhận PDF, DOC, DOCX, XLS, XLSX hoặc ODT)."
            ),
            code="invalid_document",
        )
    return found


def validate_document(file):
    if getattr(file, "_committed", False):
        return
    document_format(file)


# What each kind of upload may be stored as; anything else gets the kind's first extension.
STORED_EXTENSIONS = {
    "image": ["jpg", "jpeg", "png", "gif", "webp"],
    "audio": ["mp3", "ogg", "wav", "m4a"],
    "document": list(DOCUMENT_CONTENT_TYPES),
}


@deconstructible
class UploadTo:
    """``upload_to`` that stores a file as ``<folder>/<yyyy>/<mm>/<random>.<ext>``.

    The stored name never comes from the uploader, so no uploaded name can collide or traverse
    folders; and its extension, which decides the type the file is served as, is always one of
    the kind's own: a checked image or song named "trang.html" is never served as a page.
    """

    def __init__(self, folder, kind="image"):
        self.folder = folder
        self.kind = kind

    def __call__(self, instance, filename):
        allowed = STORED_EXTENSIONS[self.kind]
        extension = PurePosixPath(filename).suffix.lower().lstrip(".")
        if extension not in allowed:
            extension = allowed[0]
        now = timezone.now()
        return f"{self.folder}/{now:%Y/%m}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, UploadTo) and (other.folder, other.kind) == (
            self.folder,
            self.kind,
        )


# An image stored with renditions beside it carries its size in its name: "<random>.1200x800.jpg",
# its renditions "<random>.1200x800.w480.webp", one per width of ``rendition_widths``. A page can
# then write srcset, width and height from the name alone, without asking the storage (S3) per
# image. The widths are part of what such a name promises: changing them needs a new marker.
RENDITION_WIDTHS = (160, 320, 480, 720, 960, 1280)
SIZED_NAME = re.compile(r"\.(\d{1,5})x(\d{1,5})\.(?:jpg|png|gif|webp)$")


def sized_name(name, width, height):
    """``name`` marked as an image of this size with renditions stored beside it."""
    stem, extension = name.rsplit(".", 1)
    return f"{stem}.{width}x{height}.{extension}"


def stored_size(name):
    """(width, height) of an image stored under a sized name, or None for any other name."""
    found = SIZED_NAME.search(name or "")
    return (int(found[1]), int(found[2])) if found else None


def rendition_widths(width):
    """The widths of the renditions of an image ``width`` pixels wide: none wider than itself."""
    return sorted({min(each, width) for each in RENDITION_WIDTHS})


def rendition_name(name, width):
    return f"{name.rsplit('.', 1)[0]}.w{width}.webp"


def renditions_of(name):
    """{width: stored name} of the renditions beside a sized image; empty for any other name."""
    size = stored_size(name)
    if size is None:
        return {}
    return {width: rendition_name(name, width) for width in rendition_widths(size[0])}


def delete_stored(file):
    """Delete a stored file, and the renditions beside it when it is a sized image."""
    for name in [file.name, *renditions_of(file.name).values()]:
        file.storage.delete(name)


class UploadsLeaveNothingOnFailure:
    """ModelAdmin mixin: files a save stored are deleted again if the request then fails.

    The admin saves in a transaction that an error rolls back, but storage has no transactions:
    a cover and its renditions stored by ``save_model`` stayed in media/ when a later step
    (inlines, the log entry, the database) failed. What this request stored is listed on the
    request (a ModelAdmin serves every thread), and deleted when the form view raises.
    """

    def changeform_view(self, request, *args, **kwargs):
        request.stored_uploads = []
        try:
            return super().changeform_view(request, *args, **kwargs)
        except BaseException:
            for file in request.stored_uploads:
                delete_stored(file)
            raise

    def save_model(self, request, obj, form, change):
        # Compared by name: renditions are made inside save(), so no upload marks them fresh.
        file_fields = [
            field.attname
            for field in obj._meta.concrete_fields
            if isinstance(field, models.FileField)
        ]
        # A file kept from the stored row keeps its name, and is not this request's to delete.
        before = {name: getattr(obj, name).name for name in file_fields}
        super().save_model(request, obj, form, change)
        stored = getattr(request, "stored_uploads", None)
        if stored is None:
            return
        for name in file_fields:
            file = getattr(obj, name)
            if file and file.name != before[name]:
                stored.append(file)
