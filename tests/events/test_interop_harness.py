"""The independent-parser harness (tests/events/interop.py) on hand-written calendars.

No database: these read .ics text only. The ical.js cases skip, with the reason, where node
or the ical.js package is missing (`make interop`, or `make test`, installs it).
"""

import datetime

import pytest

from tests.events import interop
from tests.events.interop import Occurrence

STOCKHOLM_RRULE = """BEGIN:VTIMEZONE
TZID:Europe/Stockholm
BEGIN:STANDARD
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
END:DAYLIGHT
END:VTIMEZONE
"""

# The same zone with its onsets listed, one multi-valued RDATE line per observance, after a
# base STANDARD: the shape icalendar's Timezone.from_tzinfo writes. Correct per RFC 5545.
STOCKHOLM_RDATE_LISTS = """BEGIN:VTIMEZONE
TZID:Europe/Stockholm
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:+0100
TZOFFSETTO:+0100
TZNAME:CET
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:20260329T020000
RDATE:20270328T020000,20280326T020000,20290325T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20261025T030000
RDATE:20271031T030000,20281029T030000,20291028T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
END:STANDARD
END:VTIMEZONE
"""


def calendar(*vevents, vtimezone=STOCKHOLM_RRULE):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Samverkan//Interop test//SV"]
    text = "\n".join(lines) + "\n" + vtimezone
    for vevent in vevents:
        text += "BEGIN:VEVENT\nDTSTAMP:20260101T000000Z\n" + vevent.strip() + "\nEND:VEVENT\n"
    text += "END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode("utf-8")


def timed(uid, day, hour, summary, status="CONFIRMED", hours=1):
    start = datetime.datetime.combine(day, datetime.time(hour))
    end = start + datetime.timedelta(hours=hours)
    return Occurrence(
        uid, f"{start:%Y-%m-%dT%H:%M}", f"{end:%Y-%m-%dT%H:%M}", False, summary, status
    )


def all_day(uid, day, summary, days=1):
    end = day + datetime.timedelta(days=days)
    return Occurrence(uid, day.isoformat(), end.isoformat(), True, summary, "CONFIRMED")


def weekly(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=7)


@pytest.fixture(params=list(interop.PARSERS))
def parser(request):
    name = request.param
    if name == "ical.js":
        available, reason = interop.icaljs_available()
        if not available:
            pytest.skip(reason)
    return name


def expand(parser, ics, start, end):
    return interop.PARSERS[parser](ics, start, end)


WEEKLY_AT_TEN = calendar(
    """
UID:weekly@samverkan.test
DTSTART;TZID=Europe/Stockholm:20270301T100000
DTEND;TZID=Europe/Stockholm:20270301T110000
RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20271129T090000Z
SUMMARY:Veckomöte
"""
)
# Across the last Sundays of March and October 2027; the last start is UNTIL itself.
WEEKLY_AT_TEN_EXPECTED = [
    timed("weekly@samverkan.test", day, 10, "Veckomöte")
    for day in weekly(datetime.date(2027, 3, 1), datetime.date(2027, 11, 29))
]


def test_a_weekly_series_stays_at_ten_across_both_daylight_saving_changes(parser):
    got = expand(parser, WEEKLY_AT_TEN, datetime.date(2027, 3, 1), datetime.date(2027, 12, 1))

    assert got == WEEKLY_AT_TEN_EXPECTED
    assert len(got) == 40


def test_the_window_holds_the_starts_from_its_first_day_to_before_its_last(parser):
    got = expand(parser, WEEKLY_AT_TEN, datetime.date(2027, 3, 29), datetime.date(2027, 4, 12))

    assert [o.start for o in got] == ["2027-03-29T10:00", "2027-04-05T10:00"]


def test_an_all_day_weekly_series_includes_the_date_of_its_until(parser):
    ics = calendar(
        """
UID:allday@samverkan.test
DTSTART;VALUE=DATE:20270301
DTEND;VALUE=DATE:20270302
RRULE:FREQ=WEEKLY;UNTIL=20270329
SUMMARY:Öppet hus
"""
    )

    got = expand(parser, ics, datetime.date(2027, 1, 1), datetime.date(2027, 6, 1))

    assert got == [
        all_day("allday@samverkan.test", day, "Öppet hus")
        for day in weekly(datetime.date(2027, 3, 1), datetime.date(2027, 3, 29))
    ]


MOVED = calendar(
    """
UID:moved@samverkan.test
DTSTART;TZID=Europe/Stockholm:20270301T100000
DTEND;TZID=Europe/Stockholm:20270301T110000
RRULE:FREQ=WEEKLY;COUNT=5
SUMMARY:Idéverkstad
""",
    """
UID:moved@samverkan.test
RECURRENCE-ID;TZID=Europe/Stockholm:20270315T100000
DTSTART;TZID=Europe/Stockholm:20270317T140000
DTEND;TZID=Europe/Stockholm:20270317T160000
SUMMARY:Idéverkstad (onsdag)
""",
    """
UID:moved@samverkan.test
RECURRENCE-ID;TZID=Europe/Stockholm:20270329T100000
DTSTART;TZID=Europe/Stockholm:20270319T090000
DTEND;TZID=Europe/Stockholm:20270319T100000
SUMMARY:Idéverkstad (flyttad bakåt)
""",
)


def test_an_override_replaces_the_occurrence_it_names_on_another_day(parser):
    got = expand(parser, MOVED, datetime.date(2027, 3, 1), datetime.date(2027, 4, 1))

    uid = "moved@samverkan.test"
    assert got == [
        timed(uid, datetime.date(2027, 3, 1), 10, "Idéverkstad"),
        timed(uid, datetime.date(2027, 3, 8), 10, "Idéverkstad"),
        timed(uid, datetime.date(2027, 3, 17), 14, "Idéverkstad (onsdag)", hours=2),
        timed(uid, datetime.date(2027, 3, 19), 9, "Idéverkstad (flyttad bakåt)"),
        timed(uid, datetime.date(2027, 3, 22), 10, "Idéverkstad"),
    ]


def test_an_occurrence_moved_into_the_window_from_after_it_is_in_it(parser):
    got = expand(parser, MOVED, datetime.date(2027, 3, 16), datetime.date(2027, 3, 21))

    assert [(o.start, o.summary) for o in got] == [
        ("2027-03-17T14:00", "Idéverkstad (onsdag)"),
        ("2027-03-19T09:00", "Idéverkstad (flyttad bakåt)"),
    ]


def test_a_cancelled_override_keeps_its_place_with_its_status(parser):
    ics = calendar(
        """
UID:cancelled@samverkan.test
DTSTART;TZID=Europe/Stockholm:20270301T100000
DTEND;TZID=Europe/Stockholm:20270301T110000
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Nätverksträff
STATUS:CONFIRMED
""",
        """
UID:cancelled@samverkan.test
RECURRENCE-ID;TZID=Europe/Stockholm:20270308T100000
DTSTART;TZID=Europe/Stockholm:20270308T100000
DTEND;TZID=Europe/Stockholm:20270308T110000
SUMMARY:INSTÄLLT: Nätverksträff
STATUS:CANCELLED
""",
    )

    got = expand(parser, ics, datetime.date(2027, 3, 1), datetime.date(2027, 4, 1))

    uid = "cancelled@samverkan.test"
    assert got == [
        timed(uid, datetime.date(2027, 3, 1), 10, "Nätverksträff"),
        timed(uid, datetime.date(2027, 3, 8), 10, "INSTÄLLT: Nätverksträff", "CANCELLED"),
        timed(uid, datetime.date(2027, 3, 15), 10, "Nätverksträff"),
    ]


def test_exdate_removes_and_rdate_adds_occurrences(parser):
    ics = calendar(
        """
UID:dates@samverkan.test
DTSTART;TZID=Europe/Stockholm:20270301T100000
DTEND;TZID=Europe/Stockholm:20270301T110000
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE;TZID=Europe/Stockholm:20270308T100000
RDATE;TZID=Europe/Stockholm:20270312T100000
SUMMARY:Workshop
"""
    )

    got = expand(parser, ics, datetime.date(2027, 3, 1), datetime.date(2027, 4, 1))

    assert [o.start for o in got] == [
        "2027-03-01T10:00",
        "2027-03-12T10:00",
        "2027-03-15T10:00",
        "2027-03-22T10:00",
    ]


# A VTIMEZONE whose onsets are multi-valued RDATE lines. Monthly on the 10th at 10:00 from
# 2026 to 2028: April to October are summer months. Both vobject 0.9.9 and ical.js 2.2.1
# take only the FIRST value of an RDATE line in a STANDARD/DAYLIGHT (vobject parses the line
# as text and keeps what is before the first comma; ical.js's Timezone reads
# rdate.getFirstValue()), so the summer of 2028 keeps standard time: 10:00 is read as 09:00
# UTC and a device in Stockholm shows 11:00. ical.js also leaves out the DTSTART onset of an
# observance that has RDATEs and no RRULE (as libical once did), so it misses the summer of
# 2026 too. icalendar takes Europe/Stockholm from the system's tz database and never reads
# the definition, so recurring-ical-events is right.
MISREAD_SUMMERS = {"ical.js": {2026, 2028}, "vobject": {2028}, "recurring-ical-events": set()}
MONTHLY_WITH_RDATE_LISTS = calendar(
    """
UID:monthly@samverkan.test
DTSTART;TZID=Europe/Stockholm:20260110T100000
DTEND;TZID=Europe/Stockholm:20260110T110000
RRULE:FREQ=MONTHLY;COUNT=36
SUMMARY:Månadsmöte
""",
    vtimezone=STOCKHOLM_RDATE_LISTS,
)
MONTHLY_EXPECTED = [
    timed("monthly@samverkan.test", datetime.date(year, month, 10), 10, "Månadsmöte")
    for year in (2026, 2027, 2028)
    for month in range(1, 13)
]


def as_misread(occurrence, years):
    day = datetime.date.fromisoformat(occurrence.start[:10])
    if day.year in years and 4 <= day.month <= 10:
        return timed(occurrence.uid, day, 11, occurrence.summary)
    return occurrence


def test_multi_valued_rdate_onsets_are_misread_exactly_where_known(parser):
    got = expand(
        parser, MONTHLY_WITH_RDATE_LISTS, datetime.date(2026, 1, 1), datetime.date(2029, 1, 1)
    )

    misread = MISREAD_SUMMERS[parser]
    assert got == [as_misread(o, misread) for o in MONTHLY_EXPECTED]
    assert sum(o.start.endswith("T11:00") for o in got) == 7 * len(misread)


def test_the_same_series_with_yearly_rules_is_read_right_by_every_parser(parser):
    ics = MONTHLY_WITH_RDATE_LISTS.replace(
        STOCKHOLM_RDATE_LISTS.replace("\n", "\r\n").encode(),
        STOCKHOLM_RRULE.replace("\n", "\r\n").encode(),
    )
    assert ics != MONTHLY_WITH_RDATE_LISTS

    got = expand(parser, ics, datetime.date(2026, 1, 1), datetime.date(2029, 1, 1))

    assert got == MONTHLY_EXPECTED


# The harness's own helpers.


def test_assert_parsers_agree_passes_and_returns_what_each_parser_read():
    results = interop.assert_parsers_agree(
        WEEKLY_AT_TEN, "2027-03-01", datetime.date(2027, 12, 1), WEEKLY_AT_TEN_EXPECTED
    )

    assert {"vobject", "recurring-ical-events"} <= set(results)
    assert all(got == WEEKLY_AT_TEN_EXPECTED for got in results.values())


def test_the_harness_names_the_parsers_that_misread_a_vtimezone_and_where():
    with pytest.raises(AssertionError) as failure:
        interop.assert_parsers_agree(
            MONTHLY_WITH_RDATE_LISTS,
            datetime.date(2026, 1, 1),
            datetime.date(2029, 1, 1),
            MONTHLY_EXPECTED,
        )

    message = str(failure.value)
    assert "vobject reads 36 occurrences where 36 are expected" in message
    assert "start='2028-04-10T10:00'" in message and "start='2028-04-10T11:00'" in message
    assert "expected, not read (7)" in message
    assert "recurring-ical-events" not in message
    if interop.icaljs_available()[0]:
        assert "ical.js reads 36 occurrences" in message
        assert "start='2026-04-10T11:00'" in message
        assert "expected, not read (14)" in message


def test_a_difference_shows_the_first_differing_occurrences_and_what_is_missing():
    expected = WEEKLY_AT_TEN_EXPECTED[:3]
    got = [expected[0], expected[2]._replace(start="2027-03-15T09:00")]

    message = interop.describe_difference("vobject", expected, got)

    assert message.splitlines() == [
        "vobject reads 2 occurrences where 3 are expected.",
        "  first difference, at occurrence #1:",
        f"    expected: {expected[1]}",
        f"    vobject: {got[1]}",
        "  expected, not read (2):",
        f"    {expected[1]}",
        f"    {expected[2]}",
        "  read by vobject only (1):",
        f"    {got[1]}",
    ]


def test_expand_all_leaves_ical_js_out_when_it_is_not_installed(monkeypatch):
    monkeypatch.setattr(interop, "icaljs_available", lambda: (False, "not here"))

    results = interop.expand_all(WEEKLY_AT_TEN, "2027-03-01", "2027-04-01")

    assert set(results) == {"vobject", "recurring-ical-events"}


def test_without_node_the_reason_says_how_to_get_ical_js(monkeypatch):
    monkeypatch.setattr(interop.shutil, "which", lambda name: None)

    available, reason = interop.icaljs_available()

    assert not available
    assert "node" in reason and "npm" in reason and "make test" in reason


def test_without_the_package_the_reason_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(interop.shutil, "which", lambda name: "/usr/bin/node")
    monkeypatch.setattr(interop, "ICALJS_DIR", tmp_path)

    available, reason = interop.icaljs_available()

    assert not available
    assert "make interop" in reason and "make test" in reason


def test_a_vobject_zone_read_earlier_does_not_stand_for_a_later_file():
    # vobject registers a VTIMEZONE only under a TZID it has not seen: without the harness's
    # isolation the first Europe/Stockholm it read would be used for every later file. One of
    # the two orders fails without it, whatever was read before.
    misread = MONTHLY_WITH_RDATE_LISTS
    right = misread.replace(
        STOCKHOLM_RDATE_LISTS.replace("\n", "\r\n").encode(),
        STOCKHOLM_RRULE.replace("\n", "\r\n").encode(),
    )
    july = (datetime.date(2028, 7, 1), datetime.date(2028, 8, 1))
    for first, later, start in ((misread, right, "T10:00"), (right, misread, "T11:00")):
        interop.expand_vobject(first, *july)

        got = interop.expand_vobject(later, *july)

        assert [o.start for o in got] == ["2028-07-10" + start]


def test_a_window_is_given_in_dates():
    with pytest.raises(TypeError):
        interop.expand_vobject(WEEKLY_AT_TEN, datetime.datetime(2027, 3, 1), "2027-04-01")
    with pytest.raises(ValueError):
        interop.expand_vobject(WEEKLY_AT_TEN, "2027-04-01", "2027-03-01")
