# The sidebar models lived in the project package (app label "portal") until the house was
# reshaped. A new database gets the tables here; an existing one keeps its rows: the old tables
# are renamed, and the content types (with the permissions staff groups hold) move along.

import core.uploads
from django.db import migrations, models

MODELS = ("townmap", "song", "websitelink")


def take_over_or_create(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for name in MODELS:
        model = apps.get_model("sidebar", name)
        old_table = f"portal_{name}"
        if old_table in existing:
            schema_editor.alter_db_table(model, old_table, model._meta.db_table)
        else:
            schema_editor.create_model(model)
    content_types = apps.get_model("contenttypes", "ContentType")
    taken = set(
        content_types.objects.filter(app_label="sidebar", model__in=MODELS).values_list(
            "model", flat=True
        )
    )
    content_types.objects.filter(app_label="portal", model__in=set(MODELS) - taken).update(
        app_label="sidebar"
    )


def give_back(apps, schema_editor):
    for name in MODELS:
        schema_editor.delete_model(apps.get_model("sidebar", name))


BLOCK_FIELDS = [
    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
    ("title", models.CharField(max_length=200, verbose_name="tiêu đề")),
    ("order", models.PositiveIntegerField(default=0, verbose_name="thứ tự")),
    ("is_shown", models.BooleanField(default=True, verbose_name="hiển thị")),
]


class Migration(migrations.Migration):

    initial = True

    dependencies = [("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Song",
                    fields=[
                        *BLOCK_FIELDS,
                        ("performer", models.CharField(blank=True, max_length=200, verbose_name="trình bày")),
                        ("audio", models.FileField(upload_to=core.uploads.UploadTo("songs", kind="audio"), validators=[core.uploads.validate_audio], verbose_name="tệp âm thanh")),
                    ],
                    options={
                        "verbose_name": "ca khúc",
                        "verbose_name_plural": "các ca khúc hay",
                        "ordering": ["order", "pk"],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="TownMap",
                    fields=[
                        *BLOCK_FIELDS,
                        ("image", models.ImageField(upload_to=core.uploads.UploadTo("maps"), validators=[core.uploads.validate_image], verbose_name="ảnh bản đồ")),
                        ("preview", models.ImageField(blank=True, editable=False, upload_to=core.uploads.UploadTo("renditions"))),
                        ("full_view", models.ImageField(blank=True, editable=False, upload_to=core.uploads.UploadTo("renditions"))),
                    ],
                    options={
                        "verbose_name": "bản đồ thị xã",
                        "verbose_name_plural": "bản đồ thị xã",
                        "ordering": ["order", "pk"],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="WebsiteLink",
                    fields=[
                        *BLOCK_FIELDS,
                        ("url", models.URLField(max_length=500, verbose_name="địa chỉ")),
                    ],
                    options={
                        "verbose_name": "liên kết website",
                        "verbose_name_plural": "liên kết website",
                        "ordering": ["order", "pk"],
                        "abstract": False,
                    },
                ),
            ],
        ),
        # After the models exist in the migration state, so that it can build their tables.
        migrations.RunPython(take_over_or_create, give_back),
    ]
