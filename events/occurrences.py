"""Keeping the occurrence rows in step with the published events.

Lists read occurrences by a range query on events.Occurrence; this module is the
only writer. An event's rows cover its dates from the first up to the horizon, a
little more than the feeds' year ahead; `extend()` moves the horizon on (run daily,
README says how) and fills in events that have no rows yet, such as after an upgrade.
"""

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import CalendarEntry, EventPage, Occurrence, OccurrenceOverride

# The feeds look 365 days ahead; the rows reach further so that a missed daily run is harmless.
HORIZON = datetime.timedelta(days=400)
# Rows are extended when they reach less than this far ahead.
MARGIN = datetime.timedelta(days=30)


def horizon(now=None):
    return (now or timezone.now()) + HORIZON


def rows_for(event, until):
    """The event's occurrences from its first date up to `until`, as unsaved rows."""
    schedule = event.schedule
    overrides = dict(
        OccurrenceOverride.objects.filter(event=event).values_list("original_date", "pk")
    )
    first = schedule.first_start() - datetime.timedelta(days=1)
    rows = []
    for occurrence in schedule.between(first, until):
        series_date = occurrence.recurrence_id
        original_date = timezone.localtime(series_date).date() if series_date else None
        rows.append(
            Occurrence(
                event_id=event.pk,
                start=occurrence.start,
                end=occurrence.end,
                over_at=occurrence.end + schedule.tail,
                recurrence_id=occurrence.recurrence_id,
                override_id=overrides.get(original_date),
                cancelled=occurrence.cancelled,
                moved=occurrence.moved,
                note=occurrence.note,
            )
        )
    return rows


def refresh(event, until=None):
    """Store the event's occurrences anew (after a publish, a revert or an import)."""
    until = until or horizon()
    rows = rows_for(event, until)
    with transaction.atomic():
        Occurrence.objects.filter(event_id=event.pk).delete()
        Occurrence.objects.bulk_create(rows, batch_size=500)
        CalendarEntry.objects.filter(event_id=event.pk).update(occurrences_until=until)


def remove(event_id):
    """An unpublished event has no dates in any list."""
    Occurrence.objects.filter(event_id=event_id).delete()
    CalendarEntry.objects.filter(event_id=event_id).update(occurrences_until=None)


def extend(now=None):
    """Move every live event's rows on to the horizon; returns how many events were refreshed."""
    until = horizon(now)
    behind = CalendarEntry.objects.filter(event__live=True).filter(
        Q(occurrences_until__isnull=True)
        | Q(occurrences_until__lt=until - MARGIN, ends_at__gt=F("occurrences_until"))
    )
    events = EventPage.objects.filter(pk__in=behind.values("event_id")).prefetch_related(
        "excluded_dates", "added_dates", "overrides"
    )
    count = 0
    for event in events.iterator(chunk_size=200):
        refresh(event, until)
        count += 1
    return count
