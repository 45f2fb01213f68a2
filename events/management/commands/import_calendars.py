from django.core.management.base import BaseCommand

from events.importer import import_calendar
from events.models import EventIndexPage, ExternalCalendar


class Command(BaseCommand):
    help = "Import the member organisations' external iCal feeds registered in the admin."

    def handle(self, *args, **options):
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
