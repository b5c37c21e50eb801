"""`manage.py loaddemo`: the demo content `make run` shows, and that loading it again adds nothing."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape
from PIL import Image

from alerts.models import Alert
from consultations.models import Consultation
from core.uploads import audio_format
from documents.models import (
    Document,
    DocumentType,
    InformationContact,
    IssuingBody,
    PublicInformation,
    Sector,
)
from news.models import Article, Category
from organisation.models import Introduction, Person, Unit
from pages.models import MenuEntry, Page, SiteIdentity
from polls.models import Poll
from questions.models import Field as QuestionField
from questions.models import Question
from ratings.models import Comment
from schedule.models import Leader, ScheduleItem
from sidebar.models import Song, TownMap, WebsiteLink


def load_demo():
    output = StringIO()
    call_command("loaddemo", stdout=output)
    return output.getvalue()


# In the order they can be deleted (a document holds its type, body and sector).
DOCUMENT_MODELS = (
    Document,
    DocumentType,
    IssuingBody,
    Sector,
    PublicInformation,
    InformationContact,
)


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for this module, since its renditions take seconds; removed at the end.

    Each test still runs in its own transaction on top of it, so its changes are rolled back.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        output = load_demo()
    yield media, output
    with django_db_blocker.unblock():
        MenuEntry.objects.all().delete()
        SiteIdentity.objects.all().delete()
        # Children first: a page with children cannot be deleted.
        for page in Page.objects.order_by("-path"):
            page.delete()
        Article.objects.all().delete()
        Category.objects.filter(parent__isnull=False).delete()
        Category.objects.all().delete()
        for model in (TownMap, Song, WebsiteLink, ScheduleItem, Leader, Alert, *DOCUMENT_MODELS):
            model.objects.all().delete()
        Person.objects.all().delete()
        Introduction.objects.all().delete()
        # Questions hold their field and unit (PROTECT).
        for model in (Question, QuestionField, Consultation, Poll):
            model.objects.all().delete()
        # Units protect their children: the leaves go first.
        while Unit.objects.exists():
            Unit.objects.filter(children__isnull=True).delete()


@pytest.fixture(autouse=True)
def first_run_output(loaded_once, db, settings):
    media, output = loaded_once
    settings.MEDIA_ROOT = media
    return output


def stored_content():
    """Every demo row with the files it points to, to compare one run with the next."""
    return {
        "categories": set(Category.objects.values_list("pk", "slug", "parent_id")),
        "articles": set(
            Article.objects.values_list("pk", "slug", "cover", "cover_small", "cover_large")
        ),
        "maps": set(TownMap.objects.values_list("pk", "image", "preview", "full_view")),
        "songs": set(Song.objects.values_list("pk", "title", "audio")),
        "links": set(WebsiteLink.objects.values_list("pk", "url")),
        "comments": set(Comment.objects.values_list("pk", "article_id", "text")),
    }


def ogg_seconds(path):
    """How long an Ogg Vorbis file plays: its last page's sample position over its sample rate."""
    data = path.read_bytes()
    header = data.index(b"\x01vorbis")
    rate = int.from_bytes(data[header + 12 : header + 16], "little")
    last_page = data.rindex(b"OggS")
    return int.from_bytes(data[last_page + 6 : last_page + 14], "little") / rate


def test_demo_has_the_portal_categories_with_a_sub_category():
    assert {c.name for c in Category.objects.top_level()} == {
        "Tin tức - Sự kiện",
        "Chính trị",
        "Kinh tế",
        "Văn hóa - Xã hội",
        "Thông báo",
    }
    education = Category.objects.get(name="Giáo dục")
    assert education.parent.name == "Văn hóa - Xã hội"
    for category in Category.objects.all():
        assert Article.objects.published().filter(category=category).exists(), category


def test_demo_articles_show_each_review_state_scheduled_and_featured_articles():
    now = timezone.now()
    articles = Article.objects.all()

    assert articles.count() == 30
    assert Article.objects.published().count() == 25
    for state in ("draft", "submitted", "returned", "withdrawn"):
        assert articles.filter(status=state).count() == 1, state
    assert articles.get(status="returned").review_comment
    scheduled = articles.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
    assert scheduled.count() == 1
    assert Article.objects.published().filter(is_featured=True).count() >= 5
    assert len({article.title for article in articles}) == 30
    published_dates = Article.objects.published().values_list("published_at", flat=True)
    assert max(published_dates) - min(published_dates) > timedelta(weeks=4)


def test_demo_articles_are_formatted_vietnamese_text():
    articles = list(Article.objects.all())

    for article in articles:
        assert 3 <= article.body.count("<p>") <= 6, article.slug
        assert article.lead and article.cover_caption and article.author_line
    bodies = " ".join(article.body for article in articles)
    assert bodies.count("<table>") == 1
    assert "<ul>" in bodies and "<strong>" in bodies
    assert Article.objects.search("khanh thanh cau").exists()  # accents are real Vietnamese


def test_every_demo_article_has_a_cover_with_its_renditions():

    for article in Article.objects.all():
        with Image.open(article.cover.path) as cover:
            assert cover.size == (1200, 800)
        with Image.open(article.cover_small.path) as small:
            assert (small.format, small.width) == ("WEBP", 480)
        with Image.open(article.cover_large.path) as large:
            assert (large.format, large.width) == ("WEBP", 1200)


def test_demo_sidebar_has_a_town_map_songs_and_ordered_links():

    town_map = TownMap.objects.shown().get()
    with Image.open(town_map.preview.path) as preview:
        assert preview.width == 480
    assert town_map.full_view

    songs = list(Song.objects.shown())
    assert len(songs) == 3
    for song in songs:
        assert audio_format(song.audio) == "ogg"
        assert 2 <= ogg_seconds(Path(song.audio.path)) <= 15

    links = list(WebsiteLink.objects.shown())
    assert 4 <= len(links) <= 6
    assert [link.order for link in links] == sorted(link.order for link in links)
    assert all(link.url.startswith("https://") and link.title for link in links)
    assert "https://chinhphu.vn" in {link.url for link in links}


def test_demo_has_readers_comments_answered_and_awaiting_moderation(client):
    answered = Comment.objects.approved().exclude(reply="").get()
    pending = Comment.objects.pending().get()
    assert Comment.objects.approved().count() == 3
    for comment in Comment.objects.all():
        assert comment.created_at > comment.article.published_at, comment.text

    page = client.get(answered.article.get_absolute_url()).content.decode()
    assert escape(answered.text) in page and escape(answered.reply) in page
    assert (
        escape(pending.text) not in client.get(pending.article.get_absolute_url()).content.decode()
    )


def test_loading_the_demo_twice_creates_nothing_and_redraws_nothing(first_run_output):
    before = stored_content()

    second_output = load_demo()

    assert stored_content() == before
    # 85 news, sidebar, ratings, alerts, organisation and citizens' voice objects; 26 pages,
    # menu entries and the identity.
    assert "111 created" in first_run_output
    assert "0 created" in second_output


def test_loading_again_restores_only_what_is_missing_and_keeps_staff_edits():
    Article.objects.filter(slug="thu-ngan-sach-9-thang-dat-82-du-toan-nam").delete()
    WebsiteLink.objects.filter(url="https://chinhphu.vn").delete()
    edited = Article.objects.get(slug="khanh-thanh-cau-be-tong-noi-hai-bo-kenh-dong")
    edited.title = "Cầu kênh Đông chính thức thông xe"
    edited.save()

    output = load_demo()

    assert "2 created" in output
    assert Article.objects.count() == 30
    assert WebsiteLink.objects.filter(url="https://chinhphu.vn").count() == 1
    edited.refresh_from_db()
    assert edited.title == "Cầu kênh Đông chính thức thông xe"


def test_home_page_shows_the_demo_featured_articles_but_no_draft_or_scheduled_one(client):
    featured = Article.objects.published().filter(is_featured=True).first()
    hidden = Article.objects.exclude(pk__in=Article.objects.published())

    response = client.get("/")

    assert response.status_code == 200
    page = response.content.decode()
    assert escape(featured.title) in page
    assert hidden.count() == 5  # one per review state besides published, and a scheduled one
    for article in hidden:
        assert escape(article.title) not in page
