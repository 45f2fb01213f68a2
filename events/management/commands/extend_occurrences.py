"""Move the stored occurrences on to the horizon: run daily (README, "Background tasks").

With --enqueue a worker does it.
"""

from events.management.task_command import TaskCommand
from events.tasks import extend_stored_occurrences


class Command(TaskCommand):
    help = "Store every live event's dates up to the calendar's horizon (400 days ahead)."
    task = extend_stored_occurrences
    queued = "Extending the stored occurrences queued."
    done = "{result} events' dates stored up to the horizon."
