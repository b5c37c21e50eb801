"""The demo content `make run` shows, read from each app's demo/content.toml and its media.

An app with demo content keeps it in ``<app>/demo/content.toml``, beside the media files it
names; a new app adds its own file and nothing else. A file holds one table per model, created
in the order written, and apps load in INSTALLED_APPS order (an app relates only to apps above
it)::

    [category]                              # any name
    model = "news.Category"
    key = "slug"                            # natural key: an object whose key exists is kept
    [[category.objects]]
    slug = "giao-duc"
    parent = { slug = "van-hoa-xa-hoi" }    # a relation: fields that find the related object
    published_at = { days_ago = 2 }         # a time relative to the load; negative = ahead
    cover = "covers/giao-duc.jpg"           # a file field: a file beside content.toml

Each object is made through its model, full_clean() then save(), as an upload in the admin
is: the models build their own renditions, sanitised bodies and search text.
"""

import tomllib
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

DEMO_FILE = Path("demo") / "content.toml"


def demo_files():
    """Every installed app's demo file, in INSTALLED_APPS order."""
    paths = (Path(config.path) / DEMO_FILE for config in apps.get_app_configs())
    return [path for path in paths if path.is_file()]


def field_value(model, name, value, folder, now):
    """A field's value as the model takes it, from how the demo file writes it."""
    field = model._meta.get_field(name)
    if field.is_relation:
        return field.related_model._default_manager.get(**value)
    if isinstance(field, models.DateTimeField) and isinstance(value, dict):
        return now - timedelta(days=value["days_ago"])
    if isinstance(field, models.FileField):
        path = folder / value
        return ContentFile(path.read_bytes(), name=path.name)
    return value


def load_table(table, folder, now):
    """Create the table's objects whose natural key is not taken yet; returns how many."""
    model, key = apps.get_model(table["model"]), table["key"]
    created = 0
    for entry in table["objects"]:
        if model._default_manager.filter(**{key: entry[key]}).exists():
            continue
        instance = model(
            **{name: field_value(model, name, value, folder, now) for name, value in entry.items()}
        )
        instance.full_clean()
        instance.save()
        created += 1
    return created


def load_demo():
    """Create whatever demo content is missing: {model label: (objects in the demo, created)}.

    Objects that exist are left as they are, even when staff have edited them, so a second run
    changes nothing and stores no file again.
    """
    now = timezone.now().replace(second=0, microsecond=0)
    counts = {}
    with transaction.atomic():
        for path in demo_files():
            for table in tomllib.loads(path.read_text(encoding="utf-8")).values():
                created = load_table(table, path.parent, now)
                counts[table["model"]] = (len(table["objects"]), created)
    return counts


def summary(counts):
    """One line for the terminal: what the demo holds and how much this run had to add."""
    held = ", ".join(f"{total} {label}" for label, (total, _created) in counts.items())
    created = sum(created for _total, created in counts.values())
    return f"Demo content: {held}; {created} created by this run."
