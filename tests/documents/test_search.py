"""Readers find a document by its number (spaces, case and accents optional) or by words of its
summary (accents optional); filters combine with each other and with a search."""

from datetime import date

import pytest
from factories import make_document

from documents.models import Document, DocumentType, IssuingBody, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def market_fees():
    return make_document(
        number="15/2024/QĐ-UBND",
        summary="Quy định mức thu phí chợ trên địa bàn thị xã",
        issued_on=date(2024, 3, 15),
        effective_on=date(2024, 4, 1),
    )


@pytest.fixture
def other():
    return make_document(
        number="07/CT-UBND",
        summary="Tăng cường công tác phòng chống thiên tai năm 2023",
        issued_on=date(2023, 6, 1),
        effective_on=date(2023, 6, 1),
    )


def found(query):
    return list(Document.objects.search(query))


@pytest.mark.parametrize(
    "query",
    [
        "15/2024/QĐ-UBND",
        "15/2024/qđ-ubnd",
        "15/2024/qd-ubnd",
        "15 / 2024 / QĐ - UBND",
        "15/2024",
        "qđ-ubnd 15",
    ],
)
def test_a_document_is_found_by_its_number_written_any_way(market_fees, other, query):
    assert market_fees in found(query)
    assert other not in found(query)


@pytest.mark.parametrize("query", ["phí chợ", "phi cho", "PHI CHO", "  thu   phi  "])
def test_a_document_is_found_by_words_of_its_summary_accents_optional(market_fees, other, query):
    assert found(query) == [market_fees]


def test_every_word_must_be_in_the_summary(market_fees, other):
    assert found("phi thien tai") == []


def test_the_full_text_is_searched_too(other):
    document = make_document(summary="Kế hoạch", full_text="Tổ chức lễ hội đền Chợ Củi")
    assert found("den cho cui") == [document]


def test_an_empty_search_finds_nothing(market_fees):
    assert found("   ") == []


def test_filters_combine(market_fees, other):
    decision = DocumentType.objects.create(name="Quyết định")
    directive = DocumentType.objects.create(name="Chỉ thị")
    council = IssuingBody.objects.create(name="HĐND thị xã")
    committee = IssuingBody.objects.create(name="UBND thị xã")
    land = Sector.objects.create(name="Đất đai")
    a = make_document(
        doc_type=decision, issuing_body=committee, sector=land, issued_on=date(2024, 5, 1)
    )
    b = make_document(
        doc_type=decision, issuing_body=council, sector=land, issued_on=date(2024, 5, 2)
    )
    c = make_document(
        doc_type=directive, issuing_body=committee, sector=land, issued_on=date(2024, 5, 3)
    )
    d = make_document(doc_type=decision, issuing_body=committee, issued_on=date(2023, 5, 3))

    def pks(**filters):
        return set(Document.objects.filtered(**filters).values_list("pk", flat=True))

    assert pks(doc_type=decision) == {a.pk, b.pk, d.pk}
    assert pks(doc_type=decision, issuing_body=committee) == {a.pk, d.pk}
    assert pks(doc_type=decision, issuing_body=committee, year=2024) == {a.pk}
    assert pks(issuing_body=committee, sector=land) == {a.pk, c.pk}
    assert pks(doc_type=directive, issuing_body=council) == set()


def test_common_words_show_the_newest_200_documents_and_say_there_are_more(client, monkeypatch):
    from documents import selectors

    # The cap's behaviour, with a cap small enough to pass: the page counts no further.
    monkeypatch.setattr(selectors, "SEARCH_MAX_RESULTS", 30)
    monkeypatch.setattr("documents.views.SEARCH_MAX_RESULTS", 30)
    kind = DocumentType.objects.create(name="Thông báo")
    body = IssuingBody.objects.create(name="UBND thị xã")
    for day in range(1, 33):
        make_document(
            doc_type=kind,
            issuing_body=body,
            number=f"{day}/TB-UBND",
            summary=f"Thông báo lịch thu phí chợ đợt {day}",
            issued_on=date(2024, 1, day % 28 + 1) if day < 28 else date(2024, 2, day - 27),
        )

    first = client.get("/van-ban/", {"q": "phi cho"}).content.decode()

    assert "Có hơn 30 văn bản cho “phi cho”." in first
    assert first.index("5/TB-UBND") > first.index("32/TB-UBND")  # newest first
    assert client.get("/van-ban/", {"q": "phi cho", "page": 2}).status_code == 200
    assert client.get("/van-ban/", {"q": "phi cho", "page": 3}).status_code == 404
    few = client.get("/van-ban/", {"q": "32/tb-ubnd"}).content.decode()
    assert "Có 1 văn bản cho “32/tb-ubnd”." in few


def test_the_newest_documents_found_first_are_the_ones_the_index_finds(monkeypatch):
    from core import textsearch
    from documents.selectors import matching_ids

    # Windows of two to six newest documents: the search must look past them for older ones.
    monkeypatch.setattr(textsearch, "NEWEST_WINDOW", 2)
    monkeypatch.setattr(textsearch, "WIDEST_WINDOW", 6)
    kind = DocumentType.objects.create(name="Quyết định")
    for day in range(1, 8):
        make_document(
            doc_type=kind,
            number=f"{day}/2025/QĐ-UBND",
            summary=f"Phê duyệt kế hoạch tiêm chủng đợt {day}",
            # Two a day: a window's edge falls between documents of the same date.
            issued_on=date(2025, 3, (day + 1) // 2),
        )
    old = make_document(
        number="1234/2019/QĐ - UBND",
        summary="Quy định mức thu phí chợ Đức Thuận",
        issued_on=date(2019, 1, 2),
    )
    for day in range(3, 6):
        make_document(summary=f"Sửa đổi mức thu phí chợ lần {day}", issued_on=date(2019, 1, day))

    for query, limit in [
        ("tiem chung", 3),
        ("tiem chung", 4),
        ("tiem chung", 5),
        ("tiem chung", 6),
        ("tiem chung", 20),
        ("phi cho", 3),
        ("phi cho", 5),
        ("1234/2019/qd-ubnd", 3),
        ("1234/2019", 1),
        ("2025", 5),
        ("ke hoach 7", 3),
        ("xyz", 3),
    ]:
        by_index = list(
            Document.objects.search(query).order_by("-issued_on", "-pk").values_list("pk", flat=True)
        )[:limit]
        assert matching_ids(search=query, limit=limit) == by_index, (query, limit)
    assert matching_ids(search="1234/2019/qd-ubnd", limit=3) == [old.pk]
    assert matching_ids(search="tiem chung", limit=20, doc_type=kind, year=2019) == []
    assert len(matching_ids(search="tiem chung", limit=20, doc_type=kind, year=2025)) == 7


def test_an_edited_document_is_found_by_its_new_words_only():
    document = make_document(number="21/2024/TB-UBND", summary="Thông báo lịch tiếp công dân")

    document.number = "22/2024/TB-UBND"
    document.summary = "Thông báo lịch thu gom rác thải"
    document.save()

    assert found("tiep cong dan") == []
    assert found("21/2024/tb") == []
    assert found("thu gom rac") == [document]
    assert found("22/2024/tb-ubnd") == [document]
    document.delete()
    assert found("thu gom rac") == []


def test_short_words_and_wildcards_are_words_to_find():
    fees = make_document(number="3/TB", summary="Giải ngân 100% vốn đầu tư công")
    make_document(number="4/TB", summary="Giải ngân 10 tỷ đồng")

    assert found("3/tb") == [fees]
    assert found("100%") == [fees]
    assert found("10_") == []
