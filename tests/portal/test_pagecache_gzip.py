"""Cached pages travel gzip-compressed to browsers that accept it, compressed once when stored;
pages with a reader's own secrets never are; the page a process keeps is served again early."""

import gzip
import random

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from factories import make_article, make_document

from core import pagecache, pagecache_gzip

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_a_cached_page_asked_with_gzip_is_gzip_and_decodes_to_the_same_html(client):
    article = make_article(title="Trang nén gửi về điện thoại")
    client.get(article.get_absolute_url())
    plain = client.get(article.get_absolute_url())
    compressed = client.get(article.get_absolute_url(), **GZIP)

    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert "Trang nén gửi về điện thoại" in plain.content.decode()
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content) / 2
    for response in (plain, compressed):
        assert "Accept-Encoding" in response["Vary"]


def test_each_stored_page_is_compressed_once_however_often_it_is_served(client, monkeypatch):
    compressions = []
    real_compressor = pagecache_gzip.zlib.compressobj

    def counted_compressor(*args):
        compressions.append(args)
        return real_compressor(*args)

    monkeypatch.setattr(pagecache_gzip.zlib, "compressobj", counted_compressor)
    article = make_article()
    pages = [client.get(article.get_absolute_url(), **GZIP) for _n in range(5)]

    assert [page["X-Page-Cache"] for page in pages] == ["miss"] + ["hit"] * 4
    assert len(compressions) == 1
    assert len({gzip.decompress(page.content) for page in pages}) == 1


def test_a_browser_keeps_each_representation_by_its_own_etag(client):
    article = make_article()
    plain = client.get(article.get_absolute_url())
    compressed = client.get(article.get_absolute_url(), **GZIP)

    assert plain["ETag"] != compressed["ETag"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=compressed["ETag"], **GZIP)
    assert again.status_code == 304
    assert again["ETag"] == compressed["ETag"]
    # A copy of the plain page is no copy of the compressed one.
    other = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=plain["ETag"], **GZIP)
    assert other.status_code == 200 and other["Content-Encoding"] == "gzip"


def test_a_browser_that_refuses_gzip_gets_the_plain_page(client):
    article = make_article()
    client.get(article.get_absolute_url())
    for refusal in ("gzip;q=0", "identity", "br", ""):
        response = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=refusal)
        assert "Content-Encoding" not in response, refusal
        assert b"<html" in response.content


def test_pages_with_a_readers_own_token_are_never_compressed(client, editor_client):
    # BREACH: only pages the same for every reader are compressed. The contact form carries the
    # reader's CSRF token and captcha key; a staff member's page is theirs alone.
    form = client.get("/lien-he/", **GZIP)
    assert form.status_code == 200 and b"csrfmiddlewaretoken" in form.content
    assert "Content-Encoding" not in form

    article = make_article()
    staff_page = editor_client.get(article.get_absolute_url(), **GZIP)
    assert staff_page.status_code == 200
    assert "Content-Encoding" not in staff_page


shown = {"figure": "7"}


@pytest.fixture
def figure_filler():
    pagecache.fill_at_serve_time("test-figure", lambda argument: f"<b>{shown['figure']}</b>")
    shown["figure"] = "7"
    yield
    pagecache._serve_time_fillers.pop("test-figure")


@pagecache.reader_page()
def long_page_with_figures(request):
    figure = pagecache.serve_time("test-figure")
    return HttpResponse(f"<p>{figure}</p>{'<p>Lượt truy cập hôm nay</p>' * 40}{figure}")


def test_the_compressed_page_carries_the_figures_of_the_moment_it_is_served(figure_filler):
    def serve():
        request = RequestFactory().get("/trang-thu/", **GZIP)
        return gzip.decompress(long_page_with_figures(request).content).decode()

    first = serve()
    shown["figure"] = "12.345.678"
    second = serve()

    assert first.startswith("<p><b>7</b></p>") and first.endswith("<b>7</b>")
    assert second.startswith("<p><b>12.345.678</b></p>") and second.endswith("<b>12.345.678</b>")
    assert first.count("Lượt truy cập hôm nay") == second.count("Lượt truy cập hôm nay") == 40


def test_pieces_compressed_once_spell_the_page_with_any_values_between_them():
    rng = random.Random(19)
    for _case in range(50):
        pieces = [rng.randbytes(rng.randrange(0, 2000)) * 2 for _n in range(rng.randrange(1, 5))]
        # Values up to past the largest stored deflate block, and empty ones.
        values = [rng.randbytes(rng.choice([0, 3, 40, 70_000])) for _n in pieces[1:]]
        page = pieces[0] + b"".join(
            value + piece for value, piece in zip(values, pieces[1:], strict=True)
        )

        assert gzip.decompress(pagecache_gzip.GzipPieces(pieces).stream(values)) == page


def test_a_page_served_again_from_the_process_copy_still_refuses_an_unknown_host(client):
    article = make_article()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    assert client.get(article.get_absolute_url(), HTTP_HOST="evil.example").status_code == 400


def test_a_search_address_never_gets_the_list_page_the_cache_keeps(client):
    make_document(summary="Quy định về phí chợ")
    make_document(summary="Kế hoạch trồng cây xanh")
    client.get("/van-ban/")
    assert client.get("/van-ban/")["X-Page-Cache"] == "hit"

    found = client.get("/van-ban/?q=phi+cho")

    assert "X-Page-Cache" not in found
    assert "phí chợ" in found.content.decode()
    assert "trồng cây xanh" not in found.content.decode()


def test_security_headers_stay_on_a_page_served_again(client):
    article = make_article()
    first = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url())

    assert again["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert again[header] == first[header]
    assert again["Content-Language"] == "vi"
