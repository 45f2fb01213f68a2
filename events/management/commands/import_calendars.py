"""Import the external calendars registered in the admin, here or (--enqueue) by a worker.

Cron or a systemd timer runs `import_calendars --enqueue` (README, "Background tasks").
"""

from django.core.management.base import BaseCommand

from events.importer import import_calendar
from events.models import EventIndexPage, ExternalCalendar
from events.tasks import enqueue_imports


class Command(BaseCommand):
    help = "Import the member organisations' external iCal feeds registered in the admin."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue one import per calendar for the background workers instead.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            self.stdout.write(f"{enqueue_imports()} calendar imports queued.")
            return
        index = EventIndexPage.objects.live().first()
        if index is None:
            self.stderr.write("There is no calendar page to import into.")
            return
        for source in ExternalCalendar.objects.filter(active=True):
            # The counts first, then one line for each skipped event.
            summary, *skipped = import_calendar(source, index).splitlines()
            self.stdout.write(f"{source.name}: {summary}")
            for line in skipped:
                self.stdout.write(f"  {line}")
