"""The demo documents (documents.json and the PDFs in tep/), loaded through the import service."""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ..importing import import_documents
from ..models import Document, DocumentType, InformationContact, PublicInformation

HERE = Path(__file__).resolve().parent
DATA = HERE / "documents.json"
FILES = HERE / "tep"
DATE_COLUMNS = ["ngay_ban_hanh", "ngay_hieu_luc", "ngay_het_hieu_luc"]


def _dated(row, today):
    """A row with "+N"/"-N" (days from today) dates written as the import reads them."""
    row = dict(row)
    for column in DATE_COLUMNS:
        value = row.get(column, "")
        if value[:1] in "+-" and value[1:].isdecimal():
            day = today + datetime.timedelta(days=int(value))
            row[column] = day.strftime("%d/%m/%Y")
    return row


def load_demo() -> int:
    """Create the demo documents, access-to-information list and contact if there are none;
    returns how many rows this run created (0 on a second run)."""
    data = json.loads(DATA.read_text())
    created = 0
    today = timezone.localdate()
    with transaction.atomic():
        if not Document.objects.exists():
            rows = [(line, _dated(row, today)) for line, row in enumerate(data["documents"], 2)]
            created += len(import_documents(rows=rows, files_dir=FILES).created)
        if not PublicInformation.objects.exists():
            for order, entry in enumerate(data["public_information"], start=1):
                doc_type = DocumentType.objects.filter(name=entry.get("loai", "")).first()
                PublicInformation.objects.create(
                    title=entry["title"], doc_type=doc_type, link=entry.get("link", ""), order=order
                )
                created += 1
        if not InformationContact.objects.exists():
            InformationContact.objects.create(**data["contact"])
            created += 1
    return created
