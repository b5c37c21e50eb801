"""Load the demo content `make run` shows; safe to run again, it only adds what is missing."""

from django.core.management.base import BaseCommand

from portal.demo import load_demo, summary


class Command(BaseCommand):
    help = (
        "Create the demo content of every app (<app>/demo/content.toml) that is missing "
        "(a second run creates nothing)."
    )

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(summary(load_demo())))
