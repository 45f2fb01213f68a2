"""The calendar's records, by concept: event pages, registrations, feeds and imports."""

from .feeds import CalendarEntry, CalendarToken, CalendarVersion, new_uid
from .imports import ExternalCalendar, ImportedEvent
from .occurrences import Occurrence
from .pages import (
    EVENT_TEXT_FEATURES,
    EventAddedDate,
    EventExcludedDate,
    EventIndexPage,
    EventPage,
    EventPageTag,
    OccurrenceOverride,
)
from .registrations import Registration

__all__ = [
    "EVENT_TEXT_FEATURES",
    "CalendarEntry",
    "CalendarToken",
    "CalendarVersion",
    "EventAddedDate",
    "EventExcludedDate",
    "EventIndexPage",
    "EventPage",
    "EventPageTag",
    "ExternalCalendar",
    "ImportedEvent",
    "Occurrence",
    "OccurrenceOverride",
    "Registration",
    "new_uid",
]
