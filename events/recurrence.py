"""Repetition as RFC 5545 has it, expanded by python-dateutil in local wall-clock time.

An event's repetition is an RRULE (any valid rule: FREQ up to YEARLY, BYDAY with
ordinals, BYMONTHDAY, BYSETPOS, INTERVAL, COUNT, UNTIL), added dates (RDATE),
excluded dates (EXDATE) and overrides of single occurrences (RECURRENCE-ID).
Expansion happens on naive Stockholm wall-clock times and is made aware only at
the end, so a weekly 10:00 meeting stays at 10:00 across daylight-saving changes.
"""

import dataclasses
import datetime

from dateutil import rrule
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _

# Open-ended series have no last end; the calendar stores this instead of NULL so
# that "not over yet" stays one indexed range condition.
OPEN_ENDED = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)
PARTS = {
    "FREQ",
    "UNTIL",
    "COUNT",
    "INTERVAL",
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
}
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# A meeting series, not a clock: at most once a day (the date identifies an occurrence)
# and at most this many times, so that no rule can make a page expand without end.
MAX_COUNT = 1000
MAX_INTERVAL = 999
# A series with an end runs at most this long; one without has a date within it.
MAX_YEARS = 10


class InvalidRule(ValueError):
    pass


def rule_parts(text):
    """The parts of an RRULE value as an ordered dict of upper-case names to values."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts = {}
    for piece in text.split(";"):
        if not piece.strip():
            continue
        name, sep, value = piece.partition("=")
        name = name.strip().upper()
        if not sep or name not in PARTS or not value.strip():
            raise InvalidRule(_("“%(part)s” is not part of a repetition rule.") % {"part": piece})
        parts[name] = value.strip().upper()
    return parts


def join_parts(parts):
    return ";".join(f"{name}={value}" for name, value in parts.items())


def parse_until(value):
    """UNTIL as written: a DATE, a UTC date-time (…Z) or a floating date-time."""
    try:
        if len(value) == 8:
            return datetime.datetime.strptime(value, "%Y%m%d").date()
        if value.endswith("Z"):
            naive = datetime.datetime.strptime(value[:-1], "%Y%m%dT%H%M%S")
            return naive.replace(tzinfo=datetime.UTC)
        return datetime.datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError:
        raise InvalidRule(
            _("The end of the repetition is not a date: %(value)s") % {"value": value}
        ) from None


def local_naive(value):
    """An aware date-time as naive Stockholm wall-clock time."""
    return timezone.localtime(value).replace(tzinfo=None)


def aware(naive):
    """Naive Stockholm wall-clock time made aware; a time that does not exist (02:30 on
    the spring-forward night) is read with the offset before the gap, as RFC 5545 3.3.5
    says, and shown as the 03:30 it then is."""
    tz = timezone.get_current_timezone()
    # Through UTC: converting to the same zone directly would keep the impossible time.
    return timezone.make_aware(naive, tz).astimezone(datetime.UTC).astimezone(tz)


def until_as_local(value):
    """UNTIL as a naive local date-time, inclusive: a DATE means to the end of that day."""
    if isinstance(value, datetime.datetime):
        return local_naive(value) if value.tzinfo else value
    return datetime.datetime.combine(value, datetime.time(23, 59, 59))


def normalise_rule(text, all_day):
    """A valid RRULE value in the form the calendar stores and publishes.

    UNTIL becomes a DATE for all-day events and a UTC date-time for timed ones
    (RFC 5545 3.3.10); COUNT and UNTIL together are refused.
    """
    parts = rule_parts(text)
    if not parts:
        return ""
    if parts.get("FREQ") in {"SECONDLY", "MINUTELY", "HOURLY"} or any(
        "," in parts.get(name, "") for name in ("BYHOUR", "BYMINUTE", "BYSECOND")
    ):
        raise InvalidRule(_("An event can repeat at most once a day."))
    if parts.get("FREQ") not in FREQUENCIES:
        raise InvalidRule(_("The repetition needs a frequency (FREQ), such as WEEKLY."))
    if "COUNT" in parts and not (parts["COUNT"].isdigit() and 0 < int(parts["COUNT"]) <= MAX_COUNT):
        raise InvalidRule(
            _("The number of times must be between 1 and %(max)s.") % {"max": MAX_COUNT}
        )
    if "INTERVAL" in parts and not (
        parts["INTERVAL"].isdigit() and 0 < int(parts["INTERVAL"]) <= MAX_INTERVAL
    ):
        raise InvalidRule(
            _("The interval must be a whole number between 1 and %(max)s.") % {"max": MAX_INTERVAL}
        )
    if "UNTIL" in parts and "COUNT" in parts:
        raise InvalidRule(_("Give either an end date or a number of times, not both."))
    if "UNTIL" in parts:
        until = parse_until(parts["UNTIL"])
        if all_day:
            day = until.date() if isinstance(until, datetime.datetime) else until
            if isinstance(until, datetime.datetime) and until.tzinfo:
                day = timezone.localtime(until).date()
            parts["UNTIL"] = day.strftime("%Y%m%d")
        else:
            local = until_as_local(until)
            parts["UNTIL"] = aware(local).astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    try:
        rrule.rrulestr(join_parts(expansion_parts(parts)), dtstart=datetime.datetime(2000, 1, 1))
    except (ValueError, TypeError) as error:
        raise InvalidRule(
            _("The repetition rule is not valid: %(error)s") % {"error": error}
        ) from error
    return join_parts(parts)


def first_date(rule, start):
    """The rule's first naive start from `start` on, looking at most MAX_YEARS ahead.

    Raises InvalidRule for a rule whose end lies further away or that gives no date
    there, so that no stored rule can make a page expand for ever.
    """
    naive = local_naive(start)
    horizon = naive + relativedelta(years=MAX_YEARS)
    parts = expansion_parts(rule_parts(rule))
    if "UNTIL" in parts:
        if datetime.datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%S") > horizon:
            raise InvalidRule(
                _(
                    "A repetition with an end can run at most %(years)s years; "
                    "leave the end open for a series without end."
                )
                % {"years": MAX_YEARS}
            )
    elif "COUNT" not in parts:
        parts["UNTIL"] = horizon.strftime("%Y%m%dT%H%M%S")
    try:
        found = rrule.rrulestr(join_parts(parts), dtstart=naive).after(
            naive - datetime.timedelta(seconds=1), inc=True
        )
    except (ValueError, OverflowError) as error:
        raise InvalidRule(
            _("The repetition rule is not valid: %(error)s") % {"error": error}
        ) from error
    if found is None:
        raise InvalidRule(
            _("The rule gives no date within %(years)s years of the start.") % {"years": MAX_YEARS}
        )
    return found


def expansion_parts(parts):
    """The rule for dateutil on naive local times: UNTIL as local wall-clock time."""
    parts = dict(parts)
    if "UNTIL" in parts:
        parts["UNTIL"] = until_as_local(parse_until(parts["UNTIL"])).strftime("%Y%m%dT%H%M%S")
    return parts


class LocalTimes:
    """`start` and `end` as Stockholm wall-clock times, for pages and emails."""

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)


@dataclasses.dataclass(frozen=True)
class Occurrence(LocalTimes):
    """One time an event takes place, as the site and every feed show it."""

    event: object
    start: datetime.datetime  # aware, Stockholm time
    end: datetime.datetime
    # The original start of a series occurrence (RECURRENCE-ID); None for a single event.
    recurrence_id: datetime.datetime | None = None
    cancelled: bool = False
    note: str = ""
    moved: bool = False

    @property
    def is_cancelled(self):
        return self.cancelled or self.event.is_cancelled


class Schedule:
    """The dates of one event: its rule set and overrides, expanded on demand."""

    def __init__(self, event):
        self.event = event
        self.start = local_naive(event.start)
        self.wall_duration = local_naive(event.end) - self.start
        # All-day events end on their last day's midnight; they last until the next one.
        self.tail = datetime.timedelta(days=1) if event.all_day else datetime.timedelta(0)
        self.recurring = bool(event.recurrence)
        self.rules = rrule.rruleset(cache=True)
        self.excluded = set()
        self.overrides = {}
        if not self.recurring:
            return
        parts = rule_parts(event.recurrence)
        self.rules.rrule(
            rrule.rrulestr(join_parts(expansion_parts(parts)), dtstart=self.start, cache=True)
        )
        # DTSTART is always the first occurrence (RFC 5545 3.8.5.3), as clients show it.
        self.rules.rdate(self.start)
        for added in event.added_dates.all():
            self.rules.rdate(datetime.datetime.combine(added.date, added.time or self.start.time()))
        self.excluded = {day.date for day in event.excluded_dates.all()}
        self.overrides = {override.original_date: override for override in event.overrides.all()}

    @property
    def open_ended(self):
        if not self.recurring:
            return False
        parts = rule_parts(self.event.recurrence)
        return "UNTIL" not in parts and "COUNT" not in parts

    def series_starts(self, after=None, before=None):
        """Naive local starts of the series, excluded dates left out, in order."""
        if not self.recurring:
            yield self.start
            return
        iterator = self.rules if after is None else self.rules.xafter(after, inc=True)
        for naive in iterator:
            if before is not None and naive >= before:
                return
            if naive.date() not in self.excluded:
                yield naive

    def occurrence(self, naive):
        """The occurrence the series has at this naive start, with its override applied."""
        start, end = aware(naive), aware(naive + self.wall_duration)
        if not self.recurring:
            return Occurrence(self.event, start, end)
        override = self.overrides.get(naive.date())
        if override is None:
            return Occurrence(self.event, start, end, recurrence_id=start)
        new_start = override.start or start
        new_end = override.end or (new_start + (end - start))
        return Occurrence(
            self.event,
            new_start,
            new_end,
            recurrence_id=start,
            cancelled=override.cancelled,
            note=override.note,
            moved=(new_start, new_end) != (start, end),
        )

    def between(self, after, before):
        """Occurrences that end after `after` and start before `before` (aware), in order."""
        lo = local_naive(after) - self.wall_duration - datetime.timedelta(days=1)
        hi = local_naive(before) + datetime.timedelta(days=1)
        found = {}
        for naive in self.series_starts(lo, hi):
            found[naive] = self.occurrence(naive)
        # An override can move an occurrence into the window from outside it.
        for day in self.overrides:
            for naive in self.starts_on(day):
                found.setdefault(naive, self.occurrence(naive))
        return sorted(
            (o for o in found.values() if o.end + self.tail > after and o.start < before),
            key=lambda o: (o.start, o.end),
        )

    def starts_on(self, day):
        """The series' naive starts on one local date (normally none or one)."""
        if not self.recurring or day in self.excluded:
            return []
        begin = datetime.datetime.combine(day, datetime.time())
        return list(self.rules.between(begin, begin + datetime.timedelta(days=1), inc=True))[:5]

    def upcoming(self, after, limit):
        """The next `limit` occurrences that have not ended by `after`."""
        result = []
        lo = local_naive(after) - self.wall_duration - datetime.timedelta(days=1)
        # A moved date can land anywhere: read as many more starts as there are overrides.
        wanted = limit + len(self.overrides)
        for naive in self.series_starts(lo):
            occurrence = self.occurrence(naive)
            if occurrence.end + self.tail > after:
                result.append(occurrence)
            if len(result) >= wanted:
                break
        seen = {o.recurrence_id for o in result}
        moved_in = [
            self.occurrence(naive)
            for day in self.overrides
            for naive in self.starts_on(day)
            if aware(naive) not in seen
        ]
        result += [o for o in moved_in if o.end + self.tail > after]
        return sorted(result, key=lambda o: (o.start, o.end))[:limit]

    def first_start(self):
        """The earliest start of any occurrence: an override may move one before DTSTART."""
        moved = [
            self.occurrence(naive).start for day in self.overrides for naive in self.starts_on(day)
        ]
        return min([self.event.start, *moved])

    def last_end(self):
        """When the last occurrence ends; OPEN_ENDED for a series without an end."""
        if not self.recurring:
            return self.event.end + self.tail
        if self.open_ended:
            return OPEN_ENDED
        ends = [self.occurrence(naive).end for naive in self.series_starts()]
        return (max(ends) if ends else self.event.end) + self.tail

    def exdates(self):
        """Excluded dates as the series' own starts on those dates (EXDATE values)."""
        return sorted(naive for day in self.excluded for naive in self._rule_starts_on(day))

    def _rule_starts_on(self, day):
        begin = datetime.datetime.combine(day, datetime.time())
        return self.rules.between(begin, begin + datetime.timedelta(days=1), inc=True)
