"""A town moving from an old portal imports its list of documents with their files: every bad
row is reported with its line, and nothing is imported unless every row is good."""

import csv
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from factories import make_document, pdf_bytes

from documents.models import Document, DocumentFile, DocumentRelation, Status

pytestmark = pytest.mark.django_db

HEADINGS = [
    "so_ky_hieu", "loai", "co_quan", "linh_vuc", "nguoi_ky", "chuc_vu", "ngay_ban_hanh",
    "ngay_hieu_luc", "ngay_het_hieu_luc", "trich_yeu", "toan_van", "tep", "thay_the",
    "sua_doi", "lien_quan",
]  # fmt: skip
GOOD = [
    ["03/2020/QĐ-UBND", "Quyết định", "UBND thị xã", "Tài chính", "Trần Văn Bình", "Chủ tịch",
     "10/01/2020", "20/01/2020", "", "Quy định mức thu phí chợ", "", "qd-03-2020.pdf", "", "", ""],
    ["15/2024/QĐ-UBND", "Quyết định", "UBND thị xã", "Tài chính", "Nguyễn Văn An", "Chủ tịch",
     "15/03/2024", "01/04/2024", "", "Quy định mới mức thu phí chợ", "",
     "qd-15-2024.pdf; phu-luc.pdf", "03/2020/QĐ-UBND", "", ""],
    ["07/CT-UBND", "Chỉ thị", "UBND thị xã", "", "Nguyễn Văn An", "Chủ tịch",
     "2023-06-01", "", "", "Tăng cường phòng chống thiên tai", "Toàn văn chỉ thị.", "", "", "",
     "15/2024/QĐ-UBND"],
]  # fmt: skip


@pytest.fixture
def folder(tmp_path):
    files = tmp_path / "tep"
    files.mkdir()
    for name in ["qd-03-2020.pdf", "qd-15-2024.pdf", "phu-luc.pdf"]:
        (files / name).write_bytes(pdf_bytes())
    (files / "gia-mao.pdf").write_bytes(b"MZ\x90\x00 a program, not a PDF")
    return files


def write_csv(tmp_path, rows, headings=HEADINGS):
    path = tmp_path / "danh-sach.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(headings)
        writer.writerows(rows)
    return path


def run(path, folder):
    call_command("importdocuments", str(path), "--files", str(folder))


def test_a_good_list_is_imported_with_files_relations_and_kinds(tmp_path, folder, capsys):
    run(write_csv(tmp_path, GOOD), folder)
    assert Document.objects.count() == 3
    new = Document.objects.get(number="15/2024/QĐ-UBND")
    assert [f.original_name for f in new.files.all()] == ["qd-15-2024.pdf", "phu-luc.pdf"]
    assert new.sector.name == "Tài chính"
    assert new.effective_on == date(2024, 4, 1)
    old = Document.objects.with_status().get(number="03/2020/QĐ-UBND")
    assert old.status == Status.EXPIRED  # replaced by 15/2024
    directive = Document.objects.get(number="07/CT-UBND")
    assert directive.effective_on == directive.issued_on == date(2023, 6, 1)
    assert DocumentRelation.objects.filter(source=directive, kind="related", target=new).exists()
    output = capsys.readouterr().out
    assert "Đã nhập 3 văn bản." in output
    assert "Đã tạo loại văn bản: Chỉ thị" in output


def test_an_xlsx_list_is_imported_like_a_csv(tmp_path, folder):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADINGS)
    row = list(GOOD[0])
    row[6] = date(2020, 1, 10)  # a real date cell, as Excel writes one
    sheet.append(row)
    path = tmp_path / "danh-sach.xlsx"
    workbook.save(path)
    run(path, folder)
    assert Document.objects.get().issued_on == date(2020, 1, 10)


def test_bad_rows_are_each_reported_with_their_line_and_nothing_is_imported(
    tmp_path, folder, capsys
):
    make_document(number="99/2019/QĐ-UBND")
    bad = [
        *GOOD,
        ["", "Quyết định", "UBND thị xã", "", "", "", "01/01/2024", "", "", "Thiếu số", "", "", "", "", ""],
        ["16/2024/QĐ-UBND", "Quyết định", "UBND thị xã", "", "", "", "32/13/2024", "", "", "Ngày sai", "", "", "", "", ""],
        ["17/2024/QĐ-UBND", "Quyết định", "UBND thị xã", "", "", "", "01/01/2024", "", "", "Tệp giả", "", "gia-mao.pdf", "", "", ""],
        ["18/2024/QĐ-UBND", "Quyết định", "UBND thị xã", "", "", "", "01/01/2024", "", "", "Thiếu tệp", "", "khong-co.pdf", "", "", ""],
        ["99/2019/qđ-ubnd", "Quyết định", "UBND thị xã", "", "", "", "01/01/2024", "", "", "Trùng số", "", "", "", "", ""],
        ["19/2024/QĐ-UBND", "Quyết định", "UBND thị xã", "", "", "", "01/01/2024", "", "", "Thay thế không có", "", "", "01/2000/QĐ-UBND", "", ""],
        ["20/2024/QĐ-UBND", "Quyết định", "UBND thị xã", "", "", "", "01/01/2024", "01/02/2024", "01/01/2024", "Hết trước hiệu lực", "", "", "", "", ""],
        ["21/2024/QĐ-UBND", "Quyết định", "UBND thị xã", "", "", "", "01/01/2024", "", "", "Ra ngoài thư mục", "", "../danh-sach.csv", "", "", ""],
    ]  # fmt: skip
    with pytest.raises(CommandError, match="Không nhập văn bản nào: 8 lỗi"):
        run(write_csv(tmp_path, bad), folder)
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "Dòng 5: thiếu so_ky_hieu",
        "Dòng 6: ngay_ban_hanh không phải ngày (dd/mm/yyyy): '32/13/2024'",
        "Dòng 7: tệp gia-mao.pdf: Nội dung tệp không phải là văn bản hợp lệ (chỉ nhận PDF, DOC, DOCX, XLS, XLSX hoặc ODT).",
        "Dòng 8: tệp khong-co.pdf: không tìm thấy",
        "Dòng 9: số, ký hiệu 99/2019/qđ-ubnd đã có trên cổng",
        "Dòng 10: cột thay_the: không có văn bản số 01/2000/QĐ-UBND",
        "Dòng 11: Ngày hết hiệu lực phải sau ngày có hiệu lực.",
        "Dòng 12: tệp ../danh-sach.csv: nằm ngoài thư mục tệp",
    ]
    assert Document.objects.count() == 1
    assert not DocumentFile.objects.exists()


def test_a_number_twice_in_the_list_names_the_first_line(tmp_path, folder, capsys):
    with pytest.raises(CommandError):
        run(write_csv(tmp_path, [GOOD[0], GOOD[0]]), folder)
    assert "Dòng 3: số, ký hiệu 03/2020/QĐ-UBND trùng dòng 2" in capsys.readouterr().err


def test_a_missing_column_is_reported_before_any_row(tmp_path, folder, capsys):
    with pytest.raises(CommandError):
        run(write_csv(tmp_path, [GOOD[0][1:]], headings=HEADINGS[1:]), folder)
    assert "Dòng 1: thiếu cột: so_ky_hieu" in capsys.readouterr().err


def test_a_failure_while_writing_leaves_no_rows_and_no_stored_files(
    tmp_path, folder, monkeypatch, settings
):
    from documents import importing

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(importing.DocumentRelation.objects, "get_or_create", broken)
    with pytest.raises(RuntimeError):
        run(write_csv(tmp_path, GOOD), folder)
    assert not Document.objects.exists()
    stored = list((settings.MEDIA_ROOT / "van-ban").rglob("*.pdf"))
    assert stored == []
