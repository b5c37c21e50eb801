"""Small factories that build test data with sensible defaults and named overrides."""

import itertools
import math
import struct
import wave
from datetime import timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import Article, Category
from pages.models import MenuEntry, Page

_numbers = itertools.count(1)


def make_category(**fields):
    number = next(_numbers)
    fields.setdefault("name", f"Chuyên mục {number}")
    return Category.objects.create(**fields)


STAFF_PASSWORD = "mat-khau-thu-nghiem"


def make_staff(username, group):
    """A staff member in ``group`` (portal/staff.py gives each group its permissions), who signs
    in with STAFF_PASSWORD."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, password=STAFF_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def make_article(**fields):
    number = next(_numbers)
    if "category" not in fields:
        fields["category"] = make_category()
    fields.setdefault("title", f"Bài viết thử số {number}")
    fields.setdefault("lead", "Tóm tắt ngắn của bài viết thử.")
    fields.setdefault("body", "<p>Nội dung bài viết thử.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    return Article.objects.create(**fields)


def article_form_data(article, **overrides):
    """What the admin's article form posts for ``article`` (the review tests edit it)."""
    local = timezone.localtime(article.published_at)
    data = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category_id,
        "lead": article.lead,
        "body": article.body,
        "cover_caption": "",
        "published_at_0": local.strftime("%d/%m/%Y"),
        "published_at_1": local.strftime("%H:%M"),
        "author_line": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def image_bytes(fmt="PNG", size=(64, 48), color=(200, 30, 40)):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


GPS_IFD = 0x8825
ORIENTATION = 0x0112
CAMERA_MAKE = 0x010F


def photo_with_gps(fmt="JPEG", size=(64, 48), orientation=1):
    """A phone photo: camera make and model, a GPS position, and an orientation tag."""
    exif = Image.Exif()
    exif[CAMERA_MAKE] = "PhoneMaker"
    exif[0x0110] = "Model X"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (18.0, 32.0, 1.5), 3: "E", 4: (105.0, 42.0, 0.0)})
    buffer = BytesIO()
    picture = Image.new("RGB", size, (200, 30, 40))
    picture.paste((20, 40, 220), (0, 0, size[0] // 2, size[1]))  # left half blue
    picture.save(buffer, fmt, exif=exif.tobytes(), comment=b"Nha ong Ba, thon 3")
    return buffer.getvalue()


def image_upload(name="anh.png", fmt="PNG", size=(64, 48)):
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, size), content_type=content_type)


def make_vote(article, stars=4, voter_id=None, ip=None):
    """A reader's vote stored the way the site stores it, figures included."""
    from ratings import services

    number = next(_numbers)
    voter_id = voter_id or f"{number:032x}"
    services.cast_vote(article, voter_id, ip or f"203.0.113.{number % 250 + 1}", stars)
    return article.votes.get(voter_id=voter_id)


def make_comment(article, **fields):
    from ratings.models import Comment

    number = next(_numbers)
    fields.setdefault("name", f"Bạn đọc {number}")
    fields.setdefault("text", f"Ý kiến thử số {number}.")
    fields.setdefault("ip", "203.0.113.8")
    return Comment.objects.create(article=article, **fields)


def wav_bytes(seconds=1, frequency=440, rate=8000):
    """A real 16-bit mono WAV file: a plain tone lasting ``seconds``."""
    samples = (
        int(8000 * math.sin(2 * math.pi * frequency * n / rate)) for n in range(seconds * rate)
    )
    buffer = BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"".join(struct.pack("<h", sample) for sample in samples))
    return buffer.getvalue()


def audio_upload(name="bai-hat.wav", seconds=1):
    """A short real WAV file (a plain tone), as staff would upload a song."""
    return SimpleUploadedFile(name, wav_bytes(seconds), content_type="audio/wav")


def models_at(migrations):
    """Migrate the test database to ``migrations``; the models as they were there."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(migrations)
    return executor.loader.project_state(migrations).apps


def migrate_to_latest():
    """Bring the test database back to the newest schema after a test that went back."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def make_old_article(apps, **fields):
    """An article written with the models of an older schema (``models_at``)."""
    category = apps.get_model("news", "Category").objects.create(name="Tin tức", slug="tin-tuc")
    fields = {"title": "Bài cũ", "slug": "bai-cu", "published_at": timezone.now(), **fields}
    return apps.get_model("news", "Article").objects.create(category=category, **fields)


def make_leader(**fields):
    from schedule.models import Leader

    number = next(_numbers)
    fields.setdefault("name", f"Lãnh đạo thử {number}")
    fields.setdefault("position", "Phó Chủ tịch UBND thị xã")
    return Leader.objects.create(**fields)


def make_schedule_item(leaders=(), **fields):
    """A work schedule item (today at 08:00 unless told), saved as staff save one."""
    from datetime import time

    from schedule.models import ScheduleItem
    from schedule.services import save_item

    number = next(_numbers)
    fields.setdefault("date", timezone.localdate())
    fields.setdefault("start_time", time(8, 0))
    fields.setdefault("content", f"Nội dung công tác thử số {number}")
    fields.setdefault("place", "Phòng họp số 1, UBND thị xã")
    item = ScheduleItem(**fields)
    save_item(item=item)
    item.leaders.set(leaders)
    return item


def make_document(**fields):
    """A document issued a month ago and in force, of a new type and body unless given."""
    from documents.models import Document, DocumentType, IssuingBody

    number = next(_numbers)
    if "doc_type" not in fields:
        fields["doc_type"] = DocumentType.objects.create(name=f"Quyết định {number}")
    if "issuing_body" not in fields:
        fields["issuing_body"] = IssuingBody.objects.create(name=f"UBND thị xã {number}")
    fields.setdefault("issued_on", timezone.localdate() - timedelta(days=30))
    fields.setdefault("effective_on", fields["issued_on"])
    fields.setdefault("number", f"{number}/2024/QĐ-UBND")
    fields.setdefault("summary", f"Về việc ban hành quy định thử số {number}")
    # Published, as the existing tests expect of a document; review tests ask for other states.
    fields.setdefault("state", "published")
    return Document.objects.create(**fields)


def pdf_bytes(color=(250, 250, 250)):
    """A small real PDF (one page, an image), as a scanner writes one."""
    buffer = BytesIO()
    Image.new("RGB", (60, 85), color).save(buffer, "PDF")
    return buffer.getvalue()


def document_upload(name="quyet-dinh.pdf", content=None, content_type="application/pdf"):
    return SimpleUploadedFile(name, content or pdf_bytes(), content_type=content_type)


def make_alert(**fields):
    from alerts.models import Alert

    now = timezone.now()
    fields.setdefault("severity", Alert.Severity.WARNING)
    fields.setdefault("text", f"Cảnh báo thử số {next(_numbers)}: mưa lớn, đề phòng ngập úng.")
    fields.setdefault("starts_at", now - timedelta(minutes=5))
    fields.setdefault("ends_at", now + timedelta(hours=2))
    return Alert.objects.create(**fields)


def make_unit(**fields):
    """A unit of the town's organisation (an office unless ``kind`` says otherwise)."""
    from organisation.models import Unit

    number = next(_numbers)
    fields.setdefault("name", f"Phòng thử số {number}")
    fields.setdefault("slug", f"phong-thu-{number}")
    return Unit.objects.create(**fields)


def make_person(**fields):
    from organisation.models import Person

    number = next(_numbers)
    if "unit" not in fields:
        fields["unit"] = make_unit()
    fields.setdefault("name", f"Cán bộ thử {number}")
    fields.setdefault("position", "Chuyên viên")
    return Person.objects.create(**fields)


def make_question_field(**fields):
    from questions.models import Field

    fields.setdefault("name", f"Lĩnh vực thử số {next(_numbers)}")
    return Field.objects.create(**fields)


def make_question(**fields):
    """A citizen's question as received (no unit, no answer), with the asker's details.

    ``status="published"`` (or "answered") gives it a unit and an answer as well."""
    from questions.models import Question

    number = next(_numbers)
    if "field" not in fields:
        fields["field"] = make_question_field()
    fields.setdefault("name", "Trần Thị Bình")
    fields.setdefault("email", f"nguoihoi{number}@example.org")
    fields.setdefault("phone", "0912 345 678")
    fields.setdefault("title", f"Câu hỏi thử số {number}")
    fields.setdefault("text", "Nội dung câu hỏi thử.")
    status = fields.get("status", Question.Status.RECEIVED)
    now = timezone.now()
    if status in (Question.Status.ANSWERED, Question.Status.PUBLISHED):
        fields.setdefault("answer", "<p>Nội dung trả lời thử.</p>")
        fields.setdefault("answered_at", now)
    if status in (Question.Status.ASSIGNED, Question.Status.ANSWERED, Question.Status.PUBLISHED):
        if "unit" not in fields:
            fields["unit"] = make_unit()
        fields.setdefault("assigned_at", now)
    if status == Question.Status.PUBLISHED:
        fields.setdefault("published_at", now)
    return Question.objects.create(**fields)


def make_consultation(**fields):
    """An open consultation (opened a day ago, closing in a week) unless told otherwise."""
    from consultations.models import Consultation

    number = next(_numbers)
    now = timezone.now()
    if "unit" not in fields:
        fields["unit"] = make_unit()
    fields.setdefault("title", f"Dự thảo quy định thử số {number}")
    fields.setdefault("summary", "Tóm tắt dự thảo thử.")
    fields.setdefault("draft", "<p>Điều 1. Nội dung dự thảo thử.</p>")
    fields.setdefault("opens_at", now - timedelta(days=1))
    fields.setdefault("closes_at", now + timedelta(days=7))
    return Consultation.objects.create(**fields)


def make_consultation_comment(consultation, **fields):
    from consultations.models import ConsultationComment

    fields.setdefault("name", "Trần Thị Bình")
    fields.setdefault("contact", "binh@example.com")
    fields.setdefault("text", "Đề nghị bổ sung quy định về giờ mở cửa.")
    fields.setdefault("ip", f"203.0.113.{next(_numbers) % 250 + 1}")
    return ConsultationComment.objects.create(consultation=consultation, **fields)


def make_poll(options=("Rất hài lòng", "Hài lòng", "Chưa hài lòng"), **fields):
    """An open poll (opened an hour ago, closing in a week) with ``options``."""
    from polls.models import Poll

    now = timezone.now()
    fields.setdefault("question", f"Bạn đánh giá thế nào về dịch vụ công số {next(_numbers)}?")
    fields.setdefault("opens_at", now - timedelta(hours=1))
    fields.setdefault("closes_at", now + timedelta(days=7))
    poll = Poll.objects.create(**fields)
    for order, text in enumerate(options):
        poll.options.create(text=text, order=order)
    return poll


def make_page(**fields):
    number = next(_numbers)
    fields.setdefault("title", f"Trang thử số {number}")
    fields.setdefault("slug", f"trang-{number}")
    fields.setdefault("body", "<p>Nội dung trang thử.</p>")
    fields.setdefault("status", Page.Status.PUBLISHED)
    return Page.objects.create(**fields)


def page_form_data(page=None, **overrides):
    """What the admin's page form posts: ``page`` as it is (blank for a new one), with
    ``overrides``. The state is no field of it: pages go through review."""
    data = {
        "title": page.title if page else "",
        "slug": page.slug if page else "",
        "parent": (page.parent_id or "") if page else "",
        "order": str(page.order) if page else "0",
        "lead": page.lead if page else "",
        "body": page.body if page else "",
        "cover_caption": page.cover_caption if page else "",
        # The inline of old addresses, none sent.
        "redirects-TOTAL_FORMS": "0",
        "redirects-INITIAL_FORMS": "0",
        "redirects-MIN_NUM_FORMS": "0",
        "redirects-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def make_menu_entry(**fields):
    if "kind" not in fields:
        fields["kind"] = MenuEntry.Kind.LINK
        fields.setdefault("url", "https://example.org/")
    entry = MenuEntry(**fields)
    entry.full_clean()
    entry.save()
    return entry
