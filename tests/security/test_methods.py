"""Public URLs answer only the methods they serve: TRACE, PUT, DELETE and the like get 405."""

import pytest
from django.test import Client
from security.public_urls import public_routes

ROUTES = public_routes()
UNSERVED_METHODS = ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT"]
# Pages a reader only reads. The readers' feedback endpoints that take votes and comments are
# not among them, and neither is any endpoint added later until it is listed here.
READ_ONLY = [
    "news:home",
    "news:category",
    "news:article",
    "news:search",
    "news:feed",
    "news:category_feed",
    "sitemap",
    "sitemap_section",
    "robots_txt",
    "health",
    "captcha-image",
    "captcha-image-2x",
    "captcha-audio",
    "captcha-refresh",
]


def _route(name):
    return next(route for route in ROUTES if route.name == name)


def test_the_route_list_finds_the_public_pages_and_the_feedback_endpoints():
    names = {route.name for route in ROUTES}
    assert {"news:home", "news:article", "news:search", "news:feed", "robots_txt"} <= names
    assert all(route.name for route in ROUTES), "every public URL pattern needs a name"
    assert not any(route.route.startswith(("admin/", "ckeditor/")) for route in ROUTES)


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_public_url_answers_unserved_methods_with_405(client, samples, route):
    url = route.url(samples)
    for method in UNSERVED_METHODS:
        response = client.generic(method, url)
        assert response.status_code == 405, f"{method} {url} -> {response.status_code}"
        assert set(response["Allow"].split(", ")) <= {"GET", "HEAD", "POST"}


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_anonymous_post_without_csrf_token_is_refused(samples, route):
    client = Client(enforce_csrf_checks=True)
    response = client.post(route.url(samples), {"stars": "5", "text": "Bình luận"})
    assert response.status_code in {403, 405}


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_page_answers_post_with_405_even_with_a_valid_csrf_token(client, samples, name):
    # The test client skips the CSRF check, as a post carrying a valid token passes it.
    response = client.post(_route(name).url(samples), {"q": "x"})
    assert response.status_code == 405
    assert "POST" not in response["Allow"]


def test_editor_upload_refuses_get_and_put_for_anyone(client):
    assert client.get("/ckeditor/upload/").status_code == 405
    assert client.put("/ckeditor/upload/").status_code == 405
