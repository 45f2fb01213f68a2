"""Reading a feed's values: times, repetition, added and changed dates.

What cannot be read is skipped with a reason the calendar's owner understands.
"""

import dataclasses
import datetime
import itertools
import re
import warnings

from dateutil import rrule
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from .. import ical, recurrence
from ..models import (
    EventAddedDate,
    EventPage,
)

# Part of every fingerprint: an importer that reads sources differently updates each event once.
IMPORT_FORMAT = 2
MAX_DESCRIPTION = 5000
# A changed date's own description goes into its note only when it is this short.
MAX_NOTE_DESCRIPTION = 200
MAX_NOTE = 500
# A series given by added dates alone (RDATE without RRULE) repeats by them only.
RDATE_ONLY_RULE = "FREQ=DAILY;COUNT=1"
# Occurrences followed to find where a rule with both COUNT and UNTIL ends.
MAX_EXPANDED = 100_000


class Skip(Exception):
    """Why an event (or one changed date of it) cannot be imported, in the owner's words."""


def reason(error):
    if isinstance(error, Skip):
        return str(error)
    # Something this importer did not foresee in one event: the others are imported.
    return _("it cannot be read (%(error)s)") % {"error": error}


def first(value):
    """A property given several times counts once: the first."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def text_of(vevent, name):
    value = first(vevent.get(name))
    return "" if value is None else str(value).replace("\r\n", "\n").strip()


def value_lists(vevent, name):
    value = vevent.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def local_midnight(day):
    return recurrence.aware(datetime.datetime.combine(day, datetime.time()))


@dataclasses.dataclass
class Times:
    start: datetime.datetime  # aware; local midnight for all-day
    end: datetime.datetime  # aware; all-day: local midnight of the last day
    all_day: bool


def read_times(vevent, zones):
    """DTSTART and DTEND (or DURATION) as the calendar stores them."""
    prop = first(vevent.get("DTSTART"))
    if prop is None:
        raise Skip(_("it has no start time"))
    try:
        value = prop.dt
        if not isinstance(value, datetime.date):
            raise ValueError(value)
    except (ValueError, TypeError, AttributeError):
        raise Skip(_("its start time cannot be read")) from None
    all_day = not isinstance(value, datetime.datetime)
    start = local_midnight(value) if all_day else zones.moment(value, prop.params.get("TZID"))
    end_prop = first(vevent.get("DTEND"))
    duration_prop = first(vevent.get("DURATION"))
    try:
        if end_prop is not None:
            end_value = end_prop.dt
            if isinstance(end_value, datetime.datetime):
                end = zones.moment(end_value, end_prop.params.get("TZID"))
            elif isinstance(end_value, datetime.date):
                end = local_midnight(end_value)
            else:
                raise ValueError(end_value)
        elif duration_prop is not None:
            duration = duration_prop.dt
            if not isinstance(duration, datetime.timedelta):
                raise ValueError(duration)
            end = recurrence.aware(recurrence.local_naive(start) + duration)
        else:
            # RFC 5545 3.6.1: a date lasts the day, a date-time has no length.
            end = start + datetime.timedelta(days=1) if all_day else start
    except (ValueError, TypeError, AttributeError, OverflowError):
        raise Skip(_("its end time cannot be read")) from None
    if end < start:
        raise Skip(_("it ends before it starts"))
    if all_day:
        # DTEND is exclusive for dates; DTEND equal to DTSTART (holiday calendars) is one day.
        last_day = max(timezone.localtime(end).date() - datetime.timedelta(days=1), value)
        end = local_midnight(last_day)
    return Times(start, end, all_day)


def description_html(text):
    """The source's plain-text description (or what HTML it holds) as rich text."""
    text = text[:MAX_DESCRIPTION]
    if re.search(r"<(br|p|div|b|i|a|ul|ol|li|span|strong|em)\b", text, re.IGNORECASE):
        text = ical.plain_text(text)  # Google and Outlook put HTML in DESCRIPTION
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )


def title_of(vevent):
    return text_of(vevent, "SUMMARY")[:255] or _("Event")


def is_cancelled(vevent):
    return text_of(vevent, "STATUS").upper() == "CANCELLED"


def instant_text(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


# Repetition


def read_rule(vevent, zones, times):
    """The source's RRULE as the calendar stores it ("" when the event has none)."""
    prop = first(vevent.get("RRULE"))
    if prop is None:
        return ""
    try:
        text = prop.to_ical().decode()
    except Exception:
        text = str(prop)
    unreadable = Skip(_("its repetition rule “%(rule)s” cannot be read") % {"rule": text[:100]})
    try:
        # Extensions (X-…) and the Gregorian default of RFC 7529 change nothing here.
        pieces = [
            p
            for p in text.split(";")
            if p.strip() and not p.strip().upper().startswith(("X-", "RSCALE=GREGORIAN"))
        ]
        parts = recurrence.rule_parts(";".join(pieces))
        if not times.all_day and "UNTIL" in parts:
            parts["UNTIL"] = timed_until(parts["UNTIL"], zones.zone_of(first(vevent["DTSTART"])))
        if "UNTIL" in parts and "COUNT" in parts:
            parts = first_end(parts, times)
        rule = recurrence.normalise_rule(recurrence.join_parts(parts), times.all_day)
        recurrence.first_date(rule, times.start)  # ends within reach and gives a date
        return rule
    except (recurrence.InvalidRule, ValueError, TypeError, OverflowError):
        raise unreadable from None


def timed_until(value, zone):
    """UNTIL of a timed series as a UTC time, read as calendar apps read it.

    A floating UNTIL is in the series' own zone. A DATE (Google writes that
    sometimes) is the start of that day: ical.js, dateutil (vobject,
    recurring-ical-events) and so Thunderbird and Nextcloud end the series before
    an occurrence on that day.
    """
    until = recurrence.parse_until(value)
    if isinstance(until, datetime.datetime) and until.tzinfo:
        return value
    if not isinstance(until, datetime.datetime):
        until = datetime.datetime.combine(until, datetime.time())
    if zone is None:
        return instant_text(recurrence.aware(until))
    return instant_text(until.replace(tzinfo=zone))


def first_end(parts, times):
    """RFC 5545 allows COUNT or UNTIL; given both, readers stop at whichever comes first."""
    naive_start = recurrence.local_naive(times.start)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rule = rrule.rrulestr(
            recurrence.join_parts(recurrence.expansion_parts(parts)), dtstart=naive_start
        )
        starts = list(itertools.islice(rule, MAX_EXPANDED))
    parts = {name: value for name, value in parts.items() if name != "COUNT"}
    last = starts[-1] if starts else naive_start
    if times.all_day:
        parts["UNTIL"] = last.strftime("%Y%m%d")
    else:
        parts["UNTIL"] = instant_text(recurrence.aware(last))
    return parts


def series_schedule(times, rule, added):
    """The series' dates as the site will expand them, for matching EXDATE and RECURRENCE-ID."""
    page = EventPage(start=times.start, end=times.end, all_day=times.all_day, recurrence=rule)
    page.added_dates = [EventAddedDate(date=date, time=time) for date, time in added]
    return recurrence.Schedule(page)


def naive_value(value, tzid, zones, all_day):
    """A DATE or DATE-TIME value as naive local wall-clock time (midnight for a date)."""
    if isinstance(value, datetime.datetime):
        naive = recurrence.local_naive(zones.moment(value, tzid))
        return naive.replace(hour=0, minute=0, second=0) if all_day else naive
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    raise ValueError(value)


def read_added(vevent, zones, times):
    """RDATE as (date, time or None for the series' time), and the periods' own ends."""
    added, ends = [], {}
    series_time = recurrence.local_naive(times.start).time()
    try:
        for values in value_lists(vevent, "RDATE"):
            tzid = values.params.get("TZID")
            for item in values.dts:
                value, period_end = item.dt, None
                if isinstance(value, tuple):  # a PERIOD: its start, and its own end
                    value, second = value
                    if isinstance(second, datetime.timedelta):
                        period_end = zones.moment(value, tzid) + second
                    else:
                        period_end = zones.moment(second, tzid)
                naive = naive_value(value, tzid, zones, times.all_day)
                is_time = isinstance(value, datetime.datetime) and not times.all_day
                time = naive.time() if is_time and naive.time() != series_time else None
                if (naive.date(), time) not in added:
                    added.append((naive.date(), time))
                if period_end is not None and not times.all_day:
                    ends[naive] = period_end
    except (ValueError, TypeError, AttributeError, OverflowError):
        raise Skip(_("its extra dates cannot be read")) from None
    return added, ends


def read_excluded(vevent, zones, times, schedule):
    """EXDATE as local dates: a date excludes its day, a date-time the occurrence it names."""
    excluded = set()
    try:
        for values in value_lists(vevent, "EXDATE"):
            tzid = values.params.get("TZID")
            for item in values.dts:
                value = item.dt
                naive = naive_value(value, tzid, zones, times.all_day)
                if times.all_day or not isinstance(value, datetime.datetime):
                    excluded.add(naive.date())
                elif naive in schedule.rules:
                    # As calendar apps do: a time that is no occurrence excludes nothing.
                    excluded.add(naive.date())
    except (ValueError, TypeError, AttributeError, OverflowError):
        raise Skip(_("its excluded dates cannot be read")) from None
    return sorted(excluded)
