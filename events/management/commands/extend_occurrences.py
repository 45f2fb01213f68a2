"""Move the stored occurrences on to the horizon: run daily (README, "Background tasks")."""

from django.core.management.base import BaseCommand

from events.occurrences import extend


class Command(BaseCommand):
    help = "Store every live event's dates up to the calendar's horizon (400 days ahead)."

    def handle(self, *args, **options):
        self.stdout.write(f"{extend()} events' dates stored up to the horizon.")
