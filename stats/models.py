"""What the counters store: the starting total, visits per day, article views and presence."""

from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils.translation import gettext_lazy as _

COUNTERS_CACHE_KEY = "stats:counters"


def add_to(model, lookup, field, amount):
    """Add ``amount`` to ``field`` of the row matching ``lookup``, creating it if needed.

    A single ``UPDATE ... SET n = n + amount`` is atomic on every database; the insert only runs
    for the first count of a row, and a concurrent first insert turns into that update.
    """
    if model.objects.filter(**lookup).update(**{field: F(field) + amount}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, **{field: amount})
    except IntegrityError:
        model.objects.filter(**lookup).update(**{field: F(field) + amount})


class SiteCounter(models.Model):
    """The one row of site-wide settings for the counters."""

    starting_total = models.PositiveBigIntegerField(
        _("số lượt truy cập ban đầu"),
        default=0,
        help_text=_(
            "Lượt truy cập đã có trước khi dùng cổng thông tin này (ví dụ từ cổng cũ); "
            "tổng hiển thị = số này + các lượt đếm được."
        ),
    )

    class Meta:
        verbose_name = _("bộ đếm truy cập")
        verbose_name_plural = _("bộ đếm truy cập")

    def __str__(self):
        return str(_("Bộ đếm truy cập"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The row, or an unsaved one with no starting total: reading writes nothing (a saved
        row refreshes every cached page, see stats/apps.py)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def counted_visits(self):
        return DailyVisits.objects.total()

    @property
    def total(self):
        return self.starting_total + self.counted_visits


class DailyVisitsQuerySet(models.QuerySet):
    def total(self):
        return self.aggregate(total=Sum("visits"))["total"] or 0

    def series(self, days, last_day):
        """(date, visits) for each of the ``days`` days up to ``last_day``, zero where none."""
        first_day = last_day - timedelta(days=days - 1)
        counted = dict(self.filter(date__range=(first_day, last_day)).values_list("date", "visits"))
        return [
            (day, counted.get(day, 0))
            for day in (first_day + timedelta(days=offset) for offset in range(days))
        ]


class DailyVisits(models.Model):
    """Visits counted on one day (town time); their sum plus ``SiteCounter.starting_total`` is
    the footer's "Thống kê"."""

    date = models.DateField(_("ngày"), unique=True)
    visits = models.PositiveBigIntegerField(_("lượt truy cập"), default=0)

    objects = DailyVisitsQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("lượt truy cập theo ngày")
        verbose_name_plural = _("thống kê truy cập")

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.visits}"

    @classmethod
    def add(cls, date, visits=1):
        add_to(cls, {"date": date}, "visits", visits)


class ArticleViewsQuerySet(models.QuerySet):
    def most_read(self, limit=10):
        return self.select_related("article").filter(views__gt=0).order_by("-views")[:limit]


class ArticleViews(models.Model):
    """How many readers read one ``news.Article`` (once per reader and visit): its "Lượt xem"."""

    article = models.OneToOneField(
        "news.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="view_count",
    )
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    objects = ArticleViewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt xem bài viết")
        verbose_name_plural = _("lượt xem bài viết")

    def __str__(self):
        return f"{self.article_id}: {self.views}"

    @classmethod
    def add(cls, article_id, views=1):
        add_to(cls, {"article_id": article_id}, "views", views)

    @classmethod
    def of(cls, article_id):
        return (
            cls.objects.filter(article_id=article_id).values_list("views", flat=True).first() or 0
        )


class Reader(models.Model):
    """A reader's current visit, for the database counter store (without a shared cache).

    ``key`` is the reader's cookie id, or a keyed hash of IP and user agent for readers without
    cookies. ``last_seen_at`` is refreshed at most once a minute; a visit ends after 30 minutes
    without it. ``article_ids`` lists the articles already counted during this visit.
    """

    key = models.CharField(max_length=40, unique=True)
    visit_started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)
    article_ids = models.TextField(blank=True)

    class Meta:
        verbose_name = _("bạn đọc đang truy cập")
        verbose_name_plural = _("bạn đọc đang truy cập")

    def __str__(self):
        return self.key

    @property
    def counted_articles(self):
        return {int(pk) for pk in self.article_ids.split(",") if pk}


class FlushedBatch(models.Model):
    """A batch of cached counts already added to the database, so that it is never added twice."""

    id = models.CharField(max_length=40, primary_key=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("lô số đếm đã ghi")
        verbose_name_plural = _("lô số đếm đã ghi")

    def __str__(self):
        return self.id
