"""Importing member organisations' feeds from local .ics files: never the network."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from events.importer import MAX_FEED_BYTES, import_calendar
from events.models import EventPage, ExternalCalendar
from tests.factories import make_event, make_event_index, make_organisation, make_user

pytestmark = pytest.mark.django_db
FEEDS = Path(__file__).parent / "feeds"


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


def feed(name):
    return (FEEDS / name).read_bytes()


def test_a_feed_creates_events_marked_with_their_source(calendar, source):
    report = import_calendar(source, calendar, feed("boras.ics"))

    assert report == "2 nya, 0 uppdaterade, 0 återkallade, 1 överhoppade"
    council = EventPage.objects.get(external_uid="kf-2027-01@boras.se")
    assert council.live and council.source == source
    assert council.title == "Kommunfullmäktige" and council.place_name == "Rådhuset"
    assert council.local_start.hour == 18
    day = EventPage.objects.get(external_uid="ks-2027-02@boras.se")
    assert day.all_day and day.local_start.date() == day.local_end.date()
    assert council.ical_vevent  # in the network's own feeds at once


def test_a_newer_last_modified_updates_and_a_missing_event_is_withdrawn(calendar, source):
    import_calendar(source, calendar, feed("boras.ics"))
    council = EventPage.objects.get(external_uid="kf-2027-01@boras.se")
    uid = council.uid

    report = import_calendar(source, calendar, feed("boras-updated.ics"))

    assert report == "0 nya, 1 uppdaterade, 1 återkallade, 0 överhoppade"
    council.refresh_from_db()
    assert council.title == "Kommunfullmäktige (ny tid)" and council.local_start.hour == 17
    assert council.uid == uid and council.sequence == 1
    assert not EventPage.objects.get(external_uid="ks-2027-02@boras.se").live


def test_importing_the_same_feed_again_changes_nothing(calendar, source):
    import_calendar(source, calendar, feed("boras.ics"))

    assert import_calendar(source, calendar, feed("boras.ics")).startswith("0 nya, 0 uppdaterade")


def test_events_made_here_are_never_touched(calendar, source):
    ours = make_event(calendar, title="Vår egen träff")

    import_calendar(source, calendar, feed("boras-updated.ics"))

    ours.refresh_from_db()
    assert ours.live and ours.title == "Vår egen träff"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(feed("broken.ics"), id="truncated"),
        pytest.param(b"<html>Not found</html>", id="html"),
        pytest.param(b"\xff\xfe\x00\x00garbage", id="binary"),
        pytest.param(b"BEGIN:VCALENDAR\r\n" + b"X" * (MAX_FEED_BYTES + 10), id="50-mb"),
    ],
)
def test_a_broken_or_hostile_feed_is_reported_and_nothing_imported_is_lost(calendar, source, data):
    import_calendar(source, calendar, feed("boras.ics"))

    report = import_calendar(source, calendar, data)

    assert report.startswith("Hoppades över:")
    source.refresh_from_db()
    assert source.last_report == report
    assert EventPage.objects.filter(source=source, live=True).count() == 2


def test_a_latin1_feed_keeps_its_swedish_letters(calendar, source):
    import_calendar(source, calendar, feed("latin1.ics"))

    assert EventPage.objects.get(source=source).title == "Möte om äldreomsorg"


def test_only_http_addresses_are_fetched(calendar, source):
    source.url = "file:///etc/passwd"

    assert import_calendar(source, calendar).startswith(
        "Hoppades över: Bara adresser med http och https"
    )


def test_the_command_and_the_admin_action_import(client, calendar, source, monkeypatch):
    from django.core.management import call_command

    monkeypatch.setattr("events.importer.fetch", lambda url: feed("boras.ics"))
    call_command("import_calendars", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert EventPage.objects.filter(source=source).count() == 2

    editor = make_user("redaktor@samverkan.se")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    monkeypatch.setattr("events.importer.fetch", lambda url: feed("boras-updated.ics"))
    assert client.get(f"/admin/events/calendars/{source.pk}/import/").status_code == 200
    response = client.post(f"/admin/events/calendars/{source.pk}/import/")
    assert response.status_code == 302
    assert EventPage.objects.filter(source=source, live=True).count() == 1
    assert "Importera nu" in client.get("/admin/snippets/events/externalcalendar/").content.decode()


def test_a_repeating_event_keeps_its_rule_and_excluded_dates(client, calendar, source):
    import datetime

    import icalendar

    import_calendar(source, calendar, feed("recurring.ics"))

    weekly = EventPage.objects.get(external_uid="weekly@umea.se")
    assert weekly.repeat_frequency == "WEEKLY" and weekly.repeat_weekdays == "MO"
    assert weekly.repeat_until == datetime.date(2027, 5, 31)
    assert [d.date for d in weekly.excluded_dates.all()] == [datetime.date(2027, 4, 5)]
    yearly = EventPage.objects.get(external_uid="yearly@umea.se")
    assert yearly.repeat_frequency == ""  # a rule we cannot hold: the first date only
    ics = client.get("/kalender/feed.ics").content
    (event,) = [
        e
        for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")
        if "Veckomöte" in str(e["SUMMARY"])
    ]
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert "EXDATE" in event
