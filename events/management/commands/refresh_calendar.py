"""Serialise every live event again: after an upgrade changes the feed format, or as upkeep.

Only events whose VEVENTs really change get a new SEQUENCE and move the validators.
"""

from django.core.management.base import BaseCommand

from events.ical import serialise
from events.models import EventPage


class Command(BaseCommand):
    help = "Serialise every live event's calendar entry again where it has changed."

    def handle(self, *args, **options):
        changed = sum(serialise(event) for event in EventPage.objects.live().iterator())
        self.stdout.write(f"{changed} calendar entries changed.")
