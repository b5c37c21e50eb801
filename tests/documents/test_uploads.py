"""Attached files are accepted by their content, never their name, and stored under new names."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from factories import document_upload, make_document, pdf_bytes

from core.uploads import document_format
from documents.models import DocumentFile

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def zipped(entries, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = zipped(
    {"content.xml": "<office:document-content/>"},
    first=("mimetype", "application/vnd.oasis.opendocument.text"),
)


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("quyet-dinh.pdf", pdf_bytes(), "pdf"),
        ("cong-van.doc", OLE2, "doc"),
        ("bang-gia.xls", OLE2, "xls"),
        ("ke-hoach.docx", DOCX, "docx"),
        ("du-toan.xlsx", XLSX, "xlsx"),
        ("bao-cao.odt", ODT, "odt"),
        # The content decides, not the name.
        ("bao-cao.pdf", DOCX, "docx"),
        ("khong-ten", pdf_bytes(), "pdf"),
    ],
)
def test_office_documents_are_recognised_by_their_content(name, content, kind):
    assert document_format(upload(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("quyet-dinh.pdf", b"<html><script>alert(1)</script></html>"),
        ("quyet-dinh.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ("ke-hoach.docx", zipped({"readme.txt": "hello"})),
        ("ke-hoach.docx", b"PK\x03\x04 not really a zip"),
        ("bao-cao.odt", zipped({"content.xml": "x"}, first=("mimetype", "application/zip"))),
    ],
)
def test_a_file_that_is_not_an_office_document_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as refused:
        document_format(upload(name, content))
    assert "không phải là văn bản hợp lệ" in refused.value.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        document_format(upload("lon.pdf", pdf_bytes() + b"\x00" * 2000))
    assert "Tệp quá lớn" in refused.value.messages[0]


@pytest.mark.django_db
def test_a_file_is_stored_under_a_new_name_with_its_contents_extension_and_keeps_its_real_name():
    document = make_document()
    attached = DocumentFile.objects.create(
        document=document, file=document_upload("Quyết định số 15 (bản ký).pdf")
    )
    assert attached.original_name == "Quyết định số 15 (bản ký).pdf"
    assert attached.extension == "pdf"
    assert attached.size == len(pdf_bytes())
    stored = attached.file.name
    assert stored.startswith("van-ban/") and stored.endswith(".pdf")
    assert "Quy" not in stored and " " not in stored


@pytest.mark.django_db
def test_a_word_file_named_pdf_is_stored_and_served_as_word():
    attached = DocumentFile.objects.create(
        document=make_document(), file=SimpleUploadedFile("ke-hoach.pdf", DOCX)
    )
    assert attached.file.name.endswith(".docx")
    assert attached.download_name == "ke-hoach.docx"


@pytest.mark.django_db
def test_a_replaced_file_takes_its_new_name_unless_staff_named_it():
    attached = DocumentFile.objects.create(
        document=make_document(), file=document_upload("ban-cu.pdf")
    )
    attached = DocumentFile.objects.get(pk=attached.pk)
    attached.file = document_upload("ban-moi.pdf")
    attached.save()
    assert attached.original_name == "ban-moi.pdf"
    attached = DocumentFile.objects.get(pk=attached.pk)
    attached.file = document_upload("scan0001.pdf")
    attached.original_name = "Quyết định số 15.pdf"
    attached.save()
    assert attached.original_name == "Quyết định số 15.pdf"
