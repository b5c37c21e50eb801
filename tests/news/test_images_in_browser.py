"""Pictures on a phone, in a real browser: the first screen's picture comes first, every picture
holds its place before it loads, and a 360 px screen downloads a small rendition."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from factories import make_article, make_category, photo_with_gps

from sidebar.models import TownMap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COVER_SIZE = (1200, 800)


def cover():
    return SimpleUploadedFile("bia.jpg", photo_with_gps(size=COVER_SIZE), content_type="image/jpeg")


@pytest.fixture
def front_page():
    """A featured article first, then a category's articles, all with covers, and the map."""
    category = make_category(name="Kinh tế")
    lead = make_article(title="Tin nổi bật đầu trang", category=category, cover=cover())
    lead.is_featured = True
    lead.save()
    for number in range(4):
        make_article(title=f"Tin thứ {number}", category=category, cover=cover())
    TownMap.objects.create(
        title="Bản đồ hành chính",
        image=SimpleUploadedFile("ban-do.png", photo_with_gps("PNG", size=(900, 600))),
    )
    return lead


def images_of(page, scope="body"):
    return page.eval_on_selector_all(
        f"{scope} img",
        """images => images.map(image => ({
            src: image.getAttribute("src"),
            width: image.getAttribute("width"),
            height: image.getAttribute("height"),
            loading: image.loading,
            fetchPriority: image.fetchPriority,
        }))""",
    )


def rendition_width(url):
    found = re.search(r"\.w(\d+)\.webp$", url)
    assert found, f"{url} is not a rendition"
    return int(found[1])


def test_the_home_pages_first_image_is_fetched_first_and_not_lazily(page, live_server, front_page):
    page.goto(live_server.url + "/")

    first = images_of(page, "main")[0]

    assert first["loading"] == "eager"
    assert first["fetchPriority"] == "high"
    assert front_page.cover.url.rsplit(".", 1)[0] in first["src"]


def test_an_articles_cover_is_fetched_first_and_not_lazily(page, live_server, front_page):
    page.goto(live_server.url + front_page.get_absolute_url())

    cover = page.locator(".article-cover img")

    assert cover.evaluate("image => [image.loading, image.fetchPriority]") == ["eager", "high"]


@pytest.mark.parametrize("where", ["home", "article"])
def test_every_image_has_its_width_and_height(page, live_server, front_page, where):
    page.goto(live_server.url + ("/" if where == "home" else front_page.get_absolute_url()))

    images = images_of(page)

    unsized = [image["src"] for image in images if not (image["width"] and image["height"])]
    assert unsized == []
    # The covers (five on the home page, one on the article's) and the town map.
    stored = [image for image in images if image["src"].startswith("/media/")]
    assert len(stored) == (6 if where == "home" else 2)
    for image in stored:
        assert int(image["width"]) / int(image["height"]) == pytest.approx(1.5)


@pytest.mark.parametrize(
    ("viewport", "scale", "lead_width", "thumbnail_width"),
    [
        # A 360 px phone at 2x: the lead fills 328 px (656 device pixels), a thumbnail 120 px.
        ({"width": 360, "height": 740}, 2, 720, 320),
        # The same phone at 1x: 328 and 120 device pixels.
        ({"width": 360, "height": 740}, 1, 480, 160),
        # A desktop screen: the main column is 824 px beside the sidebar.
        ({"width": 1280, "height": 900}, 1, 960, 160),
    ],
)
def test_the_browser_downloads_the_smallest_rendition_that_fills_the_slot(
    browser, live_server, front_page, viewport, scale, lead_width, thumbnail_width
):
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        lead = page.locator(".card-large .card-image img")
        thumbnail = page.locator(".category-section .card-image img").first
        thumbnail.scroll_into_view_if_needed()
        chosen = [
            # The choice, whether or not the test server then serves the file.
            image.evaluate(
                """image => new Promise(done => {
                    if (image.complete && image.currentSrc) return done(image.currentSrc);
                    image.addEventListener("load", () => done(image.currentSrc));
                    image.addEventListener("error", () => done(image.currentSrc));
                })"""
            )
            for image in (lead, thumbnail)
        ]
    finally:
        context.close()

    assert [rendition_width(url) for url in chosen] == [lead_width, thumbnail_width]
