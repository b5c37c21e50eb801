"""The site's URLs: public pages, feeds, sitemap, the admin and the editor's upload views."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from consultations.sitemaps import ConsultationSitemap
from core import captcha, editor
from core.pagecache import page_number, reader_page
from core.security import safe_methods_only
from core.sitemaps import sitemap_index
from documents.sitemaps import DocumentSitemap
from news.sitemaps import ArticleSitemap, CategorySitemap
from organisation.sitemaps import OrganisationSitemap
from pages.sitemaps import PageSitemap
from questions.sitemaps import QuestionSitemap
from schedule.sitemaps import ScheduleSitemap

from . import views

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = "Quản trị cổng thông tin"
admin.site.index_title = "Quản trị nội dung"

sitemaps = {
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "schedule": ScheduleSitemap,
    "documents": DocumentSitemap,
    "organisation": OrganisationSitemap,
    "questions": QuestionSitemap,
    "consultations": ConsultationSitemap,
    "pages": PageSitemap,
}

urlpatterns = [
    path("ckeditor/upload/", editor.upload_image, name="ckeditor_upload"),
    path("ckeditor/browse/", never_cache(editor.browse_images), name="ckeditor_browse"),
    # The second factor's pages, under the admin's address and ahead of its catch-all.
    path(f"{settings.ADMIN_URL}2fa/", include("twofactor.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    # The captcha's image, audio and refresh views answer any method; they serve only GET.
    path("captcha/", include(safe_methods_only(captcha.urlpatterns))),
    # The index lists each section's pages; a section past its ``limit`` of addresses has
    # more than one, and Django's sitemap view reads the page number from ``?p=``.
    path(
        "sitemap.xml",
        require_safe(reader_page()(sitemap_index)),
        {"sitemaps": sitemaps, "section_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        require_safe(reader_page(params={"p": page_number})(sitemap_views.sitemap)),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("healthz", views.health, name="health"),
    # The news pages first: most requests are theirs, and each pattern tried before costs.
    path("", include("news.urls")),
    path("", include("documents.urls")),
    path("", include("questions.urls")),
    path("", include("ratings.urls")),
    path("", include("schedule.urls")),
    path("", include("organisation.urls")),
    path("", include("contact.urls")),
    path("", include("consultations.urls")),
    path("", include("polls.urls")),
    path("", include("pages.urls")),
]

if settings.BENCHMARK_BARE_VIEW:
    urlpatterns.insert(0, path("__bench__/ok", views.bare_ok))

if settings.DEBUG:
    # In production the web server serves uploads (README.md, "Production").
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
