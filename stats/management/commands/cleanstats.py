"""Flush buffered counts, then delete presence rows of finished visits and old batch records."""

from django.core.management.base import BaseCommand

from stats import services


class Command(BaseCommand):
    help = "Flush buffered counts and delete presence rows of finished visits (run from cron)."

    def handle(self, *args, **options):
        result = services.clean()
        self.stdout.write(
            "Flushed {flushed_visits} visits, deleted {readers} finished readers "
            "and {batches} old batch records.".format(**result)
        )
