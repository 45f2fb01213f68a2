"""Importing member organisations' feeds from local .ics files: never the network.

The feeds under feeds/ are written as Google Calendar, Outlook (Exchange), Thunderbird,
a holiday calendar and a municipal system export them, dated 2027; what the site shows
of them over 2027 is compared with recurring-ical-events' reading of the same file.
"""

import datetime
import io
import warnings
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _

from events import ical
from events.importer import MAX_FEED_BYTES, import_calendar
from events.models import EventPage, ExternalCalendar, ImportedEvent
from tests.factories import make_event, make_event_index, make_organisation, make_user

pytestmark = pytest.mark.django_db
FEEDS = Path(__file__).parent / "feeds"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
AFTER = datetime.datetime(2027, 1, 1, tzinfo=STOCKHOLM)
BEFORE = datetime.datetime(2028, 1, 1, tzinfo=STOCKHOLM)
NOTHING_CHANGED = "0 nya, 0 uppdaterade, 0 återkallade, 0 överhoppade"
# As the exporting programs write them.
EXPORTS = [
    "google.ics",
    "outlook.ics",
    "thunderbird.ics",
    "helgdagar.ics",
    "multi.ics",
    "bokning.ics",
]


@pytest.fixture
def calendar(home_page):
    return make_event_index(home_page)


@pytest.fixture
def source(db):
    return ExternalCalendar.objects.create(
        name="Borås sammanträden",
        url="https://boras.example/moten.ics",
        organisation=make_organisation(),
    )


def another_source():
    return ExternalCalendar.objects.create(
        name="Umeå idéverkstad",
        url="https://umea.example/kalender.ics",
        organisation=make_organisation("Umeå kommun", "umea-kommun", domains=("umea.se",)),
    )


def feed(name):
    return (FEEDS / name).read_bytes()


def imported(uid):
    """The event imported under a source's UID."""
    return EventPage.objects.get(import_record__external_uid=uid)


def skipped_line(title, reason):
    """A report line naming a skipped event (Swedish once the catalogue has it)."""
    return _("Skipped “%(title)s”: %(reason)s") % {"title": title, "reason": reason}


def local(moment):
    return moment.astimezone(STOCKHOLM)


def show(start, end, all_day):
    """An occurrence as a person in Stockholm sees it; an all-day end is exclusive."""
    if all_day:
        return start.isoformat(), end.isoformat()
    return local(start).strftime("%Y-%m-%dT%H:%M"), local(end).strftime("%Y-%m-%dT%H:%M")


def source_dates(data):
    """recurring-ical-events' occurrences of a file in 2027: (uid, start, end, cancelled)."""
    found = []
    for part in icalendar.Calendar.from_ical(data.decode(), multiple=True):
        with warnings.catch_warnings():  # dateutil on a rule with both COUNT and UNTIL
            warnings.simplefilter("ignore", DeprecationWarning)
            occurrences = recurring_ical_events.of(part).between(AFTER, BEFORE)
        for occurrence in occurrences:
            start = occurrence["DTSTART"].dt
            end = occurrence["DTEND"].dt if "DTEND" in occurrence else start
            all_day = not isinstance(start, datetime.datetime)
            if all_day:
                end = max(end, start + datetime.timedelta(days=1))  # DTEND = DTSTART: the day
            else:
                start = start if start.tzinfo else start.replace(tzinfo=STOCKHOLM)
                end = end if end.tzinfo else end.replace(tzinfo=STOCKHOLM)
            cancelled = str(occurrence.get("STATUS", "")).upper() == "CANCELLED"
            found.append((str(occurrence["UID"]), *show(start, end, all_day), cancelled))
    return sorted(found)


def site_dates(source):
    """The site's occurrences of the events imported from a source in 2027, in the same form."""
    found = []
    events = EventPage.objects.live().filter(import_record__source=source)
    for event in events.select_related("import_record"):
        uid = event.import_record.external_uid.split("#")[0]
        for occurrence in event.occurrences_between(AFTER, BEFORE):
            if event.all_day:
                start = occurrence.local_start.date()
                end = occurrence.local_end.date() + datetime.timedelta(days=1)
            else:
                start, end = occurrence.start, occurrence.end
            found.append((uid, *show(start, end, event.all_day), occurrence.is_cancelled))
    return sorted(found)


def state(source):
    """Every imported event's revisions and calendar entry, to see what an import changed."""
    return {
        event.import_record.external_uid: (
            event.revisions.count(),
            event.calendar_entry.sequence,
            event.calendar_entry.changed_at,
            event.calendar_entry.vevent,
            event.live,
        )
        for event in EventPage.objects.filter(import_record__source=source).select_related(
            "import_record", "calendar_entry"
        )
    }


# The import as it was: creating, updating, withdrawing, and what it never touches


def test_a_feed_creates_events_marked_with_their_source(calendar, source):
    report = import_calendar(source, calendar, feed("boras.ics"))

    assert report.splitlines() == [
        "2 nya, 0 uppdaterade, 0 återkallade, 1 överhoppade",
        skipped_line("Trasigt datum", _("its start time cannot be read")),
    ]
    council = imported("kf-2027-01@boras.se")
    assert council.live and council.import_record.source == source
    assert council.title == "Kommunfullmäktige" and council.place_name == "Rådhuset"
    assert council.local_start.hour == 18
    assert council.organiser == source.organisation
    day = imported("ks-2027-02@boras.se")
    assert day.all_day and day.local_start.date() == day.local_end.date()
    assert council.calendar_entry.vevent  # in the network's own feeds at once


def test_a_changed_event_is_updated_and_a_missing_event_is_withdrawn(calendar, source):
    import_calendar(source, calendar, feed("boras.ics"))
    council = imported("kf-2027-01@boras.se")
    uid = council.calendar_entry.uid

    report = import_calendar(source, calendar, feed("boras-updated.ics"))

    assert report == "0 nya, 1 uppdaterade, 1 återkallade, 0 överhoppade"
    council = imported("kf-2027-01@boras.se")
    assert council.title == "Kommunfullmäktige (ny tid)" and council.local_start.hour == 17
    assert council.calendar_entry.uid == uid and council.calendar_entry.sequence == 1
    assert not imported("ks-2027-02@boras.se").live


def test_importing_the_same_feed_again_changes_nothing(calendar, source):
    import_calendar(source, calendar, feed("boras.ics"))
    before = state(source)

    report = import_calendar(source, calendar, feed("boras.ics"))

    assert report.startswith("0 nya, 0 uppdaterade, 0 återkallade, 1 överhoppade")
    assert state(source) == before


def test_events_made_here_are_never_touched(calendar, source):
    ours = make_event(calendar, title="Vår egen träff")
    revisions = ours.revisions.count()

    import_calendar(source, calendar, feed("boras-updated.ics"))

    ours.refresh_from_db()
    assert ours.live and ours.title == "Vår egen träff"
    assert ours.revisions.count() == revisions
    assert not ImportedEvent.objects.filter(event=ours).exists()


def test_an_event_that_comes_back_to_the_source_is_published_again(calendar, source):
    import_calendar(source, calendar, feed("boras.ics"))
    import_calendar(source, calendar, feed("boras-updated.ics"))

    report = import_calendar(source, calendar, feed("boras.ics"))

    assert report.startswith("0 nya, 2 uppdaterade, 0 återkallade, 1 överhoppade")
    assert imported("ks-2027-02@boras.se").live


def test_an_event_an_editor_took_offline_stays_offline(calendar, source):
    import_calendar(source, calendar, feed("boras.ics"))
    imported("ks-2027-02@boras.se").unpublish()

    assert import_calendar(source, calendar, feed("boras.ics")).startswith("0 nya, 0 uppdaterade")
    assert not imported("ks-2027-02@boras.se").live


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(feed("broken.ics"), id="truncated"),
        pytest.param(feed("multi.ics")[:-300], id="second-calendar-cut-off"),
        pytest.param(b"<html>Not found</html>", id="html"),
        pytest.param(b"\xff\xfe\x00\x00garbage", id="binary"),
        pytest.param(b"BEGIN:VCALENDAR\r\n" + b"X" * (MAX_FEED_BYTES + 10), id="50-mb"),
        pytest.param(b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", id="no-calendar"),
    ],
)
def test_a_broken_or_hostile_feed_is_reported_and_nothing_imported_is_lost(calendar, source, data):
    import_calendar(source, calendar, feed("boras.ics"))
    before = state(source)

    report = import_calendar(source, calendar, data)

    assert report.startswith("Hoppades över:")
    source.refresh_from_db()
    assert source.last_report == report
    assert EventPage.objects.filter(import_record__source=source, live=True).count() == 2
    assert state(source) == before


def test_a_latin1_feed_keeps_its_swedish_letters(calendar, source):
    import_calendar(source, calendar, feed("latin1.ics"))

    assert EventPage.objects.get(import_record__source=source).title == "Möte om äldreomsorg"


def test_only_http_addresses_are_fetched(calendar, source):
    source.url = "file:///etc/passwd"

    assert import_calendar(source, calendar).startswith(
        "Hoppades över: Bara adresser med http och https"
    )


def test_the_command_and_the_admin_action_import(client, calendar, source, monkeypatch):
    from django.core.management import call_command

    monkeypatch.setattr("events.importer.saving.fetch", lambda url: feed("boras.ics"))
    out = io.StringIO()
    call_command("import_calendars", stdout=out)
    assert EventPage.objects.filter(import_record__source=source).count() == 2
    assert out.getvalue().splitlines() == [
        "Borås sammanträden: 2 nya, 0 uppdaterade, 0 återkallade, 1 överhoppade",
        "  " + skipped_line("Trasigt datum", _("its start time cannot be read")),
    ]

    editor = make_user("redaktor@samverkan.se")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    monkeypatch.setattr("events.importer.saving.fetch", lambda url: feed("boras-updated.ics"))
    assert client.get(f"/admin/events/calendars/{source.pk}/import/").status_code == 200
    response = client.post(f"/admin/events/calendars/{source.pk}/import/")
    assert response.status_code == 302
    assert EventPage.objects.filter(import_record__source=source, live=True).count() == 1
    assert "Importera nu" in client.get("/admin/snippets/events/externalcalendar/").content.decode()


def test_a_repeating_event_keeps_its_rule_and_excluded_dates(calendar, source):
    import_calendar(source, calendar, feed("recurring.ics"))

    weekly = imported("weekly@umea.se")
    assert weekly.recurrence == "FREQ=WEEKLY;UNTIL=20270531T080000Z;INTERVAL=1;BYDAY=MO"
    assert [d.date for d in weekly.excluded_dates.all()] == [datetime.date(2027, 4, 5)]
    yearly = imported("yearly@umea.se")
    assert yearly.recurrence == "FREQ=YEARLY" and yearly.all_day
    # What the network's feeds serve (stored, so that no test depends on today's date).
    ics = ical.assemble("Kalender", [weekly.calendar_entry.vevent, yearly.calendar_entry.vevent])
    (event,) = [
        e
        for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")
        if "Veckomöte" in str(e["SUMMARY"])
    ]
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert "EXDATE" in event
    assert site_dates(source) == source_dates(feed("recurring.ics"))


# Every export: the site shows the source's dates, and a second run changes nothing


@pytest.mark.parametrize("name", EXPORTS)
def test_the_site_shows_the_dates_the_source_has(calendar, source, name):
    report = import_calendar(source, calendar, feed(name))

    assert report.endswith(" 0 överhoppade"), report
    assert site_dates(source) == source_dates(feed(name))


@pytest.mark.parametrize("name", EXPORTS)
def test_the_networks_feed_gives_subscribers_the_dates_the_source_has(calendar, source, name):
    """The imported events as the network's own feeds serialise them, read back."""
    import_calendar(source, calendar, feed(name))
    events = EventPage.objects.live().filter(import_record__source=source)
    ours = {e.calendar_entry.uid: e.import_record.external_uid.split("#")[0] for e in events}

    published = ical.assemble("Kalender", [e.calendar_entry.vevent for e in events])

    read_back = [(ours[uid], *rest) for uid, *rest in source_dates(published.encode())]
    assert sorted(read_back) == source_dates(feed(name))


@pytest.mark.parametrize("name", EXPORTS)
def test_importing_an_unchanged_export_again_changes_nothing(calendar, source, name):
    import_calendar(source, calendar, feed(name))
    before = state(source)

    report = import_calendar(source, calendar, feed(name))

    assert report == NOTHING_CHANGED
    assert state(source) == before


def test_a_new_export_of_the_same_calendar_changes_nothing(calendar, source):
    """Google stamps every download anew (DTSTAMP); that is no change to an event."""
    import_calendar(source, calendar, feed("google.ics"))
    before = state(source)

    again = feed("google.ics").replace(b"DTSTAMP:20261215T120000Z", b"DTSTAMP:20270103T071500Z")
    # Nor is a new LAST-MODIFIED with the same content; it is noted, outside the page.
    again = again.replace(b"LAST-MODIFIED:20261104T090000Z", b"LAST-MODIFIED:20261224T090000Z")

    assert import_calendar(source, calendar, again) == NOTHING_CHANGED
    assert state(source) == before
    record = imported("3d9t6p2r4s1u0v8w7x5y3z2ab@google.com").import_record
    assert record.last_modified == datetime.datetime(2026, 12, 24, 9, 0, tzinfo=datetime.UTC)


def test_a_changed_export_updates_only_the_changed_event(calendar, source):
    import_calendar(source, calendar, feed("google.ics"))
    before = state(source)
    changed = "3d9t6p2r4s1u0v8w7x5y3z2ab@google.com"

    data = feed("google.ics").replace("Rådhuset\\, sal 2".encode(), b"Kommunhuset\\, sal 3")
    report = import_calendar(source, calendar, data)

    assert report == "0 nya, 1 uppdaterade, 0 återkallade, 0 överhoppade"
    after = state(source)
    assert {uid for uid in after if after[uid] != before[uid]} == {changed}
    revisions, sequence, *_rest = after[changed]
    assert revisions == before[changed][0] + 1 and sequence == before[changed][1] + 1
    assert imported(changed).place_name == "Kommunhuset, sal 3"


def test_a_changed_date_alone_updates_its_series(calendar, source):
    import_calendar(source, calendar, feed("google.ics"))
    before = state(source)
    series = "0s3kq2v8c1m1f8d4r6s7t9u0ab@google.com"

    data = feed("google.ics").replace(
        b"DTSTART;TZID=Europe/Stockholm:20270317T170000",
        b"DTSTART;TZID=Europe/Stockholm:20270317T163000",
    )

    assert import_calendar(source, calendar, data).startswith("0 nya, 1 uppdaterade")
    after = state(source)
    assert {uid for uid in after if after[uid] != before[uid]} == {series}
    moved = imported(series).overrides.get(original_date=datetime.date(2027, 3, 16))
    assert local(moved.start) == datetime.datetime(2027, 3, 17, 16, 30, tzinfo=STOCKHOLM)


# What each export holds, as the site keeps it


def test_changed_and_cancelled_dates_of_a_series(calendar, source):
    import_calendar(source, calendar, feed("google.ics"))

    workshop = imported("0s3kq2v8c1m1f8d4r6s7t9u0ab@google.com")
    assert workshop.recurrence == "FREQ=WEEKLY;BYDAY=TU"  # open-ended, as in the source
    assert workshop.last_end.year == 9999
    assert [d.date for d in workshop.excluded_dates.all()] == [datetime.date(2027, 2, 23)]
    overrides = {o.original_date: o for o in workshop.overrides.all()}
    assert sorted(overrides) == [
        datetime.date(2027, 3, 16),
        datetime.date(2027, 4, 13),
        datetime.date(2027, 5, 4),
    ]
    moved = overrides[datetime.date(2027, 3, 16)]
    assert not moved.cancelled
    assert local(moved.start) == datetime.datetime(2027, 3, 17, 17, 0, tzinfo=STOCKHOLM)
    assert local(moved.end) == datetime.datetime(2027, 3, 17, 18, 30, tzinfo=STOCKHOLM)
    assert moved.note == _("Place: %(place)s") % {"place": "Stadsbiblioteket, Umeå"}
    cancelled = overrides[datetime.date(2027, 4, 13)]
    assert cancelled.cancelled and cancelled.start is None and cancelled.note == ""
    themed = overrides[datetime.date(2027, 5, 4)]
    assert themed.start is None and not themed.cancelled
    assert themed.note == "Idéverkstad – hållbarhet – Tema: hållbara material."
    # Google's HTML description as the site's rich text.
    assert workshop.description == (
        "<p>Öppen verkstad för alla som vill prova en idé.</p>"
        "<p>Anmälan behövs inte. Läs mer på vår webbplats (https://ideverkstaden.example/).</p>"
    )
    # The network's own feed carries the changed dates on.
    vevent = workshop.calendar_entry.vevent
    assert vevent.count("RECURRENCE-ID") == 3 and "STATUS:CANCELLED" in vevent


def test_a_changed_date_whose_series_is_missing_is_an_event_of_its_own(calendar, source):
    import_calendar(source, calendar, feed("google.ics"))

    (lone,) = EventPage.objects.filter(
        import_record__external_uid__startswith="8i4y1u7w9x6z5a3b2c0d8e7fg@google.com"
    )
    assert lone.title == "Regional samverkansträff (ett tillfälle)" and not lone.recurrence
    assert local(lone.start) == datetime.datetime(2027, 6, 1, 13, 0, tzinfo=STOCKHOLM)


def test_rules_by_weekday_of_the_month_and_year(calendar, source):
    import_calendar(source, calendar, feed("google.ics"))
    import_calendar(another_source(), calendar, feed("outlook.ics"))

    assert imported("3d9t6p2r4s1u0v8w7x5y3z2ab@google.com").recurrence == "FREQ=MONTHLY;BYDAY=1TU"
    assert (
        imported("4e0u7q3s5t2v1w9x8y6z4a3bc@google.com").recurrence
        == "FREQ=MONTHLY;COUNT=10;BYDAY=-1FR"
    )
    yearly = imported("5f1v8r4t6u3w2x0y9z7a5b4cd@google.com")
    assert yearly.recurrence == "FREQ=YEARLY;BYDAY=2WE;BYMONTH=11"
    assert [o.local_start.date() for o in yearly.occurrences_between(AFTER, BEFORE)] == [
        datetime.date(2027, 11, 10)
    ]
    monthly = EventPage.objects.get(title="Månadsavstämning")
    assert "BYSETPOS=-1" in monthly.recurrence
    assert monthly.occurrences_between(AFTER, BEFORE)[-1].local_start == datetime.datetime(
        2027, 12, 31, 14, 0, tzinfo=STOCKHOLM
    )


def test_the_end_of_a_series_as_each_program_writes_it(calendar, source):
    import_calendar(source, calendar, feed("google.ics"))
    import_calendar(another_source(), calendar, feed("thunderbird.ics"))

    # Google: UTC, kept as it is.
    assert (
        imported("1b7r4n0p2q9s8t6u5v3w1x0yz@google.com").recurrence
        == "FREQ=WEEKLY;UNTIL=20270610T155959Z;BYDAY=TH;WKST=MO"
    )
    # A date for a timed series ends it before that day, as calendar apps read it.
    circle = imported("2c8s5o1q3r0t9u7v6w4x2y1za@google.com")
    assert circle.recurrence == "FREQ=WEEKLY;UNTIL=20270526T220000Z;BYDAY=TH"
    assert circle.occurrences_between(AFTER, BEFORE)[-1].local_start.date() == datetime.date(
        2027, 5, 20
    )
    # Thunderbird: a floating time is the series' own zone; a date for an all-day series.
    cafe = imported("8f2c1b0e-3d4a-4f5e-9a6b-7c8d9e0f1a2b")
    assert cafe.recurrence == "FREQ=WEEKLY;UNTIL=20270614T170000Z;BYDAY=MO"
    camp = imported("c4d5e6f7-8091-4a2b-bc3d-4e5f60718293")
    assert camp.recurrence == "FREQ=DAILY;UNTIL=20270813;BYDAY=MO,TU,WE,TH,FR"


def test_added_dates_and_periods(calendar, source):
    import_calendar(source, calendar, feed("thunderbird.ics"))

    cafe = imported("8f2c1b0e-3d4a-4f5e-9a6b-7c8d9e0f1a2b")
    assert [(a.date, a.time) for a in cafe.added_dates.all()] == [
        (datetime.date(2027, 6, 17), datetime.time(18, 0)),
        (datetime.date(2027, 6, 20), datetime.time(18, 0)),
    ]
    # A PERIOD keeps its own length, as a changed date.
    period = cafe.overrides.get(original_date=datetime.date(2027, 6, 20))
    assert local(period.end) == datetime.datetime(2027, 6, 20, 21, 0, tzinfo=STOCKHOLM)
    camp = imported("c4d5e6f7-8091-4a2b-bc3d-4e5f60718293")
    assert [(a.date, a.time) for a in camp.added_dates.all()] == [
        (datetime.date(2027, 8, 14), None)
    ]
    assert [d.date for d in camp.excluded_dates.all()] == [datetime.date(2027, 8, 6)]


def test_excluded_dates_in_every_form(calendar, source):
    import_calendar(source, calendar, feed("outlook.ics"))

    board = EventPage.objects.get(title="Styrgruppsmöte Samverkan")
    assert [d.date for d in board.excluded_dates.all()] == [
        datetime.date(2027, 4, 7),
        datetime.date(2027, 7, 14),
        datetime.date(2027, 7, 28),
        datetime.date(2027, 8, 11),  # in UTC
    ]


def test_zero_length_all_day_events_are_one_day_events(calendar, source):
    report = import_calendar(source, calendar, feed("helgdagar.ics"))

    assert report == "13 nya, 0 uppdaterade, 0 återkallade, 0 överhoppade"
    midsummer = imported("midsommardagen-2027@helgdagar.example")
    assert midsummer.all_day
    assert midsummer.local_start.date() == midsummer.local_end.date() == datetime.date(2027, 6, 26)
    national = imported("nationaldagen@helgdagar.example")
    assert national.recurrence == "FREQ=YEARLY"
    assert [o.local_start.date() for o in national.occurrences_between(AFTER, BEFORE)] == [
        datetime.date(2027, 6, 6)
    ]


def test_all_day_events_on_the_first_day_of_a_window_are_shown(calendar, source):
    import_calendar(source, calendar, feed("helgdagar.ics"))

    new_year = imported("nyarsdagen-2027@helgdagar.example")
    assert len(new_year.occurrences_between(AFTER, BEFORE)) == 1


def test_what_a_booking_system_writes(calendar, source):
    import_calendar(source, calendar, feed("bokning.ics"))

    # COUNT and UNTIL together: the series ends where the first of them ends it.
    hall = imported("serie-4411@lokalbokning.example")
    assert hall.recurrence == "FREQ=WEEKLY;UNTIL=20270315T080000Z;BYDAY=MO"
    assert not hall.excluded_dates.exists()  # an excluded time that is no occurrence
    # A changed date outside the rule still takes place.
    wednesday = datetime.date(2027, 3, 3)
    assert [(a.date, a.time) for a in hall.added_dates.all()] == [(wednesday, None)]
    assert hall.overrides.get(original_date=wednesday).note == (
        "Lokalbokning Stora salen (extra onsdag)"
    )
    # Added dates alone, floating times as local time.
    open_house = imported("tillfallen-77@lokalbokning.example")
    assert open_house.recurrence == "FREQ=DAILY;COUNT=1"
    assert [o.local_start.hour for o in open_house.occurrences_between(AFTER, BEFORE)] == [
        13,
        13,
        14,
    ]
    # A changed date of an event that does not repeat is the event as it now is.
    visit = imported("flyttad-12@lokalbokning.example")
    assert visit.title == "Studiebesök (ny dag)" and not visit.recurrence
    assert visit.local_start == datetime.datetime(2027, 5, 11, 10, 0, tzinfo=STOCKHOLM)
    # DURATION of all-day events: P1D is the day itself.
    cleaning = imported("heldag-1@lokalbokning.example")
    assert cleaning.local_start.date() == cleaning.local_end.date() == datetime.date(2027, 9, 13)
    training = imported("heldag-2@lokalbokning.example")
    assert training.local_end.date() == datetime.date(2027, 10, 19)
    assert imported("installt-3@lokalbokning.example").status == EventPage.Status.CANCELLED


# Time zones


def test_outlook_windows_zone_names_follow_the_files_definition(calendar, source):
    import_calendar(source, calendar, feed("outlook.ics"))

    board = EventPage.objects.get(title="Styrgruppsmöte Samverkan")
    assert board.local_start == datetime.datetime(2027, 1, 13, 9, 0, tzinfo=STOCKHOLM)
    summer = board.occurrences_between(
        datetime.datetime(2027, 6, 1, tzinfo=STOCKHOLM),
        datetime.datetime(2027, 6, 3, tzinfo=STOCKHOLM),
    )
    assert [o.local_start.hour for o in summer] == [9]
    conference = EventPage.objects.get(title="Nationell innovationskonferens")
    assert conference.local_start == datetime.datetime(2027, 9, 29, 8, 30, tzinfo=STOCKHOLM)
    assert conference.local_end == datetime.datetime(2027, 9, 30, 16, 30, tzinfo=STOCKHOLM)


def test_a_quoted_zone_name_is_the_same_zone(calendar, source):
    quoted = feed("outlook.ics").replace(
        b"TZID:W. Europe Standard Time", b'TZID:"W. Europe Standard Time"'
    )
    import_calendar(source, calendar, quoted)

    assert site_dates(source) == source_dates(feed("outlook.ics"))
    conference = EventPage.objects.get(title="Nationell innovationskonferens")
    assert conference.local_start == datetime.datetime(2027, 9, 29, 8, 30, tzinfo=STOCKHOLM)
    assert conference.local_end == datetime.datetime(2027, 9, 30, 16, 30, tzinfo=STOCKHOLM)


def test_thunderbird_and_custom_zone_names(calendar, source):
    import_calendar(source, calendar, feed("thunderbird.ics"))
    import_calendar(another_source(), calendar, feed("multi.ics"))

    lecture = imported("d5e6f708-192a-4b3c-8d4e-5f6071829304")
    assert lecture.local_start == datetime.datetime(2027, 10, 21, 18, 30, tzinfo=STOCKHOLM)
    breakfast = imported("A1B2C3D4E5F60718C1258A1B0040F2E3-Lotus_Notes_Generated")
    assert [o.local_start.hour for o in breakfast.occurrences_between(AFTER, BEFORE)] == [8] * 12


def test_each_calendar_in_a_file_has_its_own_time_zones(calendar, source):
    """Two calendars name different zones alike: each event keeps its own calendar's."""
    assert import_calendar(source, calendar, feed("custom-zones.ics")).startswith("2 nya")

    moscow = imported("kontoret-moskva@bokning.example")
    toronto = imported("kontoret-toronto@bokning.example")
    assert moscow.local_start == datetime.datetime(2027, 7, 5, 11, 0, tzinfo=STOCKHOLM)
    assert toronto.local_start == datetime.datetime(2027, 7, 5, 19, 0, tzinfo=STOCKHOLM)


def test_a_multi_calendar_file_imports_every_calendar(calendar, source):
    report = import_calendar(source, calendar, feed("multi.ics"))

    assert report == "3 nya, 0 uppdaterade, 0 återkallade, 0 överhoppade"
    assert imported("kultur-4711@skelleftea.example").recurrence == (
        "FREQ=WEEKLY;COUNT=8;INTERVAL=2;BYDAY=TH"
    )


# Skipped events are named, with the reason


def test_every_skipped_event_is_reported_with_its_reason(calendar, source):
    report = import_calendar(source, calendar, feed("skipped.ics"))

    assert report.splitlines() == [
        "2 nya, 0 uppdaterade, 0 återkallade, 6 överhoppade",
        skipped_line("Möte utan UID", _("it has no UID, so later changes could not be followed")),
        skipped_line("Medlemsmöte (dubblett)", _("it appears more than once in the calendar")),
        skipped_line("Möte utan tid", _("it has no start time")),
        skipped_line("Trasigt datum", _("its start time cannot be read")),
        skipped_line("Baklänges", _("it ends before it starts")),
        skipped_line(
            "Varannan vecka",
            _("its repetition rule “%(rule)s” cannot be read") % {"rule": "FREQ=FORTNIGHTLY"},
        ),
        _("Skipped a changed date of “%(title)s”: %(reason)s")
        % {"title": "Styrelsemöte", "reason": _("it ends before it starts")},
    ]
    assert imported("medlemsmote-2027-03@forening.example").title == "Medlemsmöte"
    board = imported("styrelse@forening.example")
    assert not board.overrides.exists()
    source.refresh_from_db()
    assert source.last_report == report


def test_a_long_list_of_skipped_events_is_cut_short(calendar, source):
    broken = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}@forening.example\r\nSUMMARY:Möte {n}\r\nEND:VEVENT\r\n"
        for n in range(25)
    )
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{broken}END:VCALENDAR\r\n".encode()

    lines = import_calendar(source, calendar, data).splitlines()

    assert lines[0] == "0 nya, 0 uppdaterade, 0 återkallade, 25 överhoppade"
    assert lines[1:] == [
        *(skipped_line(f"Möte {n}", _("it has no start time")) for n in range(20)),
        _("… and %(count)s more") % {"count": 5},
    ]


def test_a_skipped_event_that_was_imported_before_is_not_withdrawn(calendar, source):
    import_calendar(source, calendar, feed("boras.ics"))

    broken = feed("boras.ics").replace(
        b"DTSTART;TZID=Europe/Stockholm:20270115T180000", b"DTSTART:2027011"
    )
    report = import_calendar(source, calendar, broken)

    assert report.startswith("0 nya, 0 uppdaterade, 0 återkallade, 2 överhoppade")
    assert imported("kf-2027-01@boras.se").live
