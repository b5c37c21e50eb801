"""Every public URL of the site, found in the URL resolver, so new endpoints are covered too."""

from dataclasses import dataclass
from html.parser import HTMLParser

from captcha.models import CaptchaStore
from django.conf import settings
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from factories import make_article, make_category, make_consultation, make_page, make_poll

# Staff-only URLs (tested in test_uploads.py and test_admin_login.py) and, in DEBUG, uploads.
NOT_PUBLIC = (settings.ADMIN_URL, "ckeditor/", settings.MEDIA_URL.lstrip("/"))


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern


def _parameters(pattern):
    if isinstance(pattern.pattern, RoutePattern):
        return list(pattern.pattern.converters)
    return list(pattern.pattern.regex.groupindex)


@dataclass(frozen=True)
class Route:
    """A named URL pattern a reader can reach, and the names of its URL parameters."""

    route: str
    name: str
    parameters: tuple

    def url(self, samples, **overrides):
        kwargs = {name: samples.value_for(self, name) for name in self.parameters}
        kwargs.update(overrides)
        return reverse(self.name, kwargs=kwargs)


def public_routes():
    """Routes of every public URL pattern, read from the URL resolver when the tests load.

    A route without a name cannot be reversed; none of ours lacks one (test_methods checks).
    """
    routes = []
    for route, namespace, pattern in _walk(get_resolver().url_patterns):
        plain = route.lstrip("^")
        if plain.startswith(NOT_PUBLIC):
            continue
        name = ":".join(part for part in (namespace, pattern.name) if part)
        routes.append(Route(route, name, tuple(_parameters(pattern))))
    return routes


class Samples:
    """Real objects to put into URL parameters: a published article, its category, a captcha."""

    def __init__(self):
        self.category = make_category(name="Tin tức an ninh", slug="tin-tuc-an-ninh")
        self.article = make_article(category=self.category, title="Bài viết kiểm tra an toàn")
        self.captcha_key = CaptchaStore.generate_key()
        # Open, so that the comment form and the ballot are there to be fuzzed.
        self.consultation = make_consultation(title="Dự thảo kiểm tra an toàn")
        self.poll = make_poll(question="Cuộc thăm dò kiểm tra an toàn?")
        self.page = make_page(title="Trang kiểm tra an toàn", slug="kiem-tra-an-toan")

    def value_for(self, route, parameter):
        if parameter == "slug":
            # Category pages and feeds take a category's slug; article pages and the readers'
            # feedback endpoints under them take an article's; consultation pages a draft's.
            if route.name.startswith("consultations:"):
                return self.consultation.slug
            return self.category.slug if "categor" in route.name else self.article.slug
        if parameter == "poll_id":
            return self.poll.pk
        if parameter == "path":
            return self.page.path
        if parameter == "key":
            return self.captcha_key
        if parameter == "section":
            return "articles"
        if parameter in {"pk", "id", "article_id"}:
            return self.article.pk
        raise LookupError(f"No sample value for <{parameter}> in {route.route}")


class FormFinder(HTMLParser):
    """The forms of a page: action, method and the names of their fields."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action") or "",
                    "method": (attrs.get("method") or "get").lower(),
                    "fields": [],
                }
            )
        elif tag in {"input", "textarea", "select"} and self.forms and attrs.get("name"):
            self.forms[-1]["fields"].append(attrs["name"])


def forms_in(html):
    finder = FormFinder()
    finder.feed(html)
    return finder.forms
