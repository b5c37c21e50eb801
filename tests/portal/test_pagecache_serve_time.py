"""Figures filled into pages as they are served: a cached page is as current as a fresh one."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core import pagecache

pytestmark = pytest.mark.django_db

shown = {"figure": "7"}


@pytest.fixture(autouse=True)
def figure_filler():
    pagecache.fill_at_serve_time(
        "test-figure", lambda argument: f"<b>{shown['figure']}{argument}</b>"
    )
    shown["figure"] = "7"
    yield
    pagecache._serve_time_fillers.pop("test-figure")


@pagecache.reader_page()
def page_with_a_figure(request):
    return HttpResponse(f"<p>Hôm nay: {pagecache.serve_time('test-figure', 'x')}</p>")


def serve(**cookies):
    request = RequestFactory().get("/trang-thu/")
    request.COOKIES.update(cookies)
    return page_with_a_figure(request)


def test_a_cached_page_shows_the_figure_of_the_moment_it_is_served():
    miss = serve()
    shown["figure"] = "8"
    hit = serve()

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert miss.content.decode() == "<p>Hôm nay: <b>7x</b></p>"
    assert hit.content.decode() == "<p>Hôm nay: <b>8x</b></p>"


def test_the_etag_changes_with_the_figure_and_only_with_it():
    first, same = serve(), serve()
    shown["figure"] = "8"
    changed = serve()

    assert first["ETag"] == same["ETag"] != changed["ETag"]
    # A browser's copy can only be confirmed by its ETag, never by a date the figure outlived.
    assert not changed.has_header("Last-Modified")


def test_a_page_that_is_never_cached_shows_the_figure_itself():
    response = serve(sessionid="staff-session")

    assert "X-Page-Cache" not in response
    assert response.content.decode() == "<p>Hôm nay: <b>7x</b></p>"


def test_outside_a_cached_page_a_template_gets_the_figure_itself():
    assert pagecache.serve_time("test-figure", 3) == "<b>73</b>"


def test_a_figure_that_cannot_be_read_leaves_the_cached_page_served_without_it(caplog):
    serve()

    def database_down(argument):
        raise ConnectionError("could not connect to server")

    pagecache.fill_at_serve_time("test-figure", database_down)
    hit = serve()

    assert hit.status_code == 200
    assert hit.content.decode() == "<p>Hôm nay: </p>"
    assert "Could not fill test-figure" in caplog.text


def test_a_serve_time_argument_cannot_break_out_of_its_placeholder():
    with pytest.raises(ValueError):
        pagecache.serve_time("test-figure", "--><script>")
