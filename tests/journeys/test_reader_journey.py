"""A reader on a phone: browse, read, listen to a song, follow a link, search without accents."""

import pytest
from factories import audio_upload, image_upload, make_article, make_category
from playwright.sync_api import expect

from sidebar.models import Song, TownMap, WebsiteLink

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def town_site():
    culture = make_category(name="Văn hóa - Xã hội")
    article = make_article(
        title="Hội nghị tổng kết phong trào văn hóa cơ sở",
        lead="Thị xã biểu dương các tổ dân phố tiêu biểu.",
        body="<p>Hội nghị diễn ra tại hội trường <strong>Ủy ban nhân dân</strong>.</p>",
        category=culture,
        cover=image_upload("hoi-nghi.jpg", "JPEG", (1200, 800)),
        cover_caption="Quang cảnh hội nghị",
        is_featured=True,
    )
    make_article(title="Lịch tiếp công dân tháng 12", category=make_category(name="Thông báo"))
    TownMap.objects.create(title="Bản đồ hành chính thị xã", image=image_upload(size=(900, 600)))
    Song.objects.create(title="Quê hương bên núi Hồng", audio=audio_upload(seconds=3))
    WebsiteLink.objects.create(title="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn/")
    return article


def test_a_reader_on_a_phone_browses_listens_follows_a_link_and_searches(
    live_server, phone_page, town_site, screenshot
):
    page = phone_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # The machine is offline: the government site is answered by a stand-in page.
    page.context.route(
        "https://dichvucong.gov.vn/**",
        lambda route: route.fulfill(body="<title>Dịch vụ công</title>", content_type="text/html"),
    )

    page.goto(live_server.url + "/")
    screenshot(page, "home-phone")
    page.get_by_role("navigation", name="Chuyên mục").get_by_role(
        "link", name="Văn hóa - Xã hội"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Văn hóa - Xã hội")

    page.get_by_role("link", name=town_site.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(town_site.title)
    expect(page.locator(".article-cover figcaption")).to_have_text("Quang cảnh hội nghị")
    # Nothing sticks out sideways on a 390-pixel screen (measured once the stylesheet applies:
    # the heading can be there before the page has finished loading).
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "article-phone")

    song = page.locator(".songs audio")
    song.scroll_into_view_if_needed()
    song.evaluate("audio => audio.play()")
    for _ in range(50):  # the page's CSP forbids wait_for_function's string evaluation
        if song.evaluate("audio => audio.currentTime") > 0.3:
            break
        page.wait_for_timeout(100)
    assert song.evaluate("audio => !audio.paused && audio.currentTime > 0.3 && audio.duration > 1")

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Cổng Dịch vụ công quốc gia").click()
    government_site = opened.value
    government_site.wait_for_load_state()
    assert government_site.url == "https://dichvucong.gov.vn/"
    # rel=noopener: the opened site cannot reach back into the portal's tab.
    assert government_site.evaluate("window.opener") is None
    government_site.close()

    search = page.get_by_role("search").first.get_by_role("searchbox")
    search.fill("hoi nghi van hoa")
    search.press("Enter")
    expect(page.locator(".search-summary")).to_contain_text("Tìm thấy 1 bài viết")
    expect(page.get_by_role("link", name=town_site.title)).to_be_visible()
    assert not errors, errors


def test_home_and_article_screenshots_on_a_desktop(live_server, page, town_site, screenshot):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Tin nổi bật")).to_be_visible()
    screenshot(page, "home-desktop")
    page.goto(live_server.url + town_site.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(town_site.title)
    screenshot(page, "article-desktop")
