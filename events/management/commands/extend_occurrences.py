"""Move the stored occurrences on to the horizon: run daily (README, "Background tasks").

With --enqueue a worker does it.
"""

from django.core.management.base import BaseCommand

from events.tasks import extend_stored_occurrences


class Command(BaseCommand):
    help = "Store every live event's dates up to the calendar's horizon (400 days ahead)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Leave the work to a background worker instead of doing it here.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            extend_stored_occurrences.enqueue()
            self.stdout.write("Extending the stored occurrences queued.")
            return
        count = extend_stored_occurrences.call()
        self.stdout.write(f"{count} events' dates stored up to the horizon.")
