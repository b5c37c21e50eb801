"""Store srcset renditions beside the images stored before pages asked for them (core.images)."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import models

from core.images import store_sized
from core.pagecache import forget_site_pages
from core.uploads import UploadTo, cleaned_image, stored_size


def source_image_fields():
    """(model, field) of every image staff upload into public storage with ``UploadTo``."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.ImageField)
                and field.editable
                and isinstance(field.upload_to, UploadTo)
            ):
                yield model, field


class Command(BaseCommand):
    help = (
        "Re-store every uploaded image that has no srcset renditions yet: cleaned of its "
        "metadata again, under a name with its size, with its renditions beside it. The old "
        "file is kept (a page cached elsewhere may still show it). A second run does nothing."
    )

    def handle(self, *args, **options):
        done = skipped = 0
        for model, field in source_image_fields():
            rows = model._base_manager.exclude(**{field.attname: ""}).only("pk", field.attname)
            for row in rows.iterator():
                file = getattr(row, field.attname)
                if stored_size(file.name):
                    continue
                try:
                    with file.storage.open(file.name, "rb") as opened:
                        image = cleaned_image(opened)
                except (OSError, ValidationError) as error:
                    self.stderr.write(f"{model._meta.label} {row.pk} {file.name}: {error}")
                    skipped += 1
                    continue
                if store_sized(row, field.attname, image) is None:
                    continue  # animated: sent whole, as it is
                new_name = getattr(row, field.attname).name
                # Only this column: the row's save() would redo what its other fields derive.
                model._base_manager.filter(pk=row.pk).update(**{field.attname: new_name})
                done += 1
        if done:
            forget_site_pages()
        self.stdout.write(f"Renditions made for {done} images; {skipped} could not be read.")
