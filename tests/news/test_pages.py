"""The public pages a reader opens: home, category, article, search, feeds, sitemap, robots."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from factories import audio_upload, image_upload, make_article, make_category
from sitemap_text import sitemap_locations, whole_sitemap

from core.pagecache import forget_object_pages
from news.models import Article, Category
from news.sitemaps import ArticleSitemap
from sidebar.models import Song, TownMap, WebsiteLink

pytestmark = pytest.mark.django_db


def test_home_shows_featured_articles_and_the_latest_of_each_category(client):
    category = make_category(name="Kinh tế")
    featured = make_article(title="Khánh thành cầu mới", is_featured=True, category=category)
    latest = make_article(title="Giá lúa vụ hè thu ổn định", category=category)
    page = client.get("/").content.decode()
    assert "Tin nổi bật" in page
    assert featured.title in page and latest.title in page
    assert "Kinh tế" in page


def test_category_page_lists_newest_first_and_paginates(client, settings):
    settings.NEWS_PAGE_SIZE = 2
    category = make_category(name="Thông báo")
    now = timezone.now()
    titles = [f"Thông báo số {n}" for n in range(1, 4)]
    for hours, title in enumerate(titles, start=1):
        make_article(title=title, category=category, published_at=now - timedelta(hours=hours))
    first = client.get(category.get_absolute_url()).content.decode()
    second = client.get(category.get_absolute_url() + "?page=2").content.decode()
    assert first.index("Thông báo số 1") < first.index("Thông báo số 2")
    assert "Thông báo số 3" not in first and "Thông báo số 3" in second
    assert client.get(category.get_absolute_url() + "?page=9").status_code == 404
    assert client.get(category.get_absolute_url() + "?page=abc").status_code == 404


def test_category_page_includes_its_subcategories(client):
    parent = make_category(name="Văn hóa - Xã hội")
    child = make_category(name="Giáo dục", parent=parent)
    article = make_article(title="Trường học đón học sinh", category=child)
    assert article.title in client.get(parent.get_absolute_url()).content.decode()


def test_article_page_shows_the_whole_article_in_vietnamese_format(client):
    parent = make_category(name="Tin tức")
    category = make_category(name="Sự kiện", parent=parent)
    published_at = timezone.make_aware(timezone.datetime(2023, 4, 6, 8, 30))
    article = make_article(
        title="Giao ban công tác dân vận",
        lead="Hội nghị đánh giá kết quả quý I.",
        body="<p>Nội dung <strong>chi tiết</strong>.</p>",
        category=category,
        published_at=published_at,
        cover=image_upload(size=(1600, 900)),
        cover_caption="Toàn cảnh hội nghị",
        author_line="Văn phòng Thị ủy",
    )
    related = make_article(title="Tin liên quan cùng chuyên mục", category=category)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "06/04/2023 08:30" in page
    assert "Hội nghị đánh giá kết quả quý I." in page
    assert "<strong>chi tiết</strong>" in page
    assert "Toàn cảnh hội nghị" in page and "Văn phòng Thị ủy" in page
    assert parent.name in page and category.name in page
    assert related.title in page
    assert (
        f'<link rel="canonical" href="http://127.0.0.1:8000{article.get_absolute_url()}">' in page
    )
    assert '<meta property="og:title" content="Giao ban công tác dân vận">' in page
    assert (
        f'<meta property="og:image" content="http://127.0.0.1:8000{article.cover_large.url}">'
        in page
    )


def test_article_page_shows_a_resized_cover_not_the_raw_upload(client):
    article = make_article(cover=image_upload(size=(2400, 1600)))
    page = client.get(article.get_absolute_url()).content.decode()
    assert article.cover.url not in page
    assert article.cover_large.width == 1200 and article.cover_small.width == 480
    assert article.cover_large.name.endswith(".webp")


def test_script_in_a_body_never_reaches_the_page(client):
    article = make_article(
        body='<p>Tin</p><script>alert(1)</script><img src="x" onerror="alert(2)">'
    )
    # A row written around the model (raw SQL, a bad import) is cleaned again at render time.
    Article.objects.filter(pk=article.pk).update(body="<p>Tin</p><script>alert(3)</script>")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "alert(" not in page and "onerror" not in page


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=2)},
    ],
    ids=["draft", "future"],
)
def test_hidden_articles_are_404_for_readers_and_previewable_by_staff(client, editor, hidden):
    article = make_article(title="Bài chưa công bố", **hidden)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/").content.decode()
    assert article.title not in client.get("/rss/").content.decode()
    assert article.get_absolute_url() not in whole_sitemap(client)
    assert article.title not in client.get("/tim-kiem/?q=bai+chua+cong+bo").content.decode()
    client.force_login(editor)
    preview = client.get(article.get_absolute_url())
    assert preview.status_code == 200
    assert "Bản xem trước" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]


def test_search_page_finds_articles_typed_without_accents(client):
    article = make_article(title="Hội nghị tổng kết công tác nông nghiệp")
    page = client.get("/tim-kiem/", {"q": "hoi nghi nong nghiep"}).content.decode()
    assert article.title in page
    assert "Tìm thấy 1 bài viết" in page
    empty = client.get("/tim-kiem/", {"q": "khong co gi"}).content.decode()
    assert "Không tìm thấy bài viết nào" in empty


def test_feeds_list_the_latest_articles_site_wide_and_per_category(client):
    culture, sport = make_category(name="Văn hóa"), make_category(name="Thể thao")
    festival = make_article(title="Lễ hội truyền thống", category=culture)
    race = make_article(title="Giải chạy việt dã", category=sport)
    site_feed = client.get("/rss/")
    assert site_feed["Content-Type"].startswith("application/rss+xml")
    assert festival.title in site_feed.content.decode() and race.title in site_feed.content.decode()
    culture_feed = client.get(f"/rss/{culture.slug}/").content.decode()
    assert festival.title in culture_feed and race.title not in culture_feed


def test_articles_past_a_sitemap_pages_limit_are_on_a_second_page_the_index_lists(
    client, monkeypatch
):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    oldest = make_article(title="Tin cũ nhất", published_at=timezone.now() - timedelta(days=3))
    make_article(published_at=timezone.now() - timedelta(days=2))
    make_article(published_at=timezone.now() - timedelta(days=1))

    locations = sitemap_locations(client)

    assert "http://127.0.0.1:8000/sitemap-articles.xml?p=2" in locations
    second = client.get("/sitemap-articles.xml?p=2").content.decode()
    assert oldest.get_absolute_url() in second


def test_sitemap_and_robots_point_search_engines_at_public_pages(client):
    article = make_article()
    sitemap = whole_sitemap(client)
    assert article.get_absolute_url() in sitemap
    assert article.category.get_absolute_url() in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots


def test_sidebar_shows_the_map_songs_and_links_staff_manage(client):
    TownMap.objects.create(title="Bản đồ hành chính", image=image_upload(size=(900, 600)))
    Song.objects.create(title="Khúc hát quê hương", audio=audio_upload())
    WebsiteLink.objects.create(title="Cổng Chính phủ", url="https://chinhphu.vn")
    WebsiteLink.objects.create(title="Liên kết ẩn", url="https://example.org", is_shown=False)
    page = client.get("/").content.decode()
    assert "Bản đồ thị xã" in page and "Các ca khúc hay" in page and "Liên kết website" in page
    assert "<audio controls" in page and "Khúc hát quê hương" in page
    assert 'href="https://chinhphu.vn" target="_blank" rel="noopener noreferrer"' in page
    assert "Liên kết ẩn" not in page


def test_article_page_needs_few_queries_however_many_related_articles_and_blocks(
    client, django_assert_max_num_queries
):
    category = make_category()
    article = make_article(category=category)
    for number in range(8):
        make_article(category=category, title=f"Tin liên quan {number}")
        WebsiteLink.objects.create(title=f"Trang {number}", url=f"https://example{number}.vn")
        Song.objects.create(title=f"Bài hát {number}", audio=audio_upload())
    client.get(article.get_absolute_url())  # fills the site-shell cache
    forget_object_pages("article", article.slug)  # but renders the page itself again
    # The article with its rating, and the related list (tests/news/test_scale.py: 10,000 rows).
    with django_assert_max_num_queries(2):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Tin liên quan 7" in response.content.decode()


def test_a_renamed_category_shows_on_its_articles_at_once(client):
    parent = make_category(name="Tin tức")
    article = make_article(category=make_category(name="Sự kiện", parent=parent))
    client.get(article.get_absolute_url())

    parent.name = "Thời sự"
    parent.save()

    page = client.get(article.get_absolute_url()).content.decode()
    assert "Thời sự" in page and "Tin tức" not in page


def test_an_article_in_a_category_newer_than_this_server_s_menu_still_shows(client, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 1
    client.get(make_article().get_absolute_url())
    # Another server added the category: this process still has the menu it read.
    [category] = Category.objects.bulk_create([Category(name="Chuyên mục mới", slug="moi")])
    article = make_article(category=category, title="Bài trong chuyên mục mới")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "Bài trong chuyên mục mới" in page and "Chuyên mục mới" in page


def _cached_pages(category, article):
    """Every page the page cache keeps, as a reader reaches it."""
    return [
        "/",
        category.get_absolute_url(),
        article.get_absolute_url(),
        "/rss/",
        f"/rss/{category.slug}/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
    ]


UNUSED_QUERIES = ["?page=7", "?page=abc", "?utm_source=zalo", "?x=1&y=2", "?q=a&page2=3", "?"]


def test_query_parameters_a_page_does_not_use_never_make_a_new_cache_entry(client):
    category = make_category()
    article = make_article(category=category)
    for url in _cached_pages(category, article):
        first = client.get(url)
        assert first["X-Page-Cache"] == "miss", url
        for query in UNUSED_QUERIES:
            if url == category.get_absolute_url() and "page=" in query.replace("page2", ""):
                continue  # the category page reads ?page=, see below
            again = client.get(url + query)
            assert again.status_code == 200, url + query
            # Served from the entry the plain address made: no render, no new key.
            assert again["X-Page-Cache"] == "hit", url + query
            assert again.content == first.content, url + query


def test_each_page_number_has_one_spelling_and_one_cache_entry(client, settings):
    settings.NEWS_PAGE_SIZE = 1
    category = make_category()
    make_article(category=category, title="Bài mới hơn")
    make_article(
        category=category, title="Bài cũ hơn", published_at=timezone.now() - timedelta(days=1)
    )
    url = category.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url + "?page=1")["X-Page-Cache"] == "hit"  # page 1 is the plain address
    second = client.get(url + "?page=2")
    assert second["X-Page-Cache"] == "miss" and "Bài cũ hơn" in second.content.decode()
    assert client.get(url + "?page=2&utm_source=zalo")["X-Page-Cache"] == "hit"
    for spelling in ["0002", "02", "+2", "%2B2", "2.0", "2%20", "%202", "２", "0", "01"]:
        response = client.get(f"{url}?page={spelling}")
        assert response.status_code == 404, spelling
        assert "X-Page-Cache" not in response


def test_pages_past_the_last_are_404_on_every_paginated_page(client, settings):
    settings.NEWS_PAGE_SIZE = 1
    category = make_category()
    make_article(category=category, title="Đường làng mới")
    make_article(category=category, title="Đường làng cũ")
    listings = {
        category.get_absolute_url(): "page",
        "/tim-kiem/?q=duong+lang": "page",
        "/sitemap-articles.xml": "p",  # Django's sitemap pages, 5,000 addresses each
    }
    for url, name in listings.items():
        separator = "&" if "?" in url else "?"
        last = 2 if name == "page" else 1
        assert client.get(f"{url}{separator}{name}={last}").status_code == 200, url
        for past in [last + 1, 999, 1001]:
            response = client.get(f"{url}{separator}{name}={past}")
            assert response.status_code == 404, (url, past)
    # The home page has no pages: its ?page= is a parameter it does not use.
    assert client.get("/?page=999").status_code == 200


ABSOLUTE_LINK = re.compile(r"""(?:https?:)?//[^\s"'<>]+""")


@pytest.mark.parametrize("secure", [False, True], ids=["http", "https"])
def test_absolute_links_come_from_site_url_never_from_the_host_header(client, settings, secure):
    settings.SITE_URL = "https://thixa.example.vn"
    settings.ALLOWED_HOSTS = ["*"]
    category = make_category()
    article = make_article(category=category, cover=image_upload(size=(1600, 900)))
    forged = {"HTTP_HOST": "ke-gia-mao.example:8443", "secure": secure}
    for url in [*_cached_pages(category, article), "/robots.txt"]:
        # The first reader forges the Host header; what is cached is what everyone then gets.
        for response in (client.get(url, **forged), client.get(url)):
            text = response.content.decode()
            # The forged port, as a host would carry it (a bare "8443" turns up in timestamps).
            assert "ke-gia-mao" not in text and ":8443" not in text, url
            links = ABSOLUTE_LINK.findall(text)
            ours = [link for link in links if link.startswith("https://thixa.example.vn/")]
            assert ours, url
            strangers = [
                link
                for link in links
                if link not in ours and "sitemaps.org" not in link and "w3.org" not in link
            ]
            assert not strangers, (url, strangers)


def test_the_pager_links_each_page_by_its_one_spelling(client, settings):
    settings.NEWS_PAGE_SIZE = 1
    category = make_category()
    for number in range(3):
        make_article(category=category, title=f"Tin phường số {number}")
    second = client.get(category.get_absolute_url() + "?page=2").content.decode()
    assert f'href="{category.get_absolute_url()}" rel="prev"' in second
    assert 'href="?page=3" rel="next"' in second
    found = client.get("/tim-kiem/?q=tin+phuong&page=2").content.decode()
    assert 'href="?q=tin%20phuong" rel="prev"' in found
    assert 'href="?q=tin%20phuong&amp;page=3" rel="next"' in found
