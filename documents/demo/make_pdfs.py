"""Draw the demo documents' small PDF files (one scanned-looking page each) from documents.json.

Run once after editing the list: ``.venv/bin/python documents/demo/make_pdfs.py``; the PDFs are
kept in the repository so that loading the demo needs no fonts.
"""

import json
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
PAGE = (496, 702)  # A4 at 60 dpi: small files, still readable


def wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def page_pdf(heading, number, lines):
    image = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(image)
    small, regular, bold = (ImageFont.truetype(FONT, 10), ImageFont.truetype(FONT, 12),
                            ImageFont.truetype(BOLD, 14))  # fmt: skip
    draw.text((30, 30), "UBND THỊ XÃ HỒNG LĨNH", font=small, fill=0)
    draw.text((300, 30), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=small, fill=0)
    draw.text((330, 44), "Độc lập - Tự do - Hạnh phúc", font=small, fill=0)
    draw.text((30, 44), f"Số: {number}", font=small, fill=0)
    y = 100
    for line in wrap(draw, heading, bold, PAGE[0] - 80):
        draw.text(((PAGE[0] - draw.textlength(line, font=bold)) / 2, y), line, font=bold, fill=0)
        y += 20
    y += 14
    for paragraph in lines:
        for line in wrap(draw, paragraph, regular, PAGE[0] - 70):
            draw.text((35, y), line, font=regular, fill=0)
            y += 17
        y += 6
    buffer = BytesIO()
    image.convert("1").save(buffer, "PDF", resolution=60)
    return buffer.getvalue()


def main():
    data = json.loads((HERE / "documents.json").read_text())
    folder = HERE / "tep"
    folder.mkdir(exist_ok=True)
    for row in data["documents"]:
        names = [name.strip() for name in row["tep"].split(";")]
        body = row.get("toan_van", "").splitlines() or [
            f"Căn cứ chức năng, nhiệm vụ được giao, {row['co_quan']} ban hành văn bản này.",
            "Nội dung chi tiết theo các điều, khoản dưới đây (văn bản mẫu của cổng thông tin).",
        ]
        for index, name in enumerate(names):
            heading = row["loai"].upper() + (" – PHỤ LỤC" if index else "")
            lines = (
                [row["trich_yeu"], *body]
                if not index
                else [f"Phụ lục kèm theo {row['so_ky_hieu']}"]
            )
            (folder / name).write_bytes(page_pdf(heading, row["so_ky_hieu"], lines))


if __name__ == "__main__":
    main()
