"""The rich-text editor's image upload, allowed only for staff, and only for real images."""

from ckeditor_uploader import views as ckeditor_views
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from portal.uploads import UploadTo, image_format


@staff_member_required
@require_POST
@csrf_protect
def upload_image(request):
    """Check the file with Pillow before django-ckeditor stores it; CKEditor shows the error."""
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse(
            {"uploaded": 0, "error": {"message": "Không có tệp nào được gửi."}}, status=400
        )
    try:
        image_format(upload)
    except ValidationError as error:
        return JsonResponse({"uploaded": 0, "error": {"message": error.messages[0]}}, status=400)
    return ckeditor_views.upload(request)


browse_images = staff_member_required(ckeditor_views.browse)


def generated_filename(filename, request):
    """CKEDITOR_FILENAME_GENERATOR: keep only the extension of what the uploader called it."""
    return UploadTo("editor")(None, filename).rsplit("/", 1)[-1]
