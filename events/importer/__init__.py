"""Import member organisations' iCal feeds into the network's calendar.

Each source event becomes one event page, with the source's repetition as RFC 5545
has it: the rule (RRULE), added dates (RDATE), excluded dates (EXDATE) and changed
or cancelled dates (RECURRENCE-ID). What the import would write is hashed, and an
event is written (a new revision, published) only when that hash changes, so an
unchanged source changes nothing: no revision, no SEQUENCE, no feed validator.

A feed is taken whole or not at all: one that cannot be fetched, is too large, is
cut off or cannot be parsed is reported and skipped, and what was imported before
stays. Events made here (without an import record) are never touched. Every event
that cannot be imported is named in the report, with the reason.
"""

from .feed import MAX_FEED_BYTES, FeedError
from .saving import import_calendar

__all__ = ["MAX_FEED_BYTES", "FeedError", "import_calendar"]
