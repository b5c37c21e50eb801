"""The consultation pages readers see: the list in three phases, a draft with its files and
result, the feed and sitemap, and pages that change by themselves at the closing time."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from factories import document_upload, make_consultation, make_consultation_comment, make_unit
from sitemap_text import whole_sitemap

from consultations import services
from consultations.models import ConsultationComment, ConsultationFile

pytestmark = pytest.mark.django_db


def days(number):
    return timezone.now() + timedelta(days=number)


def test_the_list_shows_open_upcoming_and_finished_consultations_apart(client):
    make_consultation(title="Dự thảo đang mở")
    make_consultation(title="Dự thảo sắp mở", opens_at=days(2), closes_at=days(20))
    make_consultation(title="Dự thảo đã xong", opens_at=days(-30), closes_at=days(-2))

    page = client.get(reverse("consultations:list")).content.decode()

    open_part, rest = page.split('id="nhom-upcoming"')
    upcoming_part, closed_part = rest.split('id="nhom-closed"')
    assert "Dự thảo đang mở" in open_part and "Đang lấy ý kiến" in open_part
    assert "Dự thảo sắp mở" in upcoming_part and "Sắp mở" in upcoming_part
    assert "Dự thảo đã xong" in closed_part and "Đã kết thúc" in closed_part


def test_a_consultation_page_shows_unit_times_draft_files_and_a_way_to_comment(client):
    consultation = make_consultation(
        unit=make_unit(name="Phòng Quản lý đô thị"),
        draft='<p>Điều 1.</p><script>alert(1)</script><p onclick="x()">Điều 2.</p>',
    )
    ConsultationFile.objects.create(
        consultation=consultation, title="Toàn văn dự thảo", file=document_upload("du-thao.pdf")
    )

    page = client.get(consultation.get_absolute_url()).content.decode()

    assert "Phòng Quản lý đô thị" in page
    assert "Điều 1." in page and "<script>alert" not in page and "onclick" not in page
    assert "Toàn văn dự thảo</a>" in page and "(PDF," in page
    assert reverse("consultations:comment", args=[consultation.slug]) in page
    # Cached for every reader: no token, no captcha.
    assert "csrfmiddlewaretoken" not in page and "captcha_0" not in page


def test_a_file_that_is_not_a_document_is_refused():
    consultation = make_consultation()
    attached = ConsultationFile(
        consultation=consultation,
        title="Giả mạo",
        file=document_upload("du-thao.pdf", content=b"<html><script>x</script></html>"),
    )
    with pytest.raises(Exception, match="không phải là văn bản hợp lệ"):
        attached.full_clean()


def test_after_closing_the_result_and_its_files_are_published(client):
    consultation = make_consultation(
        opens_at=days(-30),
        closes_at=days(-1),
        result="<p>Nhận được 12 ý kiến; đã tiếp thu 5 ý kiến về Điều 3.</p>",
    )
    ConsultationFile.objects.create(
        consultation=consultation,
        title="Báo cáo tiếp thu, giải trình",
        file=document_upload("bao-cao.pdf"),
        is_result=True,
    )

    page = client.get(consultation.get_absolute_url()).content.decode()

    assert "Kết quả lấy ý kiến" in page
    assert "đã tiếp thu 5 ý kiến về Điều 3" in page
    assert "Báo cáo tiếp thu, giải trình</a>" in page
    assert "Đã hết thời gian lấy ý kiến cho dự thảo này." in page


def test_the_page_turns_closed_by_itself_at_the_closing_time(client):
    consultation = make_consultation(closes_at=timezone.now() + timedelta(seconds=1.5))
    first = client.get(consultation.get_absolute_url())
    assert "Gửi ý kiến góp ý" in first.content.decode()
    assert client.get(consultation.get_absolute_url())["X-Page-Cache"] == "hit"

    time.sleep(max(0, (consultation.closes_at - timezone.now()).total_seconds()) + 0.2)

    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Gửi ý kiến góp ý" not in page
    assert "Đã hết thời gian lấy ý kiến cho dự thảo này." in page


def test_a_new_comment_refreshes_the_count_on_the_cached_page(
    client, django_capture_on_commit_callbacks
):
    consultation = make_consultation()
    assert (
        "<dd data-received-count>0</dd>"
        in client.get(consultation.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.post_comment(
            consultation=consultation, ip="198.51.100.7", name="An", contact="0912345678", text="Ý"
        )

    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "<dd data-received-count>1</dd>" in page


def test_a_thousand_comments_received_are_grouped_the_vietnamese_way(client):
    consultation = make_consultation()
    ConsultationComment.objects.bulk_create(
        ConsultationComment(
            consultation=consultation, ip="198.51.100.7", name="An", contact="0912345678", text="Ý"
        )
        for _ in range(1234)
    )

    page = client.get(consultation.get_absolute_url()).content.decode()

    assert "<dd data-received-count>1.234</dd>" in page


def test_the_feed_announces_opened_consultations_only(client):
    make_consultation(title="Dự thảo về chợ đêm")
    make_consultation(title="Dự thảo chưa mở", opens_at=days(3), closes_at=days(10))

    feed = client.get(reverse("consultations:feed")).content.decode()

    assert "Dự thảo về chợ đêm" in feed and "Dự thảo chưa mở" not in feed


def test_the_sitemap_lists_each_consultation(client):
    consultation = make_consultation()
    sitemap = whole_sitemap(client)
    assert consultation.get_absolute_url() in sitemap


def test_an_unknown_consultation_is_a_404(client):
    assert client.get("/lay-y-kien/khong-co/").status_code == 404
    assert client.get("/lay-y-kien/khong-co/gop-y/").status_code == 404


def test_comments_are_escaped_on_the_public_page(client):
    consultation = make_consultation()
    make_consultation_comment(
        consultation, name="<b>X</b>", text="<script>x</script>", status="approved"
    )
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
