"""The public question pages: published questions with answers, searched without diacritics,
filtered by field and unit, each on its own page; the asker named only as they chose, their
contact details never shown, nothing a citizen wrote rendered as HTML."""

import pytest
from django.urls import reverse
from factories import document_upload, make_question, make_question_field, make_unit
from sitemap_text import whole_sitemap

from questions.models import AnswerAttachment, Question

pytestmark = pytest.mark.django_db

LIST = "/hoi-dap/"


def published(**fields):
    return make_question(status=Question.Status.PUBLISHED, **fields)


def test_search_finds_questions_without_diacritics_in_title_text_or_answer(client):
    published(title="Thủ tục cấp giấy phép xây dựng nhà ở")
    published(title="Lịch tiêm chủng", text="Trạm y tế phường tiêm vào thứ mấy?")
    published(
        title="Hỏi về học phí", answer="<p>Miễn <strong>học phí</strong> cho trẻ mầm non.</p>"
    )
    published(title="Đăng ký kinh doanh hộ cá thể")

    def found(words):
        page = client.get(LIST, {"q": words}).content.decode()
        return [
            title
            for title in (
                "Thủ tục cấp giấy phép xây dựng nhà ở",
                "Lịch tiêm chủng",
                "Hỏi về học phí",
                "Đăng ký kinh doanh hộ cá thể",
            )
            if title in page
        ]

    assert found("giay phep xay dung") == ["Thủ tục cấp giấy phép xây dựng nhà ở"]
    assert found("TRAM Y TE") == ["Lịch tiêm chủng"]
    assert found("mien hoc phi mam non") == ["Hỏi về học phí"]
    assert found("đăng ký") == ["Đăng ký kinh doanh hộ cá thể"]
    assert found("khong co cau nay") == []


def test_only_published_questions_are_listed_or_found(client):
    published(title="Câu hỏi đã công bố về nước sạch")
    for status in ("received", "assigned", "answered", "declined"):
        make_question(status=status, title=f"Câu hỏi chưa công bố về nước sạch {status}")
    for page in (client.get(LIST), client.get(LIST, {"q": "nuoc sach"})):
        html = page.content.decode()
        assert "Câu hỏi đã công bố về nước sạch" in html
        assert "chưa công bố" not in html


def test_filters_by_field_and_unit_combine(client):
    land, health = make_question_field(name="Đất đai"), make_question_field(name="Y tế")
    office = make_unit(name="Phòng Tài nguyên", slug="phong-tn")
    clinic = make_unit(name="Trạm Y tế", slug="tram-y-te")
    published(title="Đất một", field=land, unit=office)
    published(title="Đất hai", field=land, unit=clinic)
    published(title="Y tế một", field=health, unit=clinic)

    def titles(query):
        html = client.get(LIST + query).content.decode()
        return {t for t in ("Đất một", "Đất hai", "Y tế một") if t in html}

    assert titles(f"?linh-vuc={land.slug}") == {"Đất một", "Đất hai"}
    assert titles("?don-vi=tram-y-te") == {"Đất hai", "Y tế một"}
    assert titles(f"?linh-vuc={land.slug}&don-vi=tram-y-te") == {"Đất hai"}


def test_the_filter_form_address_is_made_canonical_and_cached(client):
    land = make_question_field(name="Đất đai")
    published(title="Đất một", field=land)
    response = client.get(LIST, {"linh-vuc": land.slug, "don-vi": "", "q": ""})
    assert response.status_code == 302 and response.url == f"{LIST}?linh-vuc={land.slug}"
    client.get(response.url)
    assert client.get(response.url)["X-Page-Cache"] == "hit"


def test_the_list_is_paginated(client, settings):
    field = make_question_field()
    for number in range(17):
        published(title=f"Câu hỏi số {number:02d}", field=field)
    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"page": "2"}).content.decode()
    assert first.count('class="doc-item"') == 15 and second.count('class="doc-item"') == 2
    assert client.get(LIST, {"page": "9"}).status_code == 404


def test_a_question_page_shows_the_answer_its_files_and_the_asker_as_chosen(client):
    question = published(
        name="Nguyễn Văn An",
        name_shown="initials",
        ward_text="Tổ dân phố 7",
        title="Hỏi về hỗ trợ học nghề",
        answer="<p>Được hỗ trợ <em>một phần</em> học phí.</p>",
    )
    AnswerAttachment.objects.create(
        question=question, title="Mẫu đơn đề nghị", file=document_upload("mau-don.pdf")
    )
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Hỏi về hỗ trợ học nghề" in page
    assert "Được hỗ trợ <em>một phần</em> học phí." in page
    assert "Mẫu đơn đề nghị" in page
    assert "N.V.A." in page and "Nguyễn Văn An" not in page
    assert question.email not in page and question.phone not in page

    Question.objects.filter(pk=question.pk).update(name_shown="full")
    question.refresh_from_db()
    question.save()  # a published question edited: its page is refreshed
    assert "Nguyễn Văn An" in client.get(question.get_absolute_url()).content.decode()

    question.name_shown = "hidden"
    question.save()
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Nguyễn Văn An" not in page and "N.V.A." not in page and "Người hỏi" not in page


def test_nothing_a_citizen_wrote_is_rendered_as_html(client):
    question = published(
        name="<b>Kẻ xấu</b>",
        name_shown="full",
        title='<img src=x onerror="alert(1)">',
        text="<script>alert('hỏi')</script>",
        ward_text="<i>Tổ 1</i>",
    )
    for url in (question.get_absolute_url(), LIST, LIST + "?q=alert"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>Kẻ xấu" not in page
        assert "&lt;img src=x" in page


def test_the_feed_and_the_sitemap_list_published_questions_only(client):
    shown = published(title="Câu hỏi trong RSS")
    hidden = make_question(title="Câu hỏi chưa công bố RSS")
    feed = client.get(reverse("questions:feed")).content.decode()
    assert "Câu hỏi trong RSS" in feed and "Câu hỏi chưa công bố RSS" not in feed
    sitemap = whole_sitemap(client)
    assert f"/hoi-dap/{shown.pk}/" in sitemap and f"/hoi-dap/{hidden.pk}/" not in sitemap


def test_an_unpublished_or_unknown_question_page_is_a_404(client):
    for status in ("received", "answered", "declined"):
        assert client.get(make_question(status=status).get_absolute_url()).status_code == 404
    assert client.get("/hoi-dap/999999/").status_code == 404


def test_the_menu_links_to_the_questions(client):
    assert 'href="/hoi-dap/"' in client.get("/").content.decode()


def test_renaming_the_answering_unit_shows_on_the_cached_question_page(client):
    question = published(unit=make_unit(name="Phòng Văn hóa"))
    assert "Phòng Văn hóa" in client.get(question.get_absolute_url()).content.decode()
    assert client.get(question.get_absolute_url())["X-Page-Cache"] == "hit"

    question.unit.name = "Phòng Văn hóa và Thông tin"
    question.unit.save()

    assert "Phòng Văn hóa và Thông tin" in client.get(question.get_absolute_url()).content.decode()
