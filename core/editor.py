"""The rich-text editor's image upload, allowed only for staff, and only for real images."""

from ckeditor_uploader import views as ckeditor_views
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST, require_safe

from core.uploads import IMAGE_FORMATS, UploadTo, image_format


# The method check comes first, so that a wrong method is a 405 for anyone, not a login redirect.
@require_POST
@staff_member_required
@csrf_protect
def upload_image(request):
    """Check the file with Pillow before django-ckeditor stores it; CKEditor shows the error."""
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse(
            {"uploaded": 0, "error": {"message": "Không có tệp nào được gửi."}}, status=400
        )
    try:
        fmt = image_format(upload)
    except ValidationError as error:
        return JsonResponse({"uploaded": 0, "error": {"message": error.messages[0]}}, status=400)
    # The stored name's extension, hence the type the file is served as, comes from the content:
    # a PNG sent as "anh.html" must never be served as a page.
    upload.name = f"image.{IMAGE_FORMATS[fmt]}"
    return ckeditor_views.upload(request)


browse_images = require_safe(staff_member_required(ckeditor_views.browse))


def generated_filename(filename, request):
    """CKEDITOR_FILENAME_GENERATOR: keep only the extension of what the uploader called it."""
    return UploadTo("editor")(None, filename).rsplit("/", 1)[-1]
