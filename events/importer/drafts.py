"""Drafts of events from a feed: single events, series with their changed dates.

Each draft carries its fingerprint, so an unchanged source event is not saved again.
"""

import dataclasses
import datetime
import hashlib
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import ical, recurrence
from ..models import (
    EventPage,
)
from .reading import (
    IMPORT_FORMAT,
    MAX_NOTE,
    MAX_NOTE_DESCRIPTION,
    RDATE_ONLY_RULE,
    Skip,
    Times,
    description_html,
    first,
    is_cancelled,
    naive_value,
    read_added,
    read_excluded,
    read_rule,
    read_times,
    reason,
    series_schedule,
    text_of,
    title_of,
)
from .zones import Zones


@dataclasses.dataclass
class Draft:
    """What the import writes for one event, and the fingerprint of it."""

    key: str  # the import record's external_uid: the UID, or UID#RECURRENCE-ID for a lone date
    title: str
    start: datetime.datetime
    end: datetime.datetime
    all_day: bool
    place_name: str
    description: str
    status: str
    recurrence: str = ""
    excluded: list = dataclasses.field(default_factory=list)
    added: list = dataclasses.field(default_factory=list)
    overrides: list = dataclasses.field(default_factory=list)
    last_modified: datetime.datetime | None = None

    def fingerprint(self, organiser_id):
        def moment(value):
            return value.astimezone(datetime.UTC).isoformat() if value else None

        data = {
            "format": IMPORT_FORMAT,
            "organiser": organiser_id,
            "title": self.title,
            "start": moment(self.start),
            "end": moment(self.end),
            "all_day": self.all_day,
            "place_name": self.place_name,
            "description": self.description,
            "status": self.status,
            "recurrence": self.recurrence,
            "excluded": [str(day) for day in self.excluded],
            "added": [[str(day), str(time)] for day, time in self.added],
            "overrides": [
                [
                    str(o["original_date"]),
                    o["cancelled"],
                    moment(o["start"]),
                    moment(o["end"]),
                    o["note"],
                ]
                for o in self.overrides
            ],
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def single_draft(key, vevent, zones):
    times = read_times(vevent, zones)
    return Draft(
        key=key,
        title=title_of(vevent),
        start=times.start,
        end=times.end,
        all_day=times.all_day,
        place_name=text_of(vevent, "LOCATION")[:200],
        description=description_html(text_of(vevent, "DESCRIPTION")),
        status=EventPage.Status.CANCELLED if is_cancelled(vevent) else EventPage.Status.SCHEDULED,
        last_modified=last_modified(vevent),
    )


def last_modified(vevent):
    prop = first(vevent.get("LAST-MODIFIED"))
    try:
        value = prop.dt if prop is not None else None
    except (ValueError, AttributeError):
        return None
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else recurrence.aware(value)
    return None


def recurrence_id(vevent, zones, all_day):
    """The local wall-clock start in the series that a RECURRENCE-ID names."""
    prop = first(vevent.get("RECURRENCE-ID"))
    return naive_value(prop.dt, prop.params.get("TZID"), zones, all_day)


def note_for(vevent, master):
    """What a changed date says that the series does not: short enough for a note."""
    parts = []
    summary, location = text_of(vevent, "SUMMARY"), text_of(vevent, "LOCATION")
    if summary and summary != text_of(master, "SUMMARY"):
        parts.append(summary)
    if location and location != text_of(master, "LOCATION"):
        parts.append(_("Place: %(place)s") % {"place": location})
    description = text_of(vevent, "DESCRIPTION")
    if description and description != text_of(master, "DESCRIPTION"):
        description = ical.plain_text(description) if "<" in description else description
        if len(description) <= MAX_NOTE_DESCRIPTION:
            parts.append(" ".join(description.split()))
    return " – ".join(parts)[:MAX_NOTE]


def series_draft(key, master, master_zones, changed, problems):
    """A master VEVENT with its changed dates (RECURRENCE-ID VEVENTs of the same UID).

    Returns the draft and the changed dates that belong to no occurrence of a
    non-repeating event (imported on their own, as calendar apps show them).
    """
    draft = single_draft(key, master, master_zones)
    times = Times(draft.start, draft.end, draft.all_day)
    rule = read_rule(master, master_zones, times)
    added, period_ends = read_added(master, master_zones, times)
    if not rule and not added:
        lone = []
        for vevent, zones in changed:
            try:
                naive = recurrence_id(vevent, zones, times.all_day)
            except (ValueError, TypeError, AttributeError, KeyError):
                lone.append((vevent, zones))
                continue
            if naive == recurrence.local_naive(draft.start):
                # A changed date of an event that does not repeat is the event as it now is.
                replaced = single_draft(key, vevent, zones)
                replaced.last_modified = draft.last_modified or replaced.last_modified
                draft = replaced
            else:
                lone.append((vevent, zones))
        return draft, lone
    draft.recurrence = rule or RDATE_ONLY_RULE
    schedule = series_schedule(times, draft.recurrence, added)
    draft.excluded = read_excluded(master, master_zones, times, schedule)
    wall_duration = schedule.wall_duration
    overrides = {}
    for naive, period_end in period_ends.items():
        if period_end != recurrence.aware(naive + wall_duration):  # a PERIOD of its own length
            series_end = recurrence.aware(naive + wall_duration)
            start = recurrence.aware(naive)
            overrides[naive.date()] = override(naive, series_end, False, start, period_end)
    for vevent, zones in changed:
        try:
            naive = recurrence_id(vevent, zones, times.all_day)
            own = read_times(vevent, zones) if "DTSTART" in vevent else None
        except Skip as skip:
            problems.append((draft.title, str(skip)))
            continue
        except (ValueError, TypeError, AttributeError, KeyError):
            problems.append((draft.title, _("the date it changes cannot be read")))
            continue
        if naive.date() in draft.excluded:
            continue  # as calendar apps do: an excluded date stays excluded
        if naive not in schedule.rules:
            # A changed date outside the rule still takes place, as calendar apps show it.
            time = None if times.all_day or naive.time() == schedule.start.time() else naive.time()
            if (naive.date(), time) not in added:
                added.append((naive.date(), time))
        start, end = recurrence.aware(naive), recurrence.aware(naive + wall_duration)
        if own is not None:
            start, end = own.start, own.end
            if own.all_day and not times.all_day:
                end = own.end + datetime.timedelta(days=1)
        series_end = recurrence.aware(naive + wall_duration)
        overrides[naive.date()] = override(
            naive, series_end, is_cancelled(vevent), start, end, note_for(vevent, master)
        )
    draft.added = sorted(added, key=lambda a: (a[0], a[1] or datetime.time()))
    draft.overrides = [overrides[day] for day in sorted(overrides)]
    return draft, []


def override(naive, series_end, cancelled, start, end, note=""):
    """A changed date; its times only when they differ from the series' own."""
    moved = (start, end) != (recurrence.aware(naive), series_end)
    return {
        "original_date": naive.date(),
        "cancelled": cancelled,
        "start": start if moved else None,
        "end": end if moved else None,
        "note": note,
    }


def import_key(uid, vevent=None):
    """The import record's key: the UID, with the RECURRENCE-ID for a date on its own."""
    key = uid
    if vevent is not None:
        prop = first(vevent.get("RECURRENCE-ID"))
        try:
            key = f"{uid}#{prop.to_ical().decode()}"
        except Exception:
            key = f"{uid}#{prop}"
    if len(key) > 255:
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def read_events(calendars):
    """The drafts to import, the keys the source holds, and what was skipped (title, reason)."""
    masters, changed, order = {}, {}, {}  # order: the UIDs as they come, a dict for speed
    skipped, problems, keys = [], [], set()
    for calendar in calendars:
        zones = Zones(calendar)
        for vevent in calendar.walk("VEVENT"):
            uid = text_of(vevent, "UID")
            title = text_of(vevent, "SUMMARY") or uid or _("(no title)")
            if not uid:
                skipped.append((title, _("it has no UID, so later changes could not be followed")))
                continue
            order.setdefault(uid, None)
            if "RECURRENCE-ID" in vevent:
                changed.setdefault(uid, []).append((vevent, zones))
            elif uid in masters:
                skipped.append((title, _("it appears more than once in the calendar")))
            else:
                masters[uid] = (vevent, zones)
    drafts = []
    for uid in order:
        lone = changed.get(uid, [])
        if uid in masters:
            master, zones = masters[uid]
            keys.add(import_key(uid))
            try:
                draft, lone = series_draft(import_key(uid), master, zones, lone, problems)
                drafts.append(draft)
            except Exception as error:
                skipped.append((text_of(master, "SUMMARY") or uid, reason(error)))
                lone = []
        # A changed date whose series is missing is imported as an event of its own.
        seen = set()
        for vevent, zones in lone:
            key = import_key(uid, vevent)
            title = text_of(vevent, "SUMMARY") or uid
            if key in seen:
                skipped.append((title, _("it appears more than once in the calendar")))
                continue
            seen.add(key)
            keys.add(key)
            try:
                drafts.append(single_draft(key, vevent, zones))
            except Exception as error:
                skipped.append((title, reason(error)))
    return drafts, keys, skipped, problems
