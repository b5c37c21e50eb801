"""The visit rule, stated once: a table of readers' page sequences and what they must count.

Every case runs on both counter stores (the database's Python and Redis's Lua script), with page
views written at once and buffered, through real requests: a store that drifts from the rule
fails here. A step is ``(minute, reader, page)``; a reader named ``*-no-cookies`` refuses
cookies (clears them before each page), the others keep what the site gives them.
"""

from datetime import timedelta

import pytest
from factories import make_article, make_category

# (case, steps, expected visits, expected views of the first article)
VISIT_RULE = [
    ("one page", [(0, "an", "home")], 1, 0),
    (
        "home, category, article within a minute",
        [(0, "an", "home"), (0.2, "an", "category"), (0.5, "an", "article")],
        1,
        1,
    ),
    (
        "home, category, home within a minute",
        [(0, "an", "home"), (0.2, "an", "category"), (0.5, "an", "home")],
        1,
        0,
    ),
    (
        "article, home, category, article again within a minute",
        [
            (0, "an", "article"),
            (0.1, "an", "home"),
            (0.3, "an", "category"),
            (0.6, "an", "article"),
        ],
        1,
        1,
    ),
    (
        "category, article, other article, home over two minutes",
        [(0, "an", "category"), (0.5, "an", "article"), (1, "an", "other"), (2, "an", "home")],
        1,
        1,
    ),
    (
        "ten pages in the same second",
        [(0, "an", page) for page in ["home", "category", "article", "other", "home"] * 2],
        1,
        1,
    ),
    (
        "pages every ten minutes for two hours",
        [(minute, "an", "home") for minute in range(0, 120, 10)],
        1,
        0,
    ),
    ("back after thirty minutes without a page", [(0, "an", "home"), (30, "an", "home")], 2, 0),
    ("back after twenty-nine minutes", [(0, "an", "home"), (29, "an", "home")], 1, 0),
    (
        "the same article in two visits",
        [(0, "an", "article"), (1, "an", "article"), (45, "an", "article")],
        2,
        2,
    ),
    (
        "two readers with the same browser behind one address",
        [(0, "an", "home"), (0, "binh", "home"), (0.1, "an", "category"), (0.1, "binh", "article")],
        2,
        1,
    ),
    (
        "two readers taking turns over five pages each",
        [
            (m / 10, name, "article" if m % 3 else "home")
            for m in range(5)
            for name in ("an", "binh")
        ],
        2,
        2,
    ),
    (
        "a reader refusing cookies, pages a few minutes apart",
        [(minute, "chi-no-cookies", "home") for minute in range(0, 15, 3)],
        1,
        0,
    ),
    (
        "a reader refusing cookies reads an article twice",
        [(0, "chi-no-cookies", "article"), (2, "chi-no-cookies", "article")],
        1,
        1,
    ),
]


@pytest.fixture
def pages():
    category = make_category(name="Tin địa phương")
    article = make_article(category=category)
    other = make_article(category=category)
    return {
        "home": "/",
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "other": other.get_absolute_url(),
        "first article": article,
    }


@pytest.mark.parametrize(
    ("steps", "visits", "views"),
    [pytest.param(steps, visits, views, id=case) for case, steps, visits, views in VISIT_RULE],
)
def test_the_visit_rule(store, clock, new_reader, counted, pages, steps, visits, views):
    start = clock.now
    browsers = {}
    for minute, name, page in steps:
        clock.now = start + timedelta(minutes=minute)
        browser = browsers.setdefault(name, new_reader())
        if name.endswith("-no-cookies"):
            browser.cookies.clear()
        assert browser.get(pages[page]).status_code == 200

    assert (counted.visits(), counted.views(pages["first article"])) == (visits, views)
