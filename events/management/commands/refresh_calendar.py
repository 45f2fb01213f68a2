"""Serialise every live event again: after an upgrade changes the feed format, or as upkeep.

Only events whose VEVENTs really change get a new SEQUENCE and move the validators.
With --enqueue a worker does it (README, "Background tasks").
"""

from django.core.management.base import BaseCommand

from events.tasks import refresh_calendar_entries


class Command(BaseCommand):
    help = "Serialise every live event's calendar entry again where it has changed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Leave the work to a background worker instead of doing it here.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            refresh_calendar_entries.enqueue()
            self.stdout.write("Calendar refresh queued.")
            return
        changed = refresh_calendar_entries.call()
        self.stdout.write(f"{changed} calendar entries changed.")
