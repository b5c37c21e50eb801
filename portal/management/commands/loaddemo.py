"""Load the demo content `make run` shows; safe to run again, it only adds what is missing."""

from django.core.management.base import BaseCommand

from portal.demo import load_demo, summary
from schedule.demo import load_demo_schedule


class Command(BaseCommand):
    help = (
        "Create the demo categories, articles, town map, songs and links that are missing "
        "(a second run creates nothing)."
    )

    def handle(self, *args, **options):
        created = load_demo()
        self.stdout.write(self.style.SUCCESS(summary(created)))
        # The leaders and this week's work schedule (schedule/demo/week.json).
        scheduled = load_demo_schedule()
        self.stdout.write(self.style.SUCCESS(f"Demo work schedule: {scheduled} created."))
