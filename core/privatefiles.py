"""Files only staff may read (a citizen's attachment): the private storage no public address
reaches, and the admin's link to such a file and its download for staff who may see the row."""

from pathlib import PurePosixPath

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.files.storage import Storage, storages
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .uploads import DOCUMENT_CONTENT_TYPES, IMAGE_FORMATS

# What a private file is served as, by the extension core.uploads stored it with.
CONTENT_TYPES = {
    **DOCUMENT_CONTENT_TYPES,
    **{extension: f"image/{format.lower()}" for format, extension in IMAGE_FORMATS.items()},
}


class PrivateStorage(Storage):
    """``settings.STORAGES["private"]``, looked up at each use, so that a changed setting (a
    test's temporary folder) is followed; a field keeps the storage it was given at start-up."""

    def __getattribute__(self, name):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        return getattr(storages["private"], name)


_private_storage = PrivateStorage()


def private_storage():
    """Where citizens' attachments are kept: storage no public URL reaches (settings.STORAGES)."""
    return _private_storage


class PrivateAttachmentAdmin:
    """Mixed into a ModelAdmin whose model keeps a private file in ``attachment``: the change
    page links to a download through the admin, for staff who may view that row (the admin's
    own queryset and view permission decide), never to a public address.

    The app's admin says what the downloaded file is called (``attachment_filename``, without
    its extension) and may word the link (``attachment_label``).
    """

    def attachment_filename(self, obj):
        raise NotImplementedError

    def attachment_label(self, obj):
        return _("Tải tệp")

    def _attachment_url_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_attachment"

    @admin.display(description=_("Tệp đính kèm"))
    def attachment_link(self, obj):
        if not obj.attachment:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse(f"admin:{self._attachment_url_name()}", args=[obj.pk]),
            self.attachment_label(obj),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/tep-dinh-kem/",
                self.admin_site.admin_view(self.download_attachment),
                name=self._attachment_url_name(),
            ),
            *super().get_urls(),
        ]

    def download_attachment(self, request, pk):
        obj = self.get_object(request, unquote(str(pk)))
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        if not obj.attachment:
            raise Http404
        extension = PurePosixPath(obj.attachment.name).suffix.lstrip(".")
        response = FileResponse(
            obj.attachment.open("rb"),
            as_attachment=True,
            filename=f"{self.attachment_filename(obj)}.{extension}",
            content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        )
        response["Cache-Control"] = "private, no-store"
        return response
