"""In a real browser: the town's web officer writes a page in the admin and sends it for approval,
an approver publishes it, the officer puts it in the menu; a reader on a phone opens it from the
menu with the keyboard alone. Text size and contrast
follow the reader from page to page, and a printed page has no menu."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from factories import make_article, make_menu_entry, make_page, make_staff
from playwright.sync_api import expect

from pages.models import MenuEntry, Page
from portal.staff import APPROVERS, EDITORS, OFFICE
from review.models import ReviewState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
}


@pytest.fixture
def web_officer(django_user_model):
    """A small town's web officer: an editor of pages who also keeps the menu (Văn phòng)."""
    user = django_user_model.objects.create_user("quantriweb", password=PASSWORD, is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=[EDITORS, OFFICE]))
    return user


@pytest.fixture
def approver(db):
    user = make_staff("nguoiduyet", APPROVERS)
    return user


@pytest.fixture
def approver_page(browser):
    """The approver's own browser (another person, another login)."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text(username)


def tab_to(page, name, limit=60):
    """Press Tab until the element named ``name`` has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused == name:
            return
    raise AssertionError(f"{name!r} never got the keyboard focus")


def has_visible_focus(page):
    return page.evaluate(
        """() => { const style = getComputedStyle(document.activeElement);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0; }"""
    )


def test_staff_add_a_page_and_a_reader_on_a_phone_opens_it_from_the_menu_by_keyboard(
    live_server, page, phone, web_officer, approver, approver_page
):
    about = make_page(title="Giới thiệu", slug="gioi-thieu")
    make_menu_entry(label="Trang chủ", kind="section", section="home", order=1)
    about_entry = make_menu_entry(kind="page", page=about, order=2)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    log_in(page, live_server, web_officer.username)
    page.goto(live_server.url + reverse("admin:pages_page_add"))
    page.locator("#id_title").press_sequentially("Làng nghề truyền thống")
    expect(page.locator("#id_slug")).to_have_value("lang-nghe-truyen-thong")
    page.locator("#id_parent").select_option(str(about.pk))
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type("Nghề rèn và nghề nấu mật đã có từ lâu đời.")
    # The officer writes pages but does not publish them: there is no state to choose.
    expect(page.locator("#id_status")).to_have_count(0)
    page.locator("input[name=_submit_for_review]").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã gửi duyệt.")
    crafts = Page.objects.get(slug="lang-nghe-truyen-thong")
    assert crafts.path == "gioi-thieu/lang-nghe-truyen-thong"
    assert crafts.status == ReviewState.SUBMITTED

    log_in(approver_page, live_server, approver.username)
    approver_page.get_by_role("link", name="1 trang chờ bạn duyệt").click()
    approver_page.locator("#result_list").get_by_role("link", name="Làng nghề truyền thống").click()
    approver_page.get_by_role("button", name="Duyệt và xuất bản").click()
    expect(approver_page.locator(".messagelist")).to_contain_text("đã duyệt và xuất bản")
    crafts.refresh_from_db()
    assert crafts.status == ReviewState.PUBLISHED and crafts.reviewed_by == approver

    page.goto(live_server.url + reverse("admin:pages_menuentry_add"))
    page.locator("#id_kind").select_option(MenuEntry.Kind.PAGE)
    page.locator("#id_page").select_option(str(crafts.pk))
    page.locator("#id_parent").select_option(str(about_entry.pk))
    page.locator("#id_order").fill("5")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Làng nghề truyền thống")
    assert not errors, errors

    phone.goto(live_server.url + "/")
    toggle = phone.get_by_role("button", name="Trình đơn")
    expect(toggle).to_be_visible()
    expect(phone.get_by_role("link", name="Trang chủ", exact=True)).to_be_hidden()
    tab_to(phone, "Trình đơn")
    assert has_visible_focus(phone)
    phone.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    tab_to(phone, "Giới thiệu")
    assert has_visible_focus(phone)
    phone.keyboard.press("Enter")  # the summary opens its sub-entries
    expect(phone.locator(".menu-group details")).to_have_attribute("open", "")
    tab_to(phone, "Làng nghề truyền thống")
    assert has_visible_focus(phone)
    phone.keyboard.press("Enter")

    expect(phone).to_have_url(live_server.url + "/trang/gioi-thieu/lang-nghe-truyen-thong/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Làng nghề truyền thống")
    expect(phone.get_by_role("navigation", name="Vị trí")).to_contain_text("Giới thiệu")
    expect(phone.get_by_text("Nghề rèn và nghề nấu mật")).to_be_visible()


def test_text_size_and_contrast_follow_the_reader_and_print_leaves_out_the_menu(live_server, page):
    article = make_article(title="Khánh thành cầu mới")
    about = make_page(title="Giới thiệu", slug="gioi-thieu")
    make_menu_entry(kind="page", page=about)

    page.goto(live_server.url + about.get_absolute_url())
    base_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tương phản cao").click()
    expect(page.get_by_role("button", name="Tương phản cao")).to_have_attribute(
        "aria-pressed", "true"
    )

    page.goto(live_server.url + article.get_absolute_url())
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size == pytest.approx(base_size * 1.25)
    expect(page.locator("html")).to_have_class("js high-contrast")
    expect(page.get_by_role("button", name="Tương phản cao")).to_have_attribute(
        "aria-pressed", "true"
    )
    background = page.evaluate("getComputedStyle(document.querySelector('main')).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    # No cookie carries the choice: cached pages stay the same for everyone.
    assert page.context.cookies() == []

    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    page.get_by_role("button", name="Tương phản cao").click()
    page.reload()
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size == pytest.approx(base_size)
    expect(page.locator("html")).not_to_have_class("js high-contrast")

    for address in [about.get_absolute_url(), article.get_absolute_url()]:
        page.goto(live_server.url + address)
        expect(page.locator("nav.menu")).to_be_visible()
        page.emulate_media(media="print")
        for furniture in ["nav.menu", ".sidebar", ".search-box", ".display-prefs", ".counters"]:
            expect(page.locator(furniture)).to_be_hidden()
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator(".print-address")).to_be_visible()
        expect(page.locator(".print-address")).to_contain_text(address)
        expect(page.locator("main time").first).to_be_visible()
        page.emulate_media(media="screen")


def test_without_javascript_the_whole_menu_shows_and_its_groups_still_open(live_server, browser):
    about = make_page(title="Giới thiệu", slug="gioi-thieu")
    history = make_page(title="Lịch sử", slug="lich-su", parent=about)
    top = make_menu_entry(kind="page", page=about)
    make_menu_entry(kind="page", page=history, parent=top)
    context = browser.new_context(locale="vi-VN", java_script_enabled=False, **PHONE)
    try:
        reader = context.new_page()
        reader.goto(live_server.url + "/")
        # No toggle and no size buttons that would do nothing; the list is simply there.
        expect(reader.get_by_role("button", name="Trình đơn")).to_be_hidden()
        expect(reader.get_by_role("button", name="Tăng cỡ chữ")).to_be_hidden()
        reader.get_by_text("Giới thiệu", exact=True).first.click()
        reader.get_by_role("link", name="Lịch sử").click()
        expect(reader.get_by_role("heading", level=1)).to_have_text("Lịch sử")
    finally:
        context.close()
