"""Categories and articles: what staff publish and what readers may see."""

from django.conf import settings
from django.db import connections, models
from django.db.models import F, Q, Subquery, TextField, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, RowNumber
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.images import refresh_renditions
from core.links import slug_url
from core.prepared import Parameter, PreparedQuery
from core.richtext import clean_body
from core.slugs import save_with_unique_slug
from core.text import fold
from core.uploads import UploadTo, validate_image
from review.models import Reviewable, ReviewState, state_field

SEARCH_MAX_TERMS = 8
TRIGRAM = 3
# Search reads the newest this many articles before it asks the index (see newest_match_ids).
SEARCH_WINDOW = 1000


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


def search_terms(query):
    """The words of a reader's query, folded (no accents, lower case), at most a few."""
    return fold(query).split()[:SEARCH_MAX_TERMS]


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
        """Articles whose title, lead or body hold every word of ``query``, accents optional.

        The same substring match everywhere; each database answers it from a trigram index
        (PostgreSQL: pg_trgm on search_text; SQLite: the FTS5 table news_article_fts).
        """
        terms = search_terms(query)
        if not terms:
            return self.none()
        condition = Q()
        for term in terms:
            condition &= Q(search_text__contains=term)
        plain = (term.replace("%", "").replace("_", "") for term in terms)
        long_terms = [term for term in plain if len(term) >= TRIGRAM]
        if connections[self.db].vendor == "sqlite" and long_terms:
            # The FTS5 trigram table narrows the rows; LIKE wildcards mean nothing in a reader's
            # words and an ESCAPE clause would bypass the index, so they are dropped. Terms under
            # three letters are left to the plain condition (SQLite 3.40 crashes on them here).
            patterns = [f"%{term}%" for term in long_terms]
            matches = " AND ".join(["search_text LIKE %s"] * len(patterns))
            # Only "%s" placeholders are joined into the SQL; the reader's words are parameters.
            sql = f"SELECT rowid FROM news_article_fts WHERE {matches}"  # noqa: S608  # nosec B608
            condition &= Q(pk__in=RawSQL(sql, patterns))  # noqa: S611  # nosec B611
        return self.filter(condition)

    def newest_match_ids(self, query, limit):
        """The ids of the ``limit`` newest articles matching ``query``, newest first.

        Common words match most articles, and the trigram index would first collect every
        match in the database (75 ms for four common words in 10,000 articles on SQLite); the
        newest SEARCH_WINDOW articles then hold all ``limit`` of them (2-4 ms). Only when they
        do not is the index asked, and then the matches are rarer.
        """
        newest = self.order_by("-published_at", "-pk")
        ids = self._match_ids_among(newest, query, limit)
        if len(ids) < limit:
            ids = list(newest.search(query).values_list("pk", flat=True)[:limit])
        return ids

    def _match_ids_among(self, newest, query, limit):
        terms = search_terms(query)
        if not terms:
            return []
        if connections[self.db].vendor != "postgresql":
            matches = Q()
            for term in terms:
                matches &= Q(search_text__contains=term)
            # SQLite reads from the window's start in date order and stops at ``limit`` matches.
            window_start = newest.values("published_at")[SEARCH_WINDOW - 1 : SEARCH_WINDOW]
            found = newest.filter(matches, published_at__gte=Subquery(window_start))
            return list(found.values_list("pk", flat=True)[:limit])
        # PostgreSQL's planner guesses that a few LIKEs leave one row and takes the trigram
        # index, which collects every match (1.6 s); a derived table with LIMIT is read as
        # written, and each of the newest rows is matched once (4 ms). Its text is given as
        # "search_text || ''": the stored text is compressed, and each LIKE on the column would
        # decompress it again (1.6 ms -> 1.1 ms for four words on the bench data).
        window = newest.annotate(text=Concat("search_text", Value(""), output_field=TextField()))
        window = window.values("id", "published_at", "text")[:SEARCH_WINDOW]
        window_sql, params = window.query.sql_with_params()
        connection = connections[self.db]
        patterns = [f"%{connection.ops.prep_for_like_query(term)}%" for term in terms]
        words = " AND ".join(["newest.text LIKE %s"] * len(patterns))
        # Only Django's own SQL and "%s" placeholders are joined; the words are parameters.
        sql = (
            f"SELECT newest.id FROM ({window_sql}) AS newest WHERE {words} "  # noqa: S608  # nosec B608
            "ORDER BY newest.published_at DESC, newest.id DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *patterns, limit])
            return [row[0] for row in cursor.fetchall()]

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
