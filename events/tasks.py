"""The calendar's background work: importing external calendars and refreshing entries.

They run on the "calendar" queue, since an import waits on another organisation's
server: email (the "default" queue) keeps moving meanwhile. Enqueued by
`manage.py import_calendars --enqueue` and `manage.py refresh_calendar --enqueue` from
cron or a systemd timer (README, "Background tasks"), and by the admin's "Import now".
"""

import logging

from django.db import transaction
from django_tasks import task

from . import occurrences
from .ical import serialise
from .importer import import_calendar
from .models import EventIndexPage, EventPage, ExternalCalendar

logger = logging.getLogger(__name__)

QUEUE = "calendar"


@task(queue_name=QUEUE)
def import_external_calendar(source_id):
    """Import one external calendar; returns the report, which its admin entry shows too."""
    index = EventIndexPage.objects.live().first()
    if index is None:
        logger.warning("There is no calendar page to import into.")
        return None
    with transaction.atomic():
        # One import of a calendar at a time: the hourly run and an editor's "Import now"
        # may meet, and two imports of one feed would both create its new events.
        source = ExternalCalendar.objects.select_for_update().filter(pk=source_id).first()
        if source is None:
            return None
        return import_calendar(source, index)


def enqueue_imports():
    """Queue an import of every active external calendar; returns how many."""
    sources = list(ExternalCalendar.objects.filter(active=True).values_list("pk", flat=True))
    for source_id in sources:
        import_external_calendar.enqueue(source_id)
    return len(sources)


@task(queue_name=QUEUE)
def refresh_calendar_entries():
    """Serialise every live event again; returns how many calendar entries changed."""
    return sum(serialise(event) for event in EventPage.objects.live().iterator())


@task(queue_name=QUEUE)
def extend_stored_occurrences():
    """Move the stored occurrences on to the horizon; returns how many events were refreshed."""
    return occurrences.extend()
