"""Serialise every live event again: after an upgrade changes the feed format, or as upkeep.

Only events whose VEVENTs really change get a new SEQUENCE and move the validators.
With --enqueue a worker does it (README, "Background tasks").
"""

from events.management.task_command import TaskCommand
from events.tasks import refresh_calendar_entries


class Command(TaskCommand):
    help = "Serialise every live event's calendar entry again where it has changed."
    task = refresh_calendar_entries
    queued = "Calendar refresh queued."
    done = "{result} calendar entries changed."
