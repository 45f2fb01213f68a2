"""Independent parsers read our iCalendar feeds: do they see what the site shows?

Three readers expand a calendar file into occurrences, each the way a calendar client built
on it would:

- ical.js, the parser of Thunderbird and Nextcloud, through node (``interop/expand.mjs``);
- vobject, reading the file's VTIMEZONE through its own (dateutil) time zone;
- recurring-ical-events on icalendar, the library that writes the feeds. For a TZID it knows
  (Europe/Stockholm) icalendar takes the zone from the system's tz database and never reads
  the file's VTIMEZONE, so it checks the repetition, not the zone definition.

Every reader's result is normalised to one form, :class:`Occurrence`: strings, as a person
in Europe/Stockholm sees them. A timed occurrence is placed in time through the zone the file
gives it, as that parser reads it (for a TZID, the file's VTIMEZONE), then shown as the wall
clock of a device in Europe/Stockholm (the system's tz database), "YYYY-MM-DDTHH:MM"; a
floating time is shown as written. An all-day (DATE) occurrence is "YYYY-MM-DD", the end
exclusive as in the file. So a VTIMEZONE that a parser misreads shows up as the wrong hour.

An occurrence belongs to a window [start, end) of local dates when its start does.
"""

import contextlib
import datetime
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import vobject
import vobject.icalendar

ICALJS_DIR = Path(__file__).resolve().parent / "interop"
EXPAND_SCRIPT = ICALJS_DIR / "expand.mjs"
DISPLAY_ZONE = ZoneInfo("Europe/Stockholm")
# A series is followed this far past the window, for overrides moved into it.
SLACK = datetime.timedelta(days=2)
MAX_OCCURRENCES = 100_000
NODE_TIMEOUT = 60  # seconds


class Occurrence(NamedTuple):
    uid: str
    start: str  # "YYYY-MM-DDTHH:MM" local wall clock, or "YYYY-MM-DD" when all day
    end: str  # the same form; exclusive for all-day occurrences, as in the file
    all_day: bool
    summary: str
    status: str  # STATUS of the occurrence (its override's, if any); CONFIRMED by default


def sort_key(occurrence):
    return (
        occurrence.start,
        occurrence.uid,
        occurrence.end,
        occurrence.summary,
        occurrence.status,
        occurrence.all_day,
    )


def normalise(occurrences):
    """Occurrences (or plain tuples in the same order) as a sorted list of Occurrence."""
    return sorted((Occurrence(*occurrence) for occurrence in occurrences), key=sort_key)


def _as_date(value):
    if isinstance(value, datetime.datetime):
        raise TypeError(f"a window is given in local dates, not date-times: {value!r}")
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _window(start_date, end_date):
    start, end = _as_date(start_date), _as_date(end_date)
    if end <= start:
        raise ValueError(f"empty window: {start} to {end}")
    return start, end


def show(value):
    """A DATE or DATE-TIME value in the normalised form (see the module's docstring)."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            # utcoffset() is the parser's own reading of the value's zone.
            value = value.astimezone(DISPLAY_ZONE)
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def _in_window(start_text, start, end):
    return start.isoformat() <= start_text < end.isoformat()


def _text(value, default=""):
    return default if value is None else str(value)


# ical.js, through node


def icaljs_available():
    """(True, "") when node and ical.js are installed, else (False, what to do about it)."""
    if shutil.which("node") is None:
        return (
            False,
            "ical.js checks skipped: node is not on the PATH. Install Node.js with npm "
            "(e.g. apt-get install nodejs npm), then `make interop` (or `make test`) installs "
            "ical.js into tests/events/interop/node_modules.",
        )
    if not (ICALJS_DIR / "node_modules" / "ical.js" / "package.json").is_file():
        return (
            False,
            "ical.js checks skipped: ical.js is not installed in tests/events/interop/"
            "node_modules. Run `make interop` (`make test` does it too), which runs "
            "`npm ci` there; it needs npm and the npm registry.",
        )
    return True, ""


def expand_icaljs(ics_bytes, start_date, end_date):
    start, end = _window(start_date, end_date)
    available, reason = icaljs_available()
    if not available:
        raise RuntimeError(reason)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calendar.ics"
        path.write_bytes(ics_bytes)
        done = subprocess.run(  # noqa: S603 - fixed program and script, our own arguments
            ["node", str(EXPAND_SCRIPT), str(path), start.isoformat(), end.isoformat()],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=NODE_TIMEOUT,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"ical.js could not expand the calendar:\n{done.stderr.strip()}")
    return normalise(
        Occurrence(
            uid=item["uid"],
            start=item["start"],
            end=item["end"],
            all_day=item["all_day"],
            summary=item["summary"],
            status=item["status"],
        )
        for item in json.loads(done.stdout)
    )


# vobject


@contextlib.contextmanager
def _vobject_zones_of_this_file():
    """vobject keeps one process-wide map of TZID to tzinfo, and a VTIMEZONE it parses is
    registered only when its TZID is not there yet: the first Europe/Stockholm it ever read
    (or pytz's, when a file named the zone without defining it) would stand for every later
    file. Each expansion starts from an empty map, as a fresh vobject process would, so the
    zone is the one vobject builds from this file's VTIMEZONE; the map is put back after."""
    registry = vars(vobject.icalendar)["__tzidMap"]
    saved = dict(registry)
    registry.clear()
    registry["UTC"] = vobject.icalendar.utc
    try:
        yield
    finally:
        registry.clear()
        registry.update(saved)


def _vobject_value(component, name):
    line = component.contents.get(name)
    return line[0].value if line else None


def _vobject_end(component, start):
    end = _vobject_value(component, "dtend")
    if end is not None:
        return end
    duration = _vobject_value(component, "duration")
    if duration is not None:
        return start + duration
    if isinstance(start, datetime.datetime):
        return start
    return start + datetime.timedelta(days=1)


def _vobject_match_key(value):
    """What an occurrence and a RECURRENCE-ID are matched on: the instant, or the date."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            return ("instant", value.astimezone(datetime.UTC).replace(tzinfo=None))
        return ("floating", value)
    return ("date", value)


def _vobject_occurrence(uid, component, start, end, all_day):
    return Occurrence(
        uid=uid,
        start=show(start),
        end=show(end),
        all_day=all_day,
        summary=_text(_vobject_value(component, "summary")),
        status=_text(_vobject_value(component, "status"), "CONFIRMED").upper(),
    )


def _vobject_series(uid, master, overrides, start, end):
    """Every occurrence of one master, its overrides put in place of the ones they replace."""
    first = _vobject_value(master, "dtstart")
    all_day = not isinstance(first, datetime.datetime)
    duration = _vobject_end(master, first) - first
    replaced = {_vobject_match_key(_vobject_value(o, "recurrence-id")): o for o in overrides}
    bound = (end + SLACK).isoformat()
    for override in overrides:
        bound = max(bound, show(_vobject_value(override, "recurrence-id")))

    rules = master.getrruleset(addRDate=True)
    starts = iter([first]) if rules is None else iter(rules)
    for count, occurrence_start in enumerate(starts):
        if count >= MAX_OCCURRENCES:
            raise RuntimeError(f"{uid}: more than {MAX_OCCURRENCES} occurrences")
        if all_day and isinstance(occurrence_start, datetime.datetime):
            occurrence_start = occurrence_start.date()  # vobject expands DATEs as midnights
        if show(occurrence_start) > bound:
            break
        override = replaced.get(_vobject_match_key(occurrence_start))
        if override is not None:
            override_start = _vobject_value(override, "dtstart")
            yield _vobject_occurrence(
                uid,
                override,
                override_start,
                _vobject_end(override, override_start),
                not isinstance(override_start, datetime.datetime),
            )
        else:
            yield _vobject_occurrence(
                uid, master, occurrence_start, occurrence_start + duration, all_day
            )


def expand_vobject(ics_bytes, start_date, end_date):
    start, end = _window(start_date, end_date)
    with _vobject_zones_of_this_file():
        return _expand_vobject(ics_bytes.decode("utf-8"), start, end)


def _expand_vobject(text, start, end):
    calendar = vobject.readOne(text)
    masters, overrides = {}, {}
    for component in calendar.contents.get("vevent", []):
        uid = _text(_vobject_value(component, "uid"))
        group = overrides if "recurrence-id" in component.contents else masters
        group.setdefault(uid, []).append(component)

    occurrences = []
    for uid, components in masters.items():
        exceptions = overrides.pop(uid, [])
        for master in components:
            occurrences.extend(_vobject_series(uid, master, exceptions, start, end))
    for uid, components in overrides.items():  # overrides without a master stand alone
        for component in components:
            component_start = _vobject_value(component, "dtstart")
            occurrences.append(
                _vobject_occurrence(
                    uid,
                    component,
                    component_start,
                    _vobject_end(component, component_start),
                    not isinstance(component_start, datetime.datetime),
                )
            )
    return normalise(o for o in occurrences if _in_window(o.start, start, end))


# recurring-ical-events


def expand_recurring_ical_events(ics_bytes, start_date, end_date):
    start, end = _window(start_date, end_date)
    calendar = icalendar.Calendar.from_ical(ics_bytes)
    occurrences = []
    for component in recurring_ical_events.of(calendar).between(start - SLACK, end + SLACK):
        if component.name != "VEVENT":
            continue
        component_start = component["DTSTART"].dt
        all_day = not isinstance(component_start, datetime.datetime)
        if "DTEND" in component:
            component_end = component["DTEND"].dt
        elif "DURATION" in component:
            component_end = component_start + component["DURATION"].dt
        elif all_day:
            component_end = component_start + datetime.timedelta(days=1)
        else:
            component_end = component_start
        occurrence = Occurrence(
            uid=_text(component.get("UID")),
            start=show(component_start),
            end=show(component_end),
            all_day=all_day,
            summary=_text(component.get("SUMMARY")),
            status=_text(component.get("STATUS"), "CONFIRMED").upper(),
        )
        if _in_window(occurrence.start, start, end):
            occurrences.append(occurrence)
    return normalise(occurrences)


# All of them

PARSERS = {
    "ical.js": expand_icaljs,
    "vobject": expand_vobject,
    "recurring-ical-events": expand_recurring_ical_events,
}


def expand_all(ics_bytes, start_date, end_date):
    """{parser name: occurrences}; ical.js is left out when node or ical.js is missing."""
    results = {}
    for name, expand in PARSERS.items():
        if expand is expand_icaljs and not icaljs_available()[0]:
            continue
        results[name] = expand(ics_bytes, start_date, end_date)
    return results


def describe_difference(name, expected, got, limit=5):
    """A readable account of how one parser's occurrences differ from the expected ones."""
    expected, got = normalise(expected), normalise(got)
    lines = [f"{name} reads {len(got)} occurrences where {len(expected)} are expected."]
    for index, (want, have) in enumerate(zip(expected, got, strict=False)):
        if want != have:
            lines += [
                f"  first difference, at occurrence #{index}:",
                f"    expected: {want}",
                f"    {name}: {have}",
            ]
            break
    else:
        index = min(len(expected), len(got))
        lines.append(f"  the first {index} agree; then:")
    got_set, expected_set = set(got), set(expected)
    missing = [o for o in expected if o not in got_set]
    extra = [o for o in got if o not in expected_set]
    for title, items in (("expected, not read", missing), (f"read by {name} only", extra)):
        if items:
            lines.append(f"  {title} ({len(items)}):")
            lines += [f"    {o}" for o in items[:limit]]
            if len(items) > limit:
                lines.append(f"    … and {len(items) - limit} more")
    return "\n".join(lines)


def assert_parsers_agree(ics_bytes, start_date, end_date, expected):
    """Every available parser reads exactly the expected occurrences; returns what they read."""
    expected = normalise(expected)
    results = expand_all(ics_bytes, start_date, end_date)
    problems = [
        describe_difference(name, expected, got) for name, got in results.items() if got != expected
    ]
    if problems:
        window = f"{_as_date(start_date)} to {_as_date(end_date)}"
        raise AssertionError(
            f"Parsers disagree with the expected occurrences ({window}):\n\n"
            + "\n\n".join(problems)
        )
    return results
