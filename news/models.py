"""Categories and articles: what staff publish and what readers may see."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.images import refresh_renditions
from core.links import slug_url
from core.prepared import Parameter, PreparedQuery
from core.richtext import clean_body
from core.slugs import save_with_unique_slug
from core.text import fold
from core.textsearch import Match, matching, newest_matching_ids, search_terms
from core.uploads import UploadTo, validate_image
from review.models import Reviewable, ReviewState, state_field

# SQLite's trigram index over Article.search_text (migration 0003).
SEARCH_FTS_TABLE = "news_article_fts"


class CategoryQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)


class Category(models.Model):
    """A section of the news (Tin tức - Sự kiện, Kinh tế, …), shown in the menu.

    Categories nest one level: a sub-category's ``parent`` is a top-level category, and a
    category's page lists its own articles and its children's. Every ``Article`` belongs to one
    category; a category with articles cannot be deleted (PROTECT).
    """

    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chuyên mục cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def save(self, *args, **kwargs):
        save_with_unique_slug(
            self, lambda: super(Category, self).save(*args, **kwargs), self.name, 140
        )

    def get_absolute_url(self):
        return slug_url("news:category", self.slug)

    def with_children_ids(self):
        return [self.pk, *self.children.values_list("pk", flat=True)]


def _matches(query):
    terms = search_terms(query)
    return [Match("search_text", tuple(terms))] if terms else []


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles a reader may see: published, and their publish time (``now``) has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def scheduled(self):
        """Published articles still waiting for their publish time, soonest first."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        ).order_by("published_at")

    def next_publication_time(self):
        """When the soonest scheduled article becomes public, or None."""
        return self.scheduled().values_list("published_at", flat=True).first()

    def for_listing(self):
        return self.select_related("category").defer("body", "search_text")

    def in_category(self, category):
        return self.filter(category_id__in=category.with_children_ids())

    def latest_per_category(self, per_category):
        """The newest ``per_category`` articles of every category, in one query."""
        ranked = self.annotate(
            rank=Window(
                RowNumber(), partition_by=F("category_id"), order_by=F("published_at").desc()
            )
        )
        return ranked.filter(rank__lte=per_category)

    def search(self, query):
        """Articles whose title, lead or body hold every word of ``query``, accents optional,
        found from the trigram index (``core.textsearch``)."""
        return matching(self, _matches(query), fts_table=SEARCH_FTS_TABLE)

    def newest_match_ids(self, query, limit):
        """The ids of the ``limit`` newest articles matching ``query``, newest first."""
        return newest_matching_ids(
            self,
            _matches(query),
            date_field="published_at",
            fts_table=SEARCH_FTS_TABLE,
            limit=limit,
        )

    def in_order(self, ids):
        """The articles with these ids, in the order given."""
        found = self.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


class Article(Reviewable):
    """A news article staff write and publish: title, lead, sanitised body, cover and renditions.

    It belongs to one ``Category``. It goes through review (``review``: draft, submitted,
    published, returned, withdrawn), approved by the category's ``CategoryApprover``s. Readers
    see it once its status is published and its ``published_at`` has come
    (``ArticleQuerySet.published``). Readers' feedback hangs off it in
    the ratings app (``ArticleRating`` one-to-one, ``Vote`` and ``Comment`` many-to-one), and
    its view count in the stats app (``ArticleViews``).
    """

    Status = ReviewState
    PUBLISH_AT_FIELD = "published_at"

    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    lead = models.TextField(_("tóm tắt (sapo)"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    cover = models.ImageField(
        _("ảnh đại diện"), upload_to=UploadTo("covers"), blank=True, validators=[validate_image]
    )
    cover_caption = models.CharField(_("chú thích ảnh"), max_length=255, blank=True)
    cover_small = models.ImageField(upload_to=UploadTo("renditions"), blank=True, editable=False)
    cover_large = models.ImageField(upload_to=UploadTo("renditions"), blank=True, editable=False)
    author_line = models.CharField(_("tác giả / nguồn"), max_length=200, blank=True)
    status = state_field()
    published_at = models.DateTimeField(_("thời gian xuất bản"), default=timezone.now)
    is_featured = models.BooleanField(_("tin nổi bật"), default=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)
    # Title, lead and body text without accents, so "hoi nghi" finds "hội nghị" on any database.
    search_text = models.TextField(editable=False, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        permissions = [("restore_article", _("Có thể khôi phục phiên bản cũ của bài viết"))]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_published_idx"),
            models.Index(
                fields=["category", "status", "-published_at"], name="article_category_idx"
            ),
            models.Index(
                fields=["is_featured", "status", "-published_at"], name="article_featured_idx"
            ),
        ]

    def __str__(self):
        return self.title

    COVER_RENDITIONS = {"cover_small": 480, "cover_large": 1200}

    def save(self, *args, **kwargs):
        self.clean_text_fields()
        refresh_renditions(self, "cover", self.COVER_RENDITIONS)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "body",
                "search_text",
                *self.COVER_RENDITIONS,
            }
        save_with_unique_slug(
            self, lambda: super(Article, self).save(*args, **kwargs), self.title, 200
        )

    def get_absolute_url(self):
        return slug_url("news:article", self.slug)

    def clean_text_fields(self):
        """Sanitise the body and rebuild the search text (also for rows made by bulk_create)."""
        self.body = clean_body(self.body)
        self.search_text = fold(" ".join([self.title, self.lead, strip_tags(self.body)]))

    @property
    def canonical_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def related(self):
        """The newest other articles of this article's category."""
        return RELATED_ARTICLES(
            category=self.category_id, article=self.pk, now=timezone.now(), using=self._state.db
        )


class CategoryApprover(models.Model):
    """Who may approve (publish, return, withdraw) the articles of a ``Category`` and of its
    sub-categories: one user, or every member of one group."""

    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.CASCADE, related_name="approvers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("nhóm người duyệt"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("người duyệt chuyên mục")
        verbose_name_plural = _("người duyệt chuyên mục")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, group__isnull=True)
                | Q(user__isnull=True, group__isnull=False),
                name="category_approver_user_or_group",
            )
        ]

    def __str__(self):
        return f"{self.user or self.group} – {self.category}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if bool(self.user_id) == bool(self.group_id):
            raise ValidationError(_("Chọn một người duyệt hoặc một nhóm (chỉ một)."))

    @classmethod
    def category_ids_for(cls, user) -> set[int]:
        """The categories whose articles ``user`` approves, sub-categories included."""
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return set()
        given = set(
            cls.objects.filter(Q(user=user) | Q(group__in=user.groups.all())).values_list(
                "category_id", flat=True
            )
        )
        children = Category.objects.filter(parent_id__in=given).values_list("pk", flat=True)
        return given | set(children)


# Every render of an article page asks these two: each is compiled once (core.prepared);
# news.selectors.public_article runs the first.
PUBLIC_ARTICLE = PreparedQuery(
    lambda: (
        Article.objects.published(now=Parameter("now", models.DateTimeField()))
        .filter(slug=Parameter("slug", models.SlugField()))
        .defer("search_text")
        .order_by()[:1]
    ),
    # The readers' figures (ratings app) come with the article, as select_related("rating").
    attach=["rating"],
)
RELATED_LIMIT = 5
RELATED_ARTICLES = PreparedQuery(
    lambda: (
        Article.objects.published(now=Parameter("now", models.DateTimeField()))
        .filter(category_id=Parameter("category", models.IntegerField()))
        .exclude(pk=Parameter("article", models.IntegerField()))
        .only("title", "slug", "published_at")[:RELATED_LIMIT]
    )
)
