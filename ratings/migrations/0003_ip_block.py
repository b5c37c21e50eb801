"""Vote.ip_block and Comment.ip_block: the per-address limits count an IPv6 /64 as one reader;
the rows already stored get theirs."""

from django.db import migrations, models

from core.clientip import address_block


def ip_block_field():
    return models.CharField(default="", editable=False, max_length=43, verbose_name="khối địa chỉ IP")


def fill_ip_blocks(apps, schema_editor):
    for model_name in ("Vote", "Comment"):
        model = apps.get_model("ratings", model_name)
        for ip in model.objects.values_list("ip", flat=True).distinct().order_by():
            model.objects.filter(ip=ip).update(ip_block=address_block(ip))


class Migration(migrations.Migration):
    dependencies = [
        ("ratings", "0002_article_rating_comment_count"),
    ]

    operations = [
        migrations.AddField(model_name="comment", name="ip_block", field=ip_block_field()),
        migrations.AddField(model_name="vote", name="ip_block", field=ip_block_field()),
        migrations.RunPython(fill_ip_blocks, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="comment", name="comment_ip_idx"),
        migrations.RemoveIndex(model_name="vote", name="vote_ip_idx"),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["ip_block", "created_at"], name="comment_ip_block_idx"),
        ),
        migrations.AddIndex(
            model_name="vote",
            index=models.Index(
                fields=["article", "ip_block", "created_at"], name="vote_ip_block_idx"
            ),
        ),
    ]
