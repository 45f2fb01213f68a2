"""Occurrences: every date of every live event as a row, so that lists are range queries.

Kept in step with what is published (events/occurrences.py): rebuilt when an event is
published, removed when it is unpublished, and extended ahead by a periodic task.
The rows are derived data, never edited and outside the pages' revisions.
"""

from django.db import models
from django.utils import timezone

from .. import recurrence


class OccurrenceQuerySet(models.QuerySet):
    def of(self, events):
        """The occurrences of these events (a queryset of event pages)."""
        return self.filter(event__in=events.values("pk"))

    def between(self, after, before):
        """Occurrences not over by `after` that start before `before`."""
        return self.filter(over_at__gt=after, start__lt=before)

    def coming(self, now=None):
        return self.filter(over_at__gt=now or timezone.now())

    def taking_place(self):
        return self.filter(cancelled=False)

    def for_lists(self):
        return self.select_related("event", "event__organiser").order_by("start", "event_id")

    def next_of_each(self, count, now=None):
        """Each event at its next date that takes place, the soonest `count`: two queries."""
        firsts = (
            self.coming(now)
            .taking_place()
            .values("event")
            .annotate(first=models.Min("start"))
            .order_by("first", "event")[:count]
        )
        wanted = models.Q(pk__in=[])
        for found in firsts:
            wanted |= models.Q(event_id=found["event"], start=found["first"])
        chosen = {}
        for occurrence in self.model.objects.filter(wanted).taking_place().for_lists():
            chosen.setdefault(occurrence.event_id, occurrence)
        return list(chosen.values())


class Occurrence(recurrence.LocalTimes, models.Model):
    """One date of an event as the calendar shows it, with its changed-date note."""

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="occurrences"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    # When it is over: the end, or the midnight after the last day of an all-day event.
    over_at = models.DateTimeField()
    # The series' own start for this date (RECURRENCE-ID); empty for a single event.
    recurrence_id = models.DateTimeField(null=True, blank=True)
    override = models.ForeignKey(
        "events.OccurrenceOverride",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled = models.BooleanField(default=False)
    moved = models.BooleanField(default=False)
    note = models.CharField(max_length=500, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["start", "event_id"]
        indexes = [
            models.Index(fields=["start", "event"], name="occurrence_start"),
            models.Index(fields=["over_at"], name="occurrence_over_at"),
            models.Index(fields=["event", "start"], name="occurrence_event_start"),
        ]
        verbose_name = "occurrence"

    def __str__(self):
        return f"{self.event_id} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self):
        return self.cancelled or self.event.is_cancelled
