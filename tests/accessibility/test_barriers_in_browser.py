"""Issue 19's barriers, each met in a real browser: the spoken captcha, focus after a refused
comment, an expired captcha and a slow writer, a visible focus ring, stars told apart without
colour, and text that follows the reader's own browser size."""

import io
import re
import wave
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils import timezone
from factories import image_upload, make_article, make_vote
from PIL import Image
from playwright.sync_api import expect

from ratings.models import Comment
from sidebar.models import TownMap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUDIO_LINK = "Nghe mã xác thực (đọc từng chữ số bằng tiếng Việt)"
EXPIRED = "Mã xác thực đã hết hạn, vui lòng nhập mã mới."


def feedback_url(article):
    return reverse("ratings:feedback", kwargs={"slug": article.slug})


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def screenshot(page):
    return Image.open(io.BytesIO(page.screenshot())).convert("RGB")


def start_writing(page, live_server, article):
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_label("Họ và tên").fill("Phạm Thị Lan")
    expect(page.locator(".captcha-image")).to_have_attribute("src", re.compile(r"/captcha/image/"))


def current_key(page):
    return CaptchaStore.objects.get(hashkey=page.locator("input[name=captcha_0]").input_value())


def test_the_captcha_has_an_audio_link_a_screen_reader_names_and_it_speaks(page, live_server):
    article = make_article()
    start_writing(page, live_server, article)

    link = page.get_by_role("link", name=AUDIO_LINK)
    expect(link).to_be_visible()
    response = page.request.get(live_server.url + link.get_attribute("href"))

    assert response.status == 200
    assert response.headers["content-type"] == "audio/wav"
    with wave.open(io.BytesIO(response.body())) as sound:
        seconds = sound.getnframes() / sound.getframerate()
        samples = memoryview(sound.readframes(sound.getnframes())).cast("h")
    loudest = max(abs(sample) for sample in samples)
    assert seconds > 2 and loudest > 3000, (seconds, loudest)
    # The browser itself can play it.
    duration = page.evaluate(
        """href => new Promise((resolve, reject) => {
             const audio = new Audio(href);
             audio.addEventListener("loadedmetadata", () => resolve(audio.duration));
             audio.addEventListener("error", () => reject(new Error("cannot play")));
           })""",
        link.get_attribute("href"),
    )
    assert duration > 2


def test_after_a_wrong_captcha_focus_is_in_the_captcha_box_not_on_the_page(page, live_server):
    article = make_article()
    start_writing(page, live_server, article)
    page.get_by_label("Nội dung bình luận").fill("Xin hỏi lịch tiếp dân.")
    page.get_by_label("Mã xác thực").fill("00000")
    page.get_by_role("button", name="Gửi bình luận").click()

    expect(page.locator("#id_captcha_error")).to_have_text("Mã xác thực không đúng.")
    assert page.evaluate("document.activeElement.id") == "id_captcha_1"


def test_without_javascript_a_wrong_captcha_gives_a_summary_an_error_title_and_a_new_captcha(
    browser, live_server
):
    article = make_article()
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + feedback_url(article))
        first_image = page.locator(".captcha-image").get_attribute("src")
        page.get_by_label("Họ và tên").fill("Lê Văn Tư")
        page.get_by_label("Mã xác thực").fill("00000")
        page.get_by_role("button", name="Gửi bình luận").click()

        assert page.title().startswith("Lỗi: ")
        summary = page.get_by_role("alert").filter(has_text="Chưa gửi được")
        expect(summary.get_by_role("link", name="Mã xác thực không đúng.")).to_have_attribute(
            "href", "#id_captcha_1"
        )
        expect(
            summary.get_by_role("link", name="Vui lòng nhập nội dung bình luận.")
        ).to_have_attribute("href", "#id_text")
        # Focus opens in the first field to fix; a new captcha is there to answer.
        assert page.evaluate("document.activeElement.id") == "id_text"
        expect(page.locator(".captcha-image")).not_to_have_attribute("src", first_image)
        expect(page.get_by_role("link", name=AUDIO_LINK)).to_have_attribute(
            "href", re.compile(r"/captcha/audio/\w+\.wav")
        )
        expect(page.get_by_label("Họ và tên")).to_have_value("Lê Văn Tư")
    finally:
        context.close()


def test_an_expired_captcha_says_so_keeps_the_text_and_a_slow_writer_then_posts(page, live_server):
    article = make_article()
    start_writing(page, live_server, article)
    text = "Một góp ý dài, viết chậm rãi trong nửa giờ."
    page.get_by_label("Nội dung bình luận").fill(text)
    # The reader took longer than a key lives.
    key = current_key(page)
    CaptchaStore.objects.filter(pk=key.pk).update(expiration=timezone.now() - timedelta(minutes=1))
    page.get_by_label("Mã xác thực").fill(key.response)
    page.get_by_role("button", name="Gửi bình luận").click()

    expect(page.locator("#id_captcha_error")).to_have_text(EXPIRED)
    expect(page.get_by_label("Nội dung bình luận")).to_have_value(text)
    expect(page.get_by_label("Họ và tên")).to_have_value("Phạm Thị Lan")
    assert page.evaluate("document.activeElement.id") == "id_captcha_1"

    # The new key, 30 minutes after it was given (its expiry moved 30 minutes closer): it works.
    key = current_key(page)
    CaptchaStore.objects.filter(pk=key.pk).update(expiration=key.expiration - timedelta(minutes=30))
    page.get_by_label("Mã xác thực").fill(key.response)
    page.get_by_role("button", name="Gửi bình luận").click()

    expect(page.locator("[data-comment-status]")).to_have_text(
        "Bình luận của bạn đang chờ kiểm duyệt"
    )
    assert Comment.objects.get().text == text


def ring_contrasts(before, after, box):
    """For each point around ``box``, the strongest contrast a pixel 1 to 6 px outside it has
    between the unfocused and the focused screenshot."""
    left, top = round(box["x"]), round(box["y"])
    right, bottom = round(box["x"] + box["width"]) - 1, round(box["y"] + box["height"]) - 1
    normals = [((x, top), (0, -1)) for x in range(left + 4, right - 3, 3)]
    normals += [((x, bottom), (0, 1)) for x in range(left + 4, right - 3, 3)]
    normals += [((left, y), (-1, 0)) for y in range(top + 4, bottom - 3, 3)]
    normals += [((right, y), (1, 0)) for y in range(top + 4, bottom - 3, 3)]
    return [
        max(
            contrast(before.getpixel(point), after.getpixel(point))
            for step in range(1, 7)
            for point in [(x + dx * step, y + dy * step)]
        )
        for (x, y), (dx, dy) in normals
    ]


def focus_ring(page, selector):
    element = page.locator(selector)
    element.scroll_into_view_if_needed()
    before = screenshot(page)
    element.focus()
    assert element.evaluate("element => element.matches(':focus-visible')")
    after = screenshot(page)
    return ring_contrasts(before, after, element.bounding_box())


@pytest.mark.parametrize("selector", [".map-link", ".brand", "#o-tim-kiem"])
def test_a_focused_link_shows_a_ring_of_at_least_3_to_1_around_it(page, live_server, selector):
    TownMap.objects.create(title="Bản đồ hành chính", image=image_upload(size=(900, 600)))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")

    contrasts = focus_ring(page, selector)

    weak = [value for value in contrasts if value < 3]
    assert contrasts and len(weak) <= len(contrasts) // 20, sorted(contrasts)[:10]


def centre_grey(image, box):
    """The mean grey of the middle of ``box`` (where a filled star has ink and an outline none)."""
    width, height = box["width"], box["height"]
    middle = image.crop(
        (
            round(box["x"] + width * 0.42),
            round(box["y"] + height * 0.45),
            round(box["x"] + width * 0.58),
            round(box["y"] + height * 0.6),
        )
    ).convert("L")
    histogram = middle.histogram()
    return sum(grey * count for grey, count in enumerate(histogram)) / sum(histogram)


def test_chosen_and_unchosen_stars_differ_in_greyscale_by_3_to_1(browser, live_server):
    article = make_article()
    for stars in (3, 3):
        make_vote(article, stars=stars)
    context = browser.new_context(locale="vi-VN", device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(live_server.url + feedback_url(article))
        page.locator("label[for=id_stars_2]").click()
        image = screenshot(page).convert("L").convert("RGB")

        def greys(locator):
            return [
                centre_grey(image, {k: v * 2 for k, v in box.items()})
                for box in (item.bounding_box() for item in locator.all())
            ]

        picker = greys(page.locator(".star-picker label"))
        figures = greys(page.locator(".rating-figures .star"))
    finally:
        context.close()

    for chosen, unchosen in ((picker[:3], picker[3:]), (figures[:3], figures[3:])):
        darkest_unchosen, lightest_chosen = min(unchosen), max(chosen)
        grey = lambda value: (value, value, value)  # noqa: E731
        assert contrast(grey(lightest_chosen), grey(darkest_unchosen)) >= 3, (chosen, unchosen)


def test_text_follows_a_32_px_browser_default(page, live_server):
    article = make_article()
    client = page.context.new_cdp_session(page)
    client.send("Page.setFontSizes", {"fontSizes": {"standard": 32}})
    page.goto(live_server.url + article.get_absolute_url())

    sizes = page.evaluate(
        """() => ["html", "body", ".article-title", ".article-body"].map(
             selector => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize))"""
    )

    assert sizes[0] == 32 and sizes[1] == 32
    assert sizes[2] == pytest.approx(1.9 * 32) and sizes[3] == pytest.approx(1.06 * 32)
