"""Add the visit and view counts buffered in Redis to the database (nothing to do without Redis)."""

from django.core.management.base import BaseCommand

from stats import services


class Command(BaseCommand):
    help = "Add buffered visit and article view counts to the database."

    def handle(self, *args, **options):
        visits = services.flush()
        self.stdout.write(f"Flushed {visits} visits.")
