"""Load the demo content `make run` shows; safe to run again, it only adds what is missing."""

from django.core.management.base import BaseCommand

from documents.demo import load_demo as load_demo_documents
from polls.demo import load_demo_votes
from portal.demo import load_demo, summary
from schedule.demo import load_demo_schedule


class Command(BaseCommand):
    help = (
        "Create the demo content of every app (<app>/demo/content.toml) that is missing "
        "(a second run creates nothing)."
    )

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(summary(load_demo())))
        # The leaders and this week's work schedule: placed in the current week, and changed
        # through the service staff use so that the history shows (schedule/demo/week.json).
        scheduled = load_demo_schedule()
        self.stdout.write(self.style.SUCCESS(f"Demo work schedule: {scheduled} created."))
        # Documents with their PDF files, through the import service a town moving from an old
        # portal uses (documents/demo/documents.json), dated relative to today.
        documents = load_demo_documents()
        self.stdout.write(self.style.SUCCESS(f"Demo documents: {documents} created."))
        # The demo poll's votes, cast through the service readers use (polls/demo/).
        votes = load_demo_votes()
        self.stdout.write(self.style.SUCCESS(f"Demo poll votes: {votes} created."))
