"""Import a list of documents (CSV or XLSX) with a folder of their files, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.importing import COLUMNS, LIST_SEPARATOR, ImportRefused, import_documents, read_rows


class Command(BaseCommand):
    help = (
        "Nhập danh sách văn bản (CSV UTF-8 hoặc XLSX, dòng đầu là tên cột) cùng thư mục tệp. "
        "Tất cả hoặc không: nếu có dòng lỗi, không văn bản nào được nhập và mọi dòng lỗi được "
        f"liệt kê với số dòng. Cột: {', '.join(COLUMNS)}. Cột tep, thay_the, sua_doi, lien_quan "
        f"có thể ghi nhiều giá trị, ngăn cách bằng '{LIST_SEPARATOR}'. Ngày: dd/mm/yyyy."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "list_path", metavar="LIST", type=Path, help="Tệp danh sách .csv hoặc .xlsx"
        )
        parser.add_argument("--files", type=Path, default=None, help="Thư mục chứa các tệp")

    def handle(self, *args, list_path, files, **options):
        if not list_path.is_file():
            raise CommandError(f"Không tìm thấy tệp danh sách {list_path}")
        files_dir = files or list_path.parent
        try:
            rows = read_rows(list_path)
        except (UnicodeDecodeError, ValueError, OSError) as error:
            raise CommandError(f"Không đọc được tệp danh sách {list_path}: {error}") from error
        try:
            report = import_documents(rows=rows, files_dir=files_dir)
        except ImportRefused as refused:
            for line, message in refused.report.errors:
                self.stderr.write(f"Dòng {line}: {message}")
            raise CommandError(
                f"Không nhập văn bản nào: {len(refused.report.errors)} lỗi. "
                "Sửa các dòng trên rồi chạy lại."
            ) from None
        for kind in report.new_kinds:
            self.stdout.write(f"Đã tạo {kind}")
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {len(report.created)} văn bản."))
