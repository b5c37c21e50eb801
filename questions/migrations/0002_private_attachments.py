"""Askers' attachments move from public media to private storage: read by staff through the
admin only. Files already stored are moved too, so none stays at a public address."""

from django.core.files.storage import storages
from django.db import migrations, models

import core.privatefiles
import questions.models


def _move_attachments(apps, source, target):
    Question = apps.get_model("questions", "Question")
    for question in Question.objects.exclude(attachment="").only("pk", "attachment").iterator():
        name = question.attachment.name
        if not storages[source].exists(name):
            continue
        with storages[source].open(name, "rb") as stored:
            moved = storages[target].save(name, stored)
        if moved != name:
            Question.objects.filter(pk=question.pk).update(attachment=moved)
        storages[source].delete(name)


def to_private(apps, schema_editor):
    _move_attachments(apps, "default", "private")


def to_public(apps, schema_editor):
    _move_attachments(apps, "private", "default")


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="question",
            name="attachment",
            field=models.FileField(
                blank=True,
                max_length=200,
                storage=core.privatefiles.private_storage,
                upload_to=questions.models.attachment_path,
                verbose_name="tệp đính kèm của người hỏi",
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
