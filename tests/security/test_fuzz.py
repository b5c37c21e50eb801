"""Hostile input on every public URL and form gets a 4xx or a normal page, never a 500.

The endpoints come from the URL resolver and the forms from the pages themselves, so the readers'
feedback and counter endpoints, and any added later, are fuzzed without editing this file.
"""

import pytest
from django.test import Client
from security.public_urls import forms_in, public_routes

ROUTES = public_routes()

HOSTILE_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "-999999999999",
    "1.5",
    "1e9",
    str(10**9),
    "9" * 60,
    "²",  # a digit to str.isdigit(), not to int()
    "١٢",  # Arabic-Indic digits
    "１",  # a full-width one
    "abc",
    "NaN",
    "[]",
    '{"stars": 5}',
    "a" * 20_000,
    "' OR '1'='1",
    "1; DROP TABLE news_article; --",
    "%' UNION SELECT NULL, NULL --",
    "'; SELECT pg_sleep(5); --",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
    "\x00",
    "bình\x00luận",
    "\r\nSet-Cookie: injected=1",
    "../../../../etc/passwd",
    "\u202egnp.exe",
    "😀" * 500,
    "ﬀİẞ",
]
# Written into the raw query string, as a client that sends broken percent-encodings would.
RAW_QUERY_VALUES = ["%ff", "%ff%fe%fd", "%c0%af", "%ed%a0%80", "%00", "%", "%zz", "%e2%82", "a%00b"]
BAD_PATH_PARTS = [
    "khong-ton-tai",
    "a" * 300,
    "%2e%2e",
    "%00",
    "%ff%fe",
    "%e2%80%ae",
    "%D1%81%D0%BB%D0%B0%D0%B3",
    "%3Cscript%3E",
    "a%20b",
    "-",
    "0",
]
QUERY_NAMES = ["page", "q", "key", "next", "tuan"]
REFLECTED_PAYLOADS = ["<script>alert(1)</script>", "<svg onload=alert(1)>"]


class Fuzzer:
    """Sends requests, counts them and remembers every answer that is a 500 or reflects a script."""

    def __init__(self):
        self.client = Client(raise_request_exception=False, HTTP_USER_AGENT="fuzz/1.0")
        self.tried = 0
        self.failures = []

    def send(self, method, url, data=None, **extra):
        self.tried += 1
        if method == "GET":
            response = self.client.get(url, data, **extra)
        elif isinstance(data, bytes):
            response = self.client.generic(method, url, data, **extra)
        else:
            response = self.client.post(url, data or {}, **extra)
        if response.status_code >= 500:
            self.failures.append(f"{method} {url[:120]} -> {response.status_code}")
        elif "html" in response.get("Content-Type", "") and not response.streaming:
            body = response.content.decode("utf-8", "replace")
            for payload in REFLECTED_PAYLOADS:
                if payload in body:
                    self.failures.append(f"{method} {url[:120]} reflects {payload}")
        return response


@pytest.fixture
def fuzzer(samples, capsys):
    fuzzer = Fuzzer()
    yield fuzzer
    with capsys.disabled():
        print(f"\n  fuzz: {fuzzer.tried} hostile requests, {len(fuzzer.failures)} failures")


def test_hostile_query_parameters_never_cause_a_server_error(fuzzer, samples):
    for route in ROUTES:
        url = route.url(samples)
        for name in QUERY_NAMES:
            for value in HOSTILE_VALUES:
                fuzzer.send("GET", url, {name: value})
            for raw in RAW_QUERY_VALUES:
                fuzzer.send("GET", f"{url}?{name}={raw}")
    assert not fuzzer.failures, "\n".join(fuzzer.failures)
    assert fuzzer.tried >= len(ROUTES) * len(QUERY_NAMES) * len(HOSTILE_VALUES)


def test_bad_slugs_and_keys_in_the_path_get_a_4xx(fuzzer, samples):
    routes = [route for route in ROUTES if route.parameters]
    assert routes, "the site has pages with a slug in their address"
    for route in routes:
        placeholder = "thamsothu"
        url = route.url(samples, **dict.fromkeys(route.parameters, placeholder))
        for bad in BAD_PATH_PARTS:
            response = fuzzer.send("GET", url.replace(placeholder, bad))
            assert 400 <= response.status_code < 500, url.replace(placeholder, bad)
    assert not fuzzer.failures, "\n".join(fuzzer.failures)


def test_page_numbers_that_are_not_pages_are_404(client, samples):
    for url in ["/", "/tim-kiem/?q=an", f"/chuyen-muc/{samples.category.slug}/?q="]:
        for page in ["0", "-1", str(10**9), "9" * 60, "abc", "1.5", "²", "１"]:
            separator = "&" if "?" in url else "?"
            response = client.get(f"{url}{separator}page={page}")
            if url == "/":
                continue  # the home page has no pages and ignores the parameter
            assert response.status_code == 404, (url, page)


def test_search_reads_at_most_a_hundred_characters(client, samples):
    response = client.get("/tim-kiem/", {"q": "an ninh " + "x" * 5000})
    assert response.status_code == 200
    assert "x" * 101 not in response.content.decode()


def _post_targets(fuzzer, samples):
    """Every POST form on the public pages, plus every public URL with those fields."""
    fields = set()
    for route in ROUTES:
        response = fuzzer.client.get(route.url(samples))
        if "html" in response.get("Content-Type", "") and not response.streaming:
            for form in forms_in(response.content.decode("utf-8", "replace")):
                if form["method"] == "post":
                    fields.update(form["fields"])
    fields.discard("csrfmiddlewaretoken")
    return [route.url(samples) for route in ROUTES], sorted(fields)


def test_hostile_form_posts_never_cause_a_server_error(fuzzer, samples):
    urls, fields = _post_targets(fuzzer, samples)
    fields = fields or ["text"]
    for url in urls:
        for field in fields:
            for value in HOSTILE_VALUES:
                data = dict.fromkeys(fields, "1")
                data[field] = value
                fuzzer.send("POST", url, data)
        for body, content_type in [
            (b"text=%ff%fe&stars=%00", "application/x-www-form-urlencoded"),
            (b"\xff\xfe{not json", "application/json"),
            (b'{"stars": "' + b"9" * 5000 + b'"}', "application/json"),
            (b"&".join(b"f%d=1" % n for n in range(1500)), "application/x-www-form-urlencoded"),
            (b"text=" + b"a" * (6 * 1024 * 1024), "application/x-www-form-urlencoded"),
            (b"--x\r\nContent-Disposition: form-data; name=\r\n\r\n", "multipart/form-data"),
        ]:
            fuzzer.send("POST", url, body, content_type=content_type)
    assert not fuzzer.failures, "\n".join(fuzzer.failures)
