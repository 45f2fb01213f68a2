"""Real clients' parsers read our feeds: do they show what the site shows?

ical.js (Thunderbird, Nextcloud), vobject and recurring-ical-events on icalendar expand the
feeds (see tests/events/interop.py). For the demo's feeds over the public feed's window, and
for events built to be hard, every parser must read exactly the occurrences, local times,
summaries and statuses that the site's month view and event pages show. A disagreement
fails the test; the ical.js part skips where node or ical.js is missing (`make interop`).
"""

import collections
import dataclasses
import datetime
import json
import re
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
import vobject
from django.core.management import call_command
from django.template.defaultfilters import date as format_date
from django.utils import timezone

from events import feeds
from events.models import CalendarToken, EventPage, Registration
from tests.events import interop
from tests.events.interop import Occurrence
from tests.factories import local, make_event, make_event_index

pytestmark = pytest.mark.django_db

CANCELLED_SUMMARY = "INSTÄLLT: "  # the feeds' prefix (events.ical.CANCELLED_PREFIX)
CANCELLED_GRID = "Inställt: "  # the month grid's, in Swedish
COMING_LIMIT = 12  # the event page's coming dates
D = datetime.date
DAY = datetime.timedelta(days=1)
# Every hard case lies in this window of local dates; the event page's coming dates of an
# endless series are followed further.
WINDOW = (D(2027, 1, 1), D(2030, 1, 1))
PAGE_WINDOW = (D(2027, 1, 1), D(2040, 1, 1))


@pytest.fixture
def calendar(home_page):
    return make_event_index(home_page)


# What the site shows, in the harness's form


def as_seen(occurrence):
    """A site occurrence as the harness's Occurrence: what a subscriber should be shown."""
    event = occurrence.event
    cancelled = occurrence.is_cancelled
    if cancelled:
        status = "CANCELLED"
    elif event.status == EventPage.Status.POSTPONED:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    start, end = occurrence.local_start, occurrence.local_end
    if event.all_day:
        start, end = start.date().isoformat(), (end.date() + DAY).isoformat()
    else:
        start, end = f"{start:%Y-%m-%dT%H:%M}", f"{end:%Y-%m-%dT%H:%M}"
    return Occurrence(
        uid=event.calendar_entry.uid,
        start=start,
        end=end,
        all_day=event.all_day,
        summary=(CANCELLED_SUMMARY if cancelled else "") + event.title,
        status=status,
    )


def midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def site_occurrences(events, after, before):
    """The site's occurrences of these events that start on a local date in [after, before).

    The site is asked for a day more on each side, and what starts in the window is kept:
    how a view asks for its own span is left to the view checks below.
    """
    found = []
    for event in events:
        span = (midnight(after - DAY), midnight(before + DAY))
        for occurrence in event.occurrences_between(*span):
            if after <= occurrence.local_start.date() < before:
                found.append(as_seen(occurrence))
    return interop.normalise(found)


def days_covered(occurrence):
    """The local dates an occurrence takes up, as a calendar grid shows it."""
    first = D.fromisoformat(occurrence.start[:10])
    if occurrence.all_day:
        last = D.fromisoformat(occurrence.end) - DAY
    else:
        end = datetime.datetime.fromisoformat(occurrence.end)
        last = (end - datetime.timedelta(microseconds=1)).date()
    days = []
    day = first
    while day <= max(last, first):
        days.append(day)
        day += DAY
    return days


def title_of(occurrence):
    if occurrence.status == "CANCELLED":
        assert occurrence.summary.startswith(CANCELLED_SUMMARY), occurrence
        return occurrence.summary[len(CANCELLED_SUMMARY) :]
    return occurrence.summary


def grid_text(occurrence):
    """An occurrence's line in a month-grid cell, as a visitor reads it."""
    time = "" if occurrence.all_day else occurrence.start[11:16] + " "
    cancelled = CANCELLED_GRID if occurrence.status == "CANCELLED" else ""
    return time + cancelled + title_of(occurrence)


# Reading the pages' HTML


class MonthGrid(HTMLParser):
    """The month grid's cells of the month itself: {day of month: [(link, text), ...]}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells = {}
        self.in_month = False
        self.day = None
        self.reading = None  # "day" or "link"
        self.href = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td":
            self.in_month = "month-grid__other" not in (attrs.get("class") or "")
        elif tag == "span" and "month-grid__day" in (attrs.get("class") or ""):
            self.reading, self.text = "day", []
        elif tag == "a" and self.day is not None and self.in_month:
            self.reading, self.href, self.text = "link", attrs.get("href"), []

    def handle_endtag(self, tag):
        if tag == "span" and self.reading == "day":
            self.day = int("".join(self.text))
            self.reading = None
        elif tag == "a" and self.reading == "link":
            self.cells.setdefault(self.day, []).append((self.href, "".join(self.text)))
            self.reading = None
        elif tag == "td":
            self.day = None

    def handle_data(self, data):
        if self.reading:
            self.text.append(data)


class ComingDates(HTMLParser):
    """The event page's coming dates: [(datetime attribute, cancelled, text after it)]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = []
        self.in_list = False
        self.item = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and attrs.get("class") == "coming-dates":
            self.in_list = True
        elif self.in_list and tag == "li":
            self.item = {"cancelled": "coming-dates__cancelled" in (attrs.get("class") or "")}
            self.item.update(datetime=None, text=[])
        elif self.item is not None and tag == "time" and self.item["datetime"] is None:
            self.item["datetime"] = attrs["datetime"]  # the start; a second <time> is the end

    def handle_endtag(self, tag):
        if self.in_list and tag == "li" and self.item is not None:
            self.items.append(
                (self.item["datetime"], self.item["cancelled"], "".join(self.item["text"]))
            )
            self.item = None
        elif tag == "ul" and self.in_list:
            self.in_list = False

    def handle_data(self, data):
        if self.item is not None:
            self.item["text"].append(data)


def lead_of(html):
    found = re.search(r'<p class="lead">(.*?)</p>', html, re.S)
    assert found, "the event page has no lead with its date"
    return found.group(1)


def shows_its_end(text, occurrence):
    """Does this text (after the start) let a reader know when the occurrence ends?

    A timed end is its clock time, with its date unless it ends the same day or the next
    morning before the start's time (23:30–00:30); a multi-day all-day occurrence shows
    its last day.
    """
    if occurrence.all_day:
        last = D.fromisoformat(occurrence.end) - DAY
        return last.isoformat() == occurrence.start or format_date(last, "j F") in text
    start = datetime.datetime.fromisoformat(occurrence.start)
    end = datetime.datetime.fromisoformat(occurrence.end)
    if occurrence.end[11:16] not in text:
        return False
    same_day = end.date() == start.date()
    next_morning = end.date() == start.date() + DAY and end.time() < start.time()
    return same_day or next_morning or format_date(end.date(), "j F") in text


# The checks


def months_of(days):
    first, last = min(days), max(days)
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def assert_month_grid_shows(client, occurrences, events, window):
    """The month view, its context and its HTML, shows exactly these occurrences of these
    events (those that start in the window), each on every day it takes up, with its time."""
    url_of = {event.calendar_entry.uid: event.url for event in events}
    start, end = (day.isoformat() for day in window)
    expected_days = {o: days_covered(o) for o in occurrences if start <= o.start < end}
    days = [day for covered in expected_days.values() for day in covered] or [window[0]]
    # Every month the occurrences touch, and the ones either side of them.
    months = months_of([min(days) - 31 * DAY, max(days) + 31 * DAY])
    shown_days, wrong_lines = {}, []
    for month in months:
        response = client.get("/kalender/", {"month": f"{month:%Y-%m}"})
        assert response.status_code == 200
        grid = MonthGrid()
        grid.feed(response.content.decode())
        for week in response.context["weeks"]:
            for day, items, in_month in week:
                if not in_month:
                    continue
                # The cell's lines are the context's occurrences of the day, in order.
                lines = grid.cells.get(day.day, [])
                assert len(lines) == len(items), (day, lines, items)
                for seen, line in zip(map(as_seen, items), lines, strict=True):
                    if seen.uid in url_of and start <= seen.start < end:
                        shown_days.setdefault(seen, []).append(day)
                        if line != (url_of[seen.uid], grid_text(seen)):
                            wrong_lines.append((day, line, grid_text(seen)))
    assert {o: sorted(days) for o, days in shown_days.items()} == expected_days, (
        "the month view's occurrences differ from the parsers'"
    )
    assert not wrong_lines, f"month-grid lines that differ from the parsers': {wrong_lines}"


def assert_event_page_shows(client, event, occurrences, until=None):
    """The event page shows the parsers' occurrences: the coming dates of a series (the next
    ones from now, with their times and whether they are cancelled), or the single date.
    `until` is where the parsers' occurrences stop (their window's end): the page is read
    up to there."""
    response = client.get(event.url)
    assert response.status_code == 200
    html = response.content.decode()
    now = f"{timezone.localtime():%Y-%m-%dT%H:%M}"
    mine = [o for o in occurrences if o.uid == event.calendar_entry.uid]
    if not event.is_recurring:
        (occurrence,) = mine
        lead = lead_of(html)
        assert format_date(D.fromisoformat(occurrence.start[:10]), "j F Y") in lead, lead
        if not occurrence.all_day:
            assert occurrence.start[11:16] in lead, (lead, occurrence)
        assert shows_its_end(lead, occurrence), f"{lead!r} does not show the end of {occurrence}"
        return
    coming = [o for o in mine if o.end > now][:COMING_LIMIT]
    in_context = [as_seen(o) for o in response.context["coming"]]
    page = ComingDates()
    page.feed(html)
    if until is not None:
        in_context = [o for o in in_context if o.start < until.isoformat()]
        page.items = [item for item in page.items if item[0] < until.isoformat()]
    assert in_context == coming, "the page's coming occurrences differ from the parsers' next"
    assert [item[0] for item in page.items] == [o.start for o in coming], (
        "the coming dates differ from the parsers' next occurrences"
    )
    assert [item[1] for item in page.items] == [o.status == "CANCELLED" for o in coming]
    hidden = [
        (o, text)
        for o, (_, _, text) in zip(coming, page.items, strict=True)
        if not shows_its_end(text, o)
    ]
    assert not hidden, f"coming dates that do not show their end: {hidden}"


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


# Hard cases, each its own event.ics


def weekly(first, last, step=7):
    day = first
    while day <= last:
        yield day
        day += step * DAY


def timed(day, start, end, end_day=None):
    return (f"{day}T{start}", f"{end_day or day}T{end}")


def all_day(first, last=None):
    return (first.isoformat(), ((last or first) + DAY).isoformat())


@dataclasses.dataclass
class Case:
    name: str
    event: dict
    expected: list  # (start, end) of every occurrence in the window, as a person reads them
    # Known disagreements, each failing its own test (xfail, strict) until it is fixed.
    view_bug: str = ""  # a parser or the month view disagrees with the site's occurrences
    view_bug_is_icaljs: bool = False  # only ical.js disagrees: no failure without it
    page_bug: str = ""  # the event page shows the occurrences otherwise than the parsers


CASES = [
    Case(
        "weekly-across-both-dst-changes-with-exdates",
        {
            "title": "Veckomöte",
            "start": local(2027, 3, 1, 10),
            "end": local(2027, 3, 1, 11),
            "recurrence": "FREQ=WEEKLY;BYDAY=MO;UNTIL=20271130",
            # The Mondays after the last Sundays of March and October.
            "excluded": [D(2027, 3, 29), D(2027, 11, 1)],
        },
        [
            timed(day, "10:00", "11:00")
            for day in weekly(D(2027, 3, 1), D(2027, 11, 29))
            if day not in (D(2027, 3, 29), D(2027, 11, 1))
        ],
    ),
    Case(
        "first-tuesday-monthly",
        {
            "title": "Månadsmöte",
            "start": local(2027, 1, 5, 18),
            "end": local(2027, 1, 5, 20),
            "recurrence": "FREQ=MONTHLY;BYDAY=1TU;COUNT=14",
        },
        [
            timed(D(year, month, day), "18:00", "20:00")
            for year, month, day in [
                (2027, 1, 5),
                (2027, 2, 2),
                (2027, 3, 2),
                (2027, 4, 6),
                (2027, 5, 4),
                (2027, 6, 1),
                (2027, 7, 6),
                (2027, 8, 3),
                (2027, 9, 7),
                (2027, 10, 5),
                (2027, 11, 2),
                (2027, 12, 7),
                (2028, 1, 4),
                (2028, 2, 1),
            ]
        ],
    ),
    Case(
        "last-friday-monthly",
        {
            "title": "Fredagsfika",
            "start": local(2027, 1, 29, 15),
            "end": local(2027, 1, 29, 16, 30),
            "recurrence": "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231",
        },
        [
            timed(D(2027, month, day), "15:00", "16:30")
            for month, day in enumerate([29, 26, 26, 30, 28, 25, 30, 27, 24, 29, 26, 31], 1)
        ],
    ),
    Case(
        "yearly-all-day",
        {
            "title": "Innovationsdagen",
            "all_day": True,
            "start": local(2027, 5, 12),
            "end": local(2027, 5, 12),
            "recurrence": "FREQ=YEARLY",
        },
        [all_day(D(year, 5, 12)) for year in (2027, 2028, 2029)],
    ),
    Case(
        "weekly-all-day-series-across-october",
        {
            "title": "Öppet hus",
            "all_day": True,
            "start": local(2027, 10, 22),
            "end": local(2027, 10, 22),
            "recurrence": "FREQ=WEEKLY;UNTIL=20271210",
            "excluded": [D(2027, 11, 5)],
            "added": [D(2027, 11, 10)],
        },
        [
            all_day(day)
            for day in sorted([*weekly(D(2027, 10, 22), D(2027, 12, 10)), D(2027, 11, 10)])
            if day != D(2027, 11, 5)
        ],
    ),
    Case(
        "multi-day-all-day-yearly",
        {
            "title": "Innovationsveckan",
            "all_day": True,
            "start": local(2027, 6, 21),
            "end": local(2027, 6, 23),
            "recurrence": "FREQ=YEARLY;COUNT=2",
        },
        [all_day(D(2027, 6, 21), D(2027, 6, 23)), all_day(D(2028, 6, 21), D(2028, 6, 23))],
    ),
    Case(
        "multi-day-timed-across-the-october-change",
        {
            "title": "Hackathon",
            "start": local(2027, 10, 30, 9),
            "end": local(2027, 11, 1, 16),
        },
        [timed(D(2027, 10, 30), "09:00", "16:00", D(2027, 11, 1))],
    ),
    Case(
        "weekly-multi-day-timed-series-across-the-october-change",
        {
            "title": "Helgkurs",
            "start": local(2027, 10, 23, 9),
            "end": local(2027, 10, 25, 16),
            "recurrence": "FREQ=WEEKLY;COUNT=3",
        },
        # RFC 5545 3.8.5.3 asks for the exact duration of DTSTART-DTEND (55 h), which
        # would end the second one at 15:00 after the clocks go back; ical.js, vobject,
        # recurring-ical-events (and Outlook, Google) keep the wall-clock end, as the site.
        [
            timed(D(2027, 10, 23), "09:00", "16:00", D(2027, 10, 25)),
            timed(D(2027, 10, 30), "09:00", "16:00", D(2027, 11, 1)),
            timed(D(2027, 11, 6), "09:00", "16:00", D(2027, 11, 8)),
        ],
    ),
    Case(
        "override-moved-across-midnight",
        {
            "title": "Kvällspass",
            "start": local(2027, 9, 1, 22),
            "end": local(2027, 9, 1, 23, 30),
            "recurrence": "FREQ=WEEKLY;COUNT=12",
            "overrides": [
                {
                    "original_date": D(2027, 9, 15),
                    "start": local(2027, 9, 15, 23, 30),
                    "end": local(2027, 9, 16, 0, 30),
                    "note": "Senare i kväll",
                },
                {
                    "original_date": D(2027, 9, 29),
                    "start": local(2027, 9, 28, 22),
                    "end": local(2027, 9, 28, 23, 30),
                },
                {"original_date": D(2027, 11, 3), "cancelled": True, "note": "Lokalen är stängd"},
            ],
        },
        sorted(
            [
                timed(day, "22:00", "23:30")
                for day in weekly(D(2027, 9, 1), D(2027, 11, 17))
                if day not in (D(2027, 9, 15), D(2027, 9, 29))
            ]
            + [
                timed(D(2027, 9, 15), "23:30", "00:30", D(2027, 9, 16)),
                timed(D(2027, 9, 28), "22:00", "23:30"),
            ]
        ),
    ),
    Case(
        "added-dates-with-their-own-times-across-march",
        {
            "title": "Handledning",
            "start": local(2027, 3, 4, 9),
            "end": local(2027, 3, 4, 10),
            "recurrence": "FREQ=WEEKLY;COUNT=4",
            "added": [{"date": D(2027, 3, 27), "time": datetime.time(13)}, D(2027, 4, 3)],
        },
        sorted(
            [timed(day, "09:00", "10:00") for day in weekly(D(2027, 3, 4), D(2027, 3, 25))]
            + [timed(D(2027, 3, 27), "13:00", "14:00"), timed(D(2027, 4, 3), "09:00", "10:00")]
        ),
    ),
    Case(
        "cancelled-series-with-a-moved-date",
        {
            "title": "Läsecirkel",
            "status": "cancelled",
            "start": local(2027, 2, 3, 17),
            "end": local(2027, 2, 3, 18),
            "recurrence": "FREQ=WEEKLY;COUNT=3",
            "overrides": [
                {
                    "original_date": D(2027, 2, 10),
                    "start": local(2027, 2, 11, 17),
                    "end": local(2027, 2, 11, 18),
                }
            ],
        },
        [
            timed(D(2027, 2, 3), "17:00", "18:00"),
            timed(D(2027, 2, 11), "17:00", "18:00"),
            timed(D(2027, 2, 17), "17:00", "18:00"),
        ],
    ),
    Case(
        "postponed",
        {
            "title": "Konferens om tjänstedesign",
            "status": "postponed",
            "start": local(2027, 4, 20, 8, 30),
            "end": local(2027, 4, 20, 17),
        },
        [timed(D(2027, 4, 20), "08:30", "17:00")],
    ),
    Case(
        "first-date-moved-into-the-month-before",
        {
            "title": "Kursstart",
            "start": local(2027, 2, 1, 10),
            "end": local(2027, 2, 1, 12),
            "recurrence": "FREQ=WEEKLY;COUNT=4",
            "overrides": [
                {
                    "original_date": D(2027, 2, 1),
                    "start": local(2027, 1, 29, 10),
                    "end": local(2027, 1, 29, 12),
                    "note": "Tidigarelagd",
                }
            ],
        },
        [
            timed(D(2027, 1, 29), "10:00", "12:00"),
            *(timed(day, "10:00", "12:00") for day in weekly(D(2027, 2, 8), D(2027, 2, 22))),
        ],
    ),
    Case(
        "all-day-on-the-first-of-the-month",
        {
            "title": "Månadsbrev",
            "all_day": True,
            "start": local(2027, 2, 1),
            "end": local(2027, 2, 1),
            "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=4",
        },
        [all_day(D(2027, month, 1)) for month in (2, 3, 4, 5)],
    ),
    Case(
        "a-session-made-up-after-the-series",
        {
            "title": "Kurs i tjänstedesign",
            "start": local(2027, 3, 1, 13),
            "end": local(2027, 3, 1, 15),
            "recurrence": "FREQ=WEEKLY;COUNT=14",
            "overrides": [
                {
                    "original_date": D(2027, 3, 8),
                    "start": local(2027, 6, 14, 13),
                    "end": local(2027, 6, 14, 15),
                    "note": "Tas igen efter kursen",
                }
            ],
        },
        sorted(
            timed(day, "13:00", "15:00")
            for day in [*weekly(D(2027, 3, 1), D(2027, 5, 31)), D(2027, 6, 14)]
            if day != D(2027, 3, 8)
        ),
    ),
]


def case_params(check_page=False):
    params = []
    for case in CASES:
        marks = []
        if check_page and case.page_bug:
            marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=case.page_bug)]
        elif not check_page and case.view_bug:
            failing = interop.icaljs_available()[0] if case.view_bug_is_icaljs else True
            marks = [
                pytest.mark.xfail(failing, strict=True, raises=AssertionError, reason=case.view_bug)
            ]
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


def build(calendar, case):
    slug = case.name[:50]
    return make_event(calendar, slug=slug, **case.event)


@pytest.mark.parametrize("case", case_params())
def test_every_parser_reads_the_event_file_as_the_month_view_shows_it(client, calendar, case):
    event = build(calendar, case)
    ics = fetch(client, f"/kalender/{event.slug}/event.ics")

    site = site_occurrences([event], *WINDOW)
    results = interop.assert_parsers_agree(ics, *WINDOW, site)

    assert [(o.start, o.end) for o in site] == case.expected
    assert len(results) >= 2
    assert_month_grid_shows(client, site, [event], WINDOW)


@pytest.mark.parametrize("case", case_params(check_page=True))
def test_the_event_page_shows_the_occurrences_every_parser_reads(client, calendar, case):
    event = build(calendar, case)
    ics = fetch(client, f"/kalender/{event.slug}/event.ics")
    site = site_occurrences([event], *PAGE_WINDOW)
    for name, got in interop.expand_all(ics, *PAGE_WINDOW).items():
        # ical.js's known misreading fails the other test, not the page's.
        if not (case.view_bug_is_icaljs and name == "ical.js"):
            assert got == site, interop.describe_difference(name, site, got)

    assert_event_page_shows(client, event, site)


# Text that needs escaping, in every property a client shows

TORTURE_TITLE = 'Möte; del 1, "Citat" \\ & <b>fet</b> 🎉🇸🇪'
TORTURE_PLACE = 'Café "Ankan"; rum 3, plan 2'
TORTURE_ADDRESS = "Storgatan 1 \\ A&B <vån 2> 👩🏽‍💻"
TORTURE_DESCRIPTION = (
    "<p>Semikolon; komma, &quot;citat&quot; \\ bakstreck &amp; &lt;tagg&gt; 🎉 "
    + "lång text som viks över flera rader i filen, åäö ÅÄÖ 🚀 " * 3
    + "</p>"
)
TORTURE_NOTE = 'Inställt; "sjuk" \\ & <ingen> 😷, tyvärr'
TORTURE_DESCRIPTION_TEXT = (
    'Semikolon; komma, "citat" \\ bakstreck & <tagg> 🎉 '
    + ("lång text som viks över flera rader i filen, åäö ÅÄÖ 🚀 " * 3).strip()
)

READ_TEXT_ICALJS = """
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
const root = new ICAL.Component(ICAL.parse(readFileSync(process.argv[1], "utf8")));
const text = (v, name) => v.getFirstPropertyValue(name) ?? "";
process.stdout.write(JSON.stringify(root.getAllSubcomponents("vevent").map((v) => ({
  override: v.hasProperty("recurrence-id"),
  summary: text(v, "summary"),
  description: text(v, "description"),
  location: text(v, "location"),
}))));
"""


def text_icaljs(ics):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calendar.ics"
        path.write_bytes(ics)
        done = subprocess.run(  # noqa: S603 - fixed program and script
            ["node", "--input-type=module", "-e", READ_TEXT_ICALJS, str(path)],  # noqa: S607
            cwd=interop.ICALJS_DIR,
            capture_output=True,
            text=True,
            timeout=interop.NODE_TIMEOUT,
            check=True,
        )
    return [dict(item) for item in json.loads(done.stdout)]


def text_vobject(ics):
    def value(vevent, name):
        return vevent.contents[name][0].value if name in vevent.contents else ""

    return [
        {
            "override": "recurrence-id" in vevent.contents,
            "summary": value(vevent, "summary"),
            "description": value(vevent, "description"),
            "location": value(vevent, "location"),
        }
        for vevent in vobject.readOne(ics.decode("utf-8")).vevent_list
    ]


def text_icalendar(ics):
    return [
        {
            "override": "RECURRENCE-ID" in vevent,
            "summary": str(vevent.get("SUMMARY", "")),
            "description": str(vevent.get("DESCRIPTION", "")),
            "location": str(vevent.get("LOCATION", "")),
        }
        for vevent in icalendar.Calendar.from_ical(ics).walk("VEVENT")
    ]


def text_readers():
    readers = {"vobject": text_vobject, "icalendar": text_icalendar}
    if interop.icaljs_available()[0]:
        readers["ical.js"] = text_icaljs
    return readers


def test_text_full_of_special_characters_reads_back_exactly_in_every_parser(client, calendar):
    event = make_event(
        calendar,
        title=TORTURE_TITLE,
        slug="specialtecken",
        start=local(2027, 4, 14, 13),
        end=local(2027, 4, 14, 14, 30),
        recurrence="FREQ=WEEKLY;COUNT=3",
        place_name=TORTURE_PLACE,
        address=TORTURE_ADDRESS,
        description=TORTURE_DESCRIPTION,
        overrides=[{"original_date": D(2027, 4, 21), "cancelled": True, "note": TORTURE_NOTE}],
    )
    ics = fetch(client, "/kalender/specialtecken/event.ics")
    url = event.get_full_url()
    location = f"{TORTURE_PLACE}, {TORTURE_ADDRESS}"

    expected = [
        {
            "override": False,
            "summary": TORTURE_TITLE,
            "description": f"{TORTURE_DESCRIPTION_TEXT}\n\n{url}",
            "location": location,
        },
        {
            "override": True,
            "summary": CANCELLED_SUMMARY + TORTURE_TITLE,
            "description": f"{TORTURE_NOTE}\n\n{TORTURE_DESCRIPTION_TEXT}\n\n{url}",
            "location": location,
        },
    ]
    for name, read in text_readers().items():
        assert read(ics) == expected, name
    assert max(len(line) for line in ics.split(b"\r\n")) <= 75  # folded, in octets

    site = site_occurrences([event], *WINDOW)
    interop.assert_parsers_agree(ics, *WINDOW, site)
    assert [o.summary for o in site] == [
        TORTURE_TITLE,
        CANCELLED_SUMMARY + TORTURE_TITLE,
        TORTURE_TITLE,
    ]
    assert_month_grid_shows(client, site, [event], WINDOW)
    assert_event_page_shows(client, event, site)
    page = client.get(event.url).content.decode()
    assert "&lt;b&gt;fet&lt;/b&gt;" in page and "<b>fet</b>" not in page


# The public feed over its window


def the_day_after_the_last_sunday(year, month):
    day = (D(year, month, 1) + datetime.timedelta(days=32)).replace(day=1) - DAY
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7) + DAY


def window_dates():
    today = timezone.localdate()
    return (
        today - datetime.timedelta(days=feeds.DAYS_BACK),
        today + datetime.timedelta(days=feeds.DAYS_AHEAD),
    )


def test_the_public_feed_over_its_window_shows_what_the_month_view_shows(client, calendar):
    today = timezone.localdate()
    monday = today - today.weekday() * DAY + 21 * DAY  # the Monday three weeks on
    while True:  # a year of Mondays (past the window's end) across both changes, once each
        last = monday + 52 * 7 * DAY
        changes = [
            the_day_after_the_last_sunday(year, month)
            for year in (monday.year, monday.year + 1)
            for month in (3, 10)
        ]
        after_changes = sorted(day for day in changes if monday < day <= last)
        if len(after_changes) == 2 and monday not in changes:
            break
        monday += 7 * DAY

    def at(day, hour, minute=0):
        return local(day.year, day.month, day.day, hour, minute)

    meetings = make_event(
        calendar,
        title="Veckomöte",
        start=at(monday, 10),
        end=at(monday, 11),
        recurrence=f"FREQ=WEEKLY;BYDAY=MO;UNTIL={last:%Y%m%d}",
        excluded=after_changes,
    )
    evening = monday + 2 * DAY
    late = make_event(
        calendar,
        title="Kvällspass",
        start=at(evening, 22),
        end=at(evening, 23, 30),
        recurrence="FREQ=WEEKLY;COUNT=30",
        overrides=[
            {
                "original_date": evening + 14 * DAY,
                "start": at(evening + 14 * DAY, 23, 30),
                "end": at(evening + 15 * DAY, 0, 30),
            },
            {"original_date": evening + 28 * DAY, "cancelled": True},
        ],
    )
    open_house = make_event(
        calendar,
        title="Öppet hus",
        all_day=True,
        start=at(monday + 4 * DAY, 0),
        end=at(monday + 4 * DAY, 0),
        recurrence="FREQ=WEEKLY;INTERVAL=2",  # without an end
    )
    fifteenth = (monday + 31 * DAY).replace(day=15)
    deadline = make_event(
        calendar,
        title="Ansökningsdag",
        all_day=True,
        start=at(fifteenth, 0),
        end=at(fifteenth, 0),
        recurrence="FREQ=MONTHLY;BYMONTHDAY=15",  # without an end
    )
    tenth = (monday + 62 * DAY).replace(day=10)
    week = make_event(
        calendar,
        title="Innovationsveckan",
        all_day=True,
        start=at(tenth, 0),
        end=at(tenth + 2 * DAY, 0),
    )
    monthly = make_event(
        calendar,
        title="Månadsmöte",
        start=at(today - 200 * DAY, 18),  # began before the window
        end=at(today - 200 * DAY, 19),
        recurrence="FREQ=MONTHLY;BYDAY=1TU",
    )
    recent = make_event(calendar, title="Nyss", start=at(today - 80 * DAY, 9))
    make_event(calendar, title="Längesen", start=at(today - 120 * DAY, 9))
    make_event(calendar, title="Medlemsråd", start=at(monday, 13), visibility="members")
    # Tuesday to Thursday: never across a change of the clocks, which ical.js misreads
    # (see the case multi-day-timed-across-the-october-change).
    conference = make_event(
        calendar,
        title="Konferens",
        start=at(monday + 43 * DAY, 9),
        end=at(monday + 45 * DAY, 15),
    )
    public = [meetings, late, open_house, deadline, week, monthly, recent, conference]
    window = window_dates()

    ics = fetch(client, "/kalender/feed.ics")
    site = site_occurrences(public, *window)
    interop.assert_parsers_agree(ics, *window, site)

    assert {o.summary for o in site} == {e.title for e in public} | {"INSTÄLLT: Kvällspass"}
    assert {o.start[11:] for o in site if o.summary == "Veckomöte"} == {"10:00"}
    assert not {day.isoformat() for day in after_changes} & {o.start[:10] for o in site}
    assert_month_grid_shows(client, site, public, window)
    # The conference's page leaves out its end date (see the case
    # multi-day-timed-across-the-october-change).
    for event in (meetings, late, open_house, deadline, week, monthly, recent):
        assert_event_page_shows(client, event, site, until=window[1])


def test_an_all_day_occurrence_today_is_still_among_the_coming_dates(client, calendar):
    today = timezone.localdate()
    event = make_event(
        calendar,
        title="Öppet hus",
        all_day=True,
        start=local(today.year, today.month, today.day),
        end=local(today.year, today.month, today.day),
        recurrence="FREQ=WEEKLY;COUNT=3",
    )
    window = (today, today + 30 * DAY)
    ics = fetch(client, f"/kalender/{event.slug}/event.ics")
    uid = event.calendar_entry.uid
    expected = [
        Occurrence(uid, day.isoformat(), (day + DAY).isoformat(), True, "Öppet hus", "CONFIRMED")
        for day in (today, today + 7 * DAY, today + 14 * DAY)
    ]

    interop.assert_parsers_agree(ics, *window, expected)
    assert site_occurrences([event], *window) == expected
    assert_event_page_shows(client, event, expected)


# The demo


def test_the_demo_feeds_show_what_the_site_shows(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    window = window_dates()
    live = EventPage.objects.live().select_related("calendar_entry")
    public = list(live.filter(visibility=EventPage.Visibility.PUBLIC))
    assert len(public) >= 5

    ics = fetch(client, "/kalender/feed.ics")
    site = site_occurrences(public, *window)
    interop.assert_parsers_agree(ics, *window, site)

    assert any(o.status == "CANCELLED" for o in site)
    assert max(collections.Counter(o.uid for o in site).values()) >= 10  # the monthly one
    assert_month_grid_shows(client, site, public, window)
    for event in public:
        assert_event_page_shows(client, event, site, until=window[1])

    registration = Registration.objects.filter(
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
        event__visibility=EventPage.Visibility.PUBLIC,
    ).first()
    member = registration.user
    mine = [
        event
        for event in live
        if event.visibility == EventPage.Visibility.MEMBERS
        or event.registrations.filter(
            user=member,
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
        ).exists()
    ]
    assert {e.visibility for e in mine} == {"public", "members"}
    token = CalendarToken.issue(member)

    personal = fetch(client, f"/kalender/feed/{token}.ics")
    site = site_occurrences(mine, *window)
    interop.assert_parsers_agree(personal, *window, site)

    client.force_login(member)
    assert_month_grid_shows(client, site, mine, window)
    for event in mine:
        assert_event_page_shows(client, event, site, until=window[1])
