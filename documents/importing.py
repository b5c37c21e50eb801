"""Importing a list of documents (CSV or XLSX, with a folder of their files) from an old portal.

All or nothing: every row is checked first, and the report names each bad row by its line
number and says what is wrong; if any row is bad nothing is written. Otherwise every document,
file and relation is written in one transaction, and files already stored are deleted again if
that transaction fails, so a failed import leaves neither rows nor files behind.
"""

import csv
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from core.uploads import document_format
from review.models import ReviewState

from .models import Document, DocumentFile, DocumentRelation, DocumentType, IssuingBody, Sector
from .models import number_key as make_number_key

# Column headings of the list, as a town's clerk writes them (see the command's help).
COLUMNS = {
    "so_ky_hieu": "number",
    "loai": "doc_type",
    "co_quan": "issuing_body",
    "linh_vuc": "sector",
    "nguoi_ky": "signer_name",
    "chuc_vu": "signer_position",
    "ngay_ban_hanh": "issued_on",
    "ngay_hieu_luc": "effective_on",
    "ngay_het_hieu_luc": "expires_on",
    "trich_yeu": "summary",
    "toan_van": "full_text",
    "tep": "files",
    "thay_the": "replaces",
    "sua_doi": "amends",
    "lien_quan": "related",
}
REQUIRED = ["so_ky_hieu", "loai", "co_quan", "ngay_ban_hanh", "trich_yeu"]
RELATION_COLUMNS = {
    "thay_the": DocumentRelation.Kind.REPLACES,
    "sua_doi": DocumentRelation.Kind.AMENDS,
    "lien_quan": DocumentRelation.Kind.RELATED,
}
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
LIST_SEPARATOR = ";"


class ImportRefused(Exception):
    """The list has bad rows; ``report`` says which and why. Nothing was written."""

    def __init__(self, report):
        super().__init__(f"{len(report.errors)} dòng lỗi")
        self.report = report


@dataclass
class Row:
    line: int
    values: dict
    files: list = field(default_factory=list)


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)  # (line, message)
    created: list = field(default_factory=list)  # numbers
    new_kinds: list = field(default_factory=list)  # "Loại văn bản: Nghị quyết"

    def error(self, line, message):
        self.errors.append((line, message))


def read_rows(path: Path):
    """(line number, {heading: text}) of each row of a CSV (UTF-8) or XLSX list."""
    if path.suffix.lower() == ".xlsx":
        return list(_xlsx_rows(path))
    return list(_csv_rows(path))


def _csv_rows(path):
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        headings = [_heading(cell) for cell in next(reader, [])]
        line = reader.line_num
        for cells in reader:
            # A quoted cell may span lines: the row starts on the line after the last one.
            start, line = line + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                yield start, dict(zip(headings, cells, strict=False))


def _xlsx_rows(path):
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.active.iter_rows(values_only=True)
        headings = [_heading(cell) for cell in next(rows, ())]
        for line, cells in enumerate(rows, start=2):
            if any(cell not in (None, "") for cell in cells):
                yield line, dict(zip(headings, cells, strict=False))
    finally:
        workbook.close()


def _heading(cell):
    return str(cell or "").strip().lower()


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _date(value):
    """A date from a cell: an XLSX date, or text in a usual Vietnamese or ISO format."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _names(value):
    return [part.strip() for part in _text(value).split(LIST_SEPARATOR) if part.strip()]


def check_rows(rows, files_dir: Path) -> tuple[list[Row], ImportReport]:
    """Check every row; the rows as ready to write, and a report of what is wrong."""
    report = ImportReport()
    files_dir = files_dir.resolve()
    if rows:
        missing = [name for name in REQUIRED if name not in rows[0][1]]
        if missing:
            report.error(1, f"thiếu cột: {', '.join(missing)}")
            return [], report
    existing = set(Document.objects.values_list("number_key", flat=True))
    in_list = {}
    checked = []
    for line, raw in rows:
        row, problems = _check_row(line, raw, files_dir)
        key = make_number_key(row.values.get("number", ""))
        if key and key in existing:
            problems.append(f"số, ký hiệu {row.values['number']} đã có trên cổng")
        elif key and key in in_list:
            problems.append(f"số, ký hiệu {row.values['number']} trùng dòng {in_list[key]}")
        elif key:
            in_list[key] = line
        for problem in problems:
            report.error(line, problem)
        checked.append(row)
    known = existing | set(in_list)
    for row in checked:
        for column in RELATION_COLUMNS:
            for number in _names(row.values.get(column)):
                if make_number_key(number) not in known:
                    report.error(row.line, f"cột {column}: không có văn bản số {number}")
    report.errors.sort(key=lambda error: error[0])
    return checked, report


def _check_row(line, raw, files_dir):
    problems = []
    values = {column: raw.get(column) for column in COLUMNS}
    for column in REQUIRED:
        if not _text(values[column]):
            problems.append(f"thiếu {column}")
    for column in ["ngay_ban_hanh", "ngay_hieu_luc", "ngay_het_hieu_luc"]:
        if _text(values[column]):
            try:
                values[column] = _date(values[column])
            except ValueError:
                problems.append(f"{column} không phải ngày (dd/mm/yyyy): {_text(values[column])!r}")
                values[column] = None
        else:
            values[column] = None
    fields = {
        "number": " ".join(_text(values["so_ky_hieu"]).split()),
        "summary": _text(values["trich_yeu"]),
        "full_text": _text(values["toan_van"]),
        "signer_name": _text(values["nguoi_ky"]),
        "signer_position": _text(values["chuc_vu"]),
        "issued_on": values["ngay_ban_hanh"],
        "effective_on": values["ngay_hieu_luc"] or values["ngay_ban_hanh"],
        "expires_on": values["ngay_het_hieu_luc"],
    }
    if len(fields["number"]) > Document._meta.get_field("number").max_length:
        problems.append("số, ký hiệu quá dài")
    try:
        Document(**fields).clean()
    except ValidationError as error:
        problems.extend(message for messages in error.message_dict.values() for message in messages)
    row = Row(line=line, values={**values, **fields})
    for name in _names(values["tep"]):
        path = (files_dir / name).resolve()
        if not path.is_relative_to(files_dir):
            problems.append(f"tệp {name}: nằm ngoài thư mục tệp")
        elif not path.is_file():
            problems.append(f"tệp {name}: không tìm thấy")
        else:
            with path.open("rb") as handle:
                try:
                    document_format(File(handle, name=path.name))
                except ValidationError as error:
                    problems.append(f"tệp {name}: {error.messages[0]}")
                else:
                    row.files.append(path)
    return row, problems


def import_documents(*, rows: list, files_dir: Path) -> ImportReport:
    """Import the ``rows`` (``read_rows``) with their files from ``files_dir``, all or nothing:
    raise ImportRefused with the report of every bad row, or write them all."""
    checked, report = check_rows(rows, files_dir)
    if report.errors:
        raise ImportRefused(report)
    stored = []
    try:
        with transaction.atomic():
            _write(checked, report, stored)
    except BaseException:
        for attached in stored:
            attached.file.storage.delete(attached.file.name)
        raise
    return report


def _kind(model, name, report, cache):
    name = " ".join(name.split())
    if not name:
        return None
    if (model, name) not in cache:
        found = model.objects.filter(name__iexact=name).first()
        if found is None:
            found = model.objects.create(name=name)
            report.new_kinds.append(f"{model._meta.verbose_name}: {name}")
        cache[(model, name)] = found
    return cache[(model, name)]


def _write(checked, report, stored):
    kinds = {}
    by_key = {}
    for row in checked:
        values = row.values
        # Imported lists are what an old portal already published: they arrive published.
        document = Document.objects.create(
            state=ReviewState.PUBLISHED,
            doc_type=_kind(DocumentType, _text(values["loai"]), report, kinds),
            issuing_body=_kind(IssuingBody, _text(values["co_quan"]), report, kinds),
            sector=_kind(Sector, _text(values["linh_vuc"]), report, kinds),
            **{name: values[name] for name in [
                "number", "summary", "full_text", "signer_name", "signer_position",
                "issued_on", "effective_on", "expires_on",
            ]},
        )  # fmt: skip
        by_key[document.number_key] = document
        for order, path in enumerate(row.files):
            with path.open("rb") as handle:
                attached = DocumentFile(
                    document=document, order=order, file=File(handle, name=path.name)
                )
                attached.save()
                stored.append(attached)
        report.created.append(document.number)
    for row in checked:
        source = by_key[make_number_key(row.values["number"])]
        for column, kind in RELATION_COLUMNS.items():
            for number in _names(row.values.get(column)):
                key = make_number_key(number)
                target = by_key.get(key) or Document.objects.get(number_key=key)
                DocumentRelation.objects.get_or_create(source=source, kind=kind, target=target)
