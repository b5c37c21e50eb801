"""ArticleRating.comment_count, counted for the comments already published."""

from django.db import migrations, models
from django.db.models import Count


def count_public_comments(apps, schema_editor):
    ArticleRating = apps.get_model("ratings", "ArticleRating")
    Comment = apps.get_model("ratings", "Comment")
    counts = (
        Comment.objects.filter(status="approved")
        .values_list("article_id")
        .annotate(public=Count("pk"))
        .order_by()
    )
    for article_id, public in counts:
        ArticleRating.objects.update_or_create(
            article_id=article_id, defaults={"comment_count": public}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ratings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlerating",
            name="comment_count",
            field=models.PositiveIntegerField(default=0, verbose_name="bình luận đã đăng"),
        ),
        migrations.RunPython(count_public_comments, migrations.RunPython.noop),
    ]
