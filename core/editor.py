"""The rich-text editor's image upload, allowed only for staff, and only for real images.

django-ckeditor's own upload view stored the file first and made its thumbnail after: an image
Pillow could not decode then gave a 500 and stayed in media/. Here the image is decoded and
re-encoded without its metadata (core.uploads.cleaned_image) before anything is stored, and what
was stored is deleted again if the thumbnail still fails.
"""

import posixpath

from ckeditor_uploader import utils as ckeditor_utils
from ckeditor_uploader import views as ckeditor_views
from ckeditor_uploader.backends import get_backend
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST, require_safe

from core.uploads import UploadTo, cleaned_image


def _refused(message):
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)


# The method check comes first, so that a wrong method is a 405 for anyone, not a login redirect.
@require_POST
@staff_member_required
@csrf_protect
def upload_image(request):
    """Store a checked, metadata-free image and its browse thumbnail; CKEditor shows any error."""
    upload = request.FILES.get("upload")
    if upload is None:
        return _refused("Không có tệp nào được gửi.")
    try:
        # Named after its real format: a PNG sent as "anh.html" is never served as a page.
        image = cleaned_image(upload)
    except ValidationError as error:
        return _refused(error.messages[0])
    storage = ckeditor_utils.storage
    name = storage.save(ckeditor_views.get_upload_filename(image.name, request), image)
    try:
        get_backend()(storage, image).create_thumbnail(image, name)
    except Exception:
        storage.delete(name)
        raise
    return JsonResponse(
        {
            "url": ckeditor_utils.get_media_url(name),
            "uploaded": "1",
            "fileName": posixpath.basename(name),
        }
    )


browse_images = require_safe(staff_member_required(ckeditor_views.browse))


def generated_filename(filename, request):
    """CKEDITOR_FILENAME_GENERATOR: keep only the extension of what the uploader called it."""
    return UploadTo("editor")(None, filename).rsplit("/", 1)[-1]
