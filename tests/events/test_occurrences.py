"""The stored occurrences: every list reads them, and they follow every publish, revert and
unpublish at once, so that the calendar never shows a date that is gone."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import CalendarEntry, EventPage, Occurrence
from events.occurrences import HORIZON, extend
from tests.factories import local, make_event, make_event_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home_page):
    return make_event_index(home_page)


def starts(event):
    return [
        timezone.localtime(o.start).strftime("%Y-%m-%d %H:%M")
        for o in Occurrence.objects.filter(event=event)
    ]


def test_a_published_series_has_its_dates_stored_with_changes_and_cancellations(calendar):
    event = make_event(
        calendar,
        start=local(2027, 3, 1, 10),
        end=local(2027, 3, 1, 11),
        recurrence="FREQ=WEEKLY;BYDAY=MO;COUNT=4",
        excluded=[datetime.date(2027, 3, 8)],
        overrides=[
            {"original_date": datetime.date(2027, 3, 15), "cancelled": True, "note": "Sportlov"},
            {
                "original_date": datetime.date(2027, 3, 22),
                "start": local(2027, 3, 23, 13),
                "end": local(2027, 3, 23, 14),
                "note": "Flyttat till tisdag",
            },
        ],
    )

    rows = list(Occurrence.objects.filter(event=event))

    assert starts(event) == ["2027-03-01 10:00", "2027-03-15 10:00", "2027-03-23 13:00"]
    assert rows[1].cancelled and rows[1].note == "Sportlov"
    assert rows[2].moved and rows[2].override is not None
    assert timezone.localtime(rows[2].recurrence_id).date() == datetime.date(2027, 3, 22)


def test_publishing_an_older_revision_brings_its_dates_back_and_unpublishing_removes_them(
    client, calendar
):
    event = make_event(calendar, title="Pilotträff", start=local(2027, 5, 3, 9))
    first_revision = event.latest_revision
    event.start, event.end = local(2027, 6, 7, 9), local(2027, 6, 7, 11)
    event.save_revision().publish()
    assert starts(event) == ["2027-06-07 09:00"]

    first_revision.publish()
    assert starts(event) == ["2027-05-03 09:00"]
    assert "Pilotträff" in client.get("/kalender/?month=2027-05").content.decode()

    EventPage.objects.get(pk=event.pk).unpublish()
    assert starts(event) == []
    assert "Pilotträff" not in client.get("/kalender/?month=2027-05").content.decode()


def test_an_endless_series_is_stored_up_to_the_horizon_and_extended_daily(calendar):
    now = timezone.now()
    event = make_event(
        calendar,
        start=now - datetime.timedelta(days=10),
        end=now - datetime.timedelta(days=10) + datetime.timedelta(hours=1),
        recurrence="FREQ=DAILY",
    )
    last = Occurrence.objects.filter(event=event).last().start
    assert now + HORIZON - datetime.timedelta(days=1) <= last < now + HORIZON

    # Sixty days later, the daily run moves the rows on.
    later = now + datetime.timedelta(days=60)
    assert extend(later) == 1
    assert Occurrence.objects.filter(event=event).last().start >= later + HORIZON - (
        datetime.timedelta(days=1)
    )
    assert extend(later) == 0  # nothing left to do the same day


def test_events_published_before_the_rows_existed_get_them_from_the_command(calendar):
    event = make_event(calendar, start=timezone.now() + datetime.timedelta(days=3))
    Occurrence.objects.all().delete()
    CalendarEntry.objects.update(occurrences_until=None)

    output = io.StringIO()
    call_command("extend_occurrences", stdout=output)

    assert "1 events" in output.getvalue()

    assert Occurrence.objects.filter(event=event).count() == 1


def test_a_month_beyond_the_stored_horizon_is_still_shown(client, calendar):
    far = timezone.localtime(timezone.now() + datetime.timedelta(days=800))
    make_event(
        calendar,
        title="Årsmöte",
        start=local(far.year - 3, far.month, 1, 10),
        end=local(far.year - 3, far.month, 1, 12),
        recurrence="FREQ=YEARLY",
    )

    html = client.get(f"/kalender/?month={far:%Y-%m}").content.decode()

    assert "Årsmöte" in html


def test_the_home_page_shows_each_event_once_at_its_next_date(client, calendar):
    now = timezone.now()
    make_event(
        calendar,
        title="Dagligt stående möte",
        start=now - datetime.timedelta(days=30),
        end=now - datetime.timedelta(days=30) + datetime.timedelta(minutes=15),
        recurrence="FREQ=DAILY",
    )
    make_event(calendar, title="Studiebesök i Piteå", start=now + datetime.timedelta(days=20))

    html = client.get("/").content.decode()

    assert html.count("Dagligt stående möte") == 1
    assert "Studiebesök i Piteå" in html
