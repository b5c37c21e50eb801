"""URLs of the public news pages and feeds."""

from django.urls import path

from portal.pagecache import reader_page

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.home, name="home"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category"),
    path("bai-viet/<slug:slug>/", views.article_detail, name="article"),
    path("tim-kiem/", views.search, name="search"),
    path("rss/", reader_page()(feeds.LatestArticlesFeed()), name="feed"),
    path("rss/<slug:slug>/", reader_page()(feeds.CategoryFeed()), name="category_feed"),
]
