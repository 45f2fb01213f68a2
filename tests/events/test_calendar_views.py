"""The calendar pages: upcoming list, month grid, archive, event pages."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import local, make_event, make_event_index, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home_page):
    return make_event_index(home_page)


def test_upcoming_events_are_grouped_by_month_with_notices(client, calendar):
    soon = timezone.now() + datetime.timedelta(days=3)
    make_event(calendar, title="Nätverksträff", start=soon)
    make_event(
        calendar, title="Webbinarium", start=soon + datetime.timedelta(hours=5), status="cancelled"
    )

    html = client.get("/kalender/").content.decode()

    assert "Nätverksträff" in html
    assert "Inställt" in html
    assert soon.astimezone(timezone.get_current_timezone()).strftime("%Y") in html


def test_the_month_grid_shows_recurring_events_on_their_days(client, calendar):
    make_event(
        calendar,
        title="Veckomöte",
        start=local(2027, 3, 1, 10),
        end=local(2027, 3, 1, 11),
        recurrence="FREQ=WEEKLY;BYDAY=MO;COUNT=10",
    )

    response = client.get("/kalender/?month=2027-03")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("10:00 Veckomöte") == 5  # five Mondays in March 2027
    assert "?month=2027-04" in html and "?month=2027-02" in html


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "abc", "99999-01", "2026-1"])
def test_a_bad_month_is_a_clear_400(client, calendar, month):
    response = client.get(f"/kalender/?month={month}")

    assert response.status_code == 400
    assert "ÅÅÅÅ-MM" in response.content.decode()


def test_markup_in_a_filter_is_never_echoed(client, calendar):
    make_event(calendar, title="Träff")

    html = client.get("/kalender/", {"tag": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)" not in html


def test_the_archive_lists_past_events(client, calendar):
    past = timezone.now() - datetime.timedelta(days=30)
    make_event(
        calendar, title="Förra månadens träff", start=past, end=past + datetime.timedelta(hours=1)
    )

    assert "Förra månadens träff" in client.get("/kalender/arkiv/").content.decode()
    assert "Förra månadens träff" not in client.get("/kalender/").content.decode()


def test_the_event_page_offers_calendar_links_and_coming_dates(client, calendar):
    event = make_event(
        calendar,
        title="Månadsmöte",
        slug="manadsmote",
        start=timezone.now() + datetime.timedelta(days=2),
        recurrence="FREQ=MONTHLY;COUNT=6",
    )

    html = client.get(event.url).content.decode()

    assert "/kalender/manadsmote/event.ics" in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    # Google gets the repetition; Outlook's compose link cannot carry one, so Outlook
    # is offered the .ics file, which keeps it.
    assert "recur=RRULE%3AFREQ%3DMONTHLY%3BCOUNT%3D6" in html
    assert "https://outlook.office.com/calendar/0/deeplink/compose?" not in html
    assert 'href="http://testserver/kalender/manadsmote/event.ics"' in html
    assert "Kommande datum" in html


def test_members_only_events_are_hidden_from_visitors(client, calendar):
    event = make_event(calendar, title="Medlemsråd", visibility="members")

    assert "Medlemsråd" not in client.get("/kalender/").content.decode()
    assert client.get(event.url).status_code == 302
    client.force_login(make_member("anna@boras.se").user)
    assert "Medlemsråd" in client.get("/kalender/").content.decode()
    assert client.get(event.url).status_code == 200


def test_the_calendar_offers_subscription_links(client, calendar):
    html = client.get("/kalender/").content.decode()

    assert "webcal://" in html
    assert "https://calendar.google.com/calendar/r?cid=" in html
    assert "/kalender/feed.ics" in html


def test_the_organisers_page_lists_its_upcoming_events(client, calendar):
    from tests.factories import make_organisation

    adda = make_organisation("Adda", "adda", ["adda.se"])
    make_event(calendar, title="Upphandlingsdagen", organiser=adda)
    make_event(calendar, title="Internt möte", organiser=adda, visibility="members")

    html = client.get("/organisationer/adda/").content.decode()

    assert "Upphandlingsdagen" in html
    assert "Internt möte" not in html


@pytest.mark.parametrize("path", ["/kalender/", "/kalender/?month={month}", "/kalender/arkiv/"])
def test_calendar_queries_stay_the_same_however_many_events(
    client, calendar, path, django_assert_max_num_queries
):
    from tests.factories import make_organisation

    adda = make_organisation("Adda", "adda", ["adda.se"])
    soon = timezone.now() + datetime.timedelta(days=2)
    month = timezone.localtime(soon).strftime("%Y-%m")
    url = path.format(month=month)

    def add(count):
        for n in range(count):
            start = (
                soon + datetime.timedelta(hours=n)
                if "arkiv" not in url
                else (timezone.now() - datetime.timedelta(days=2, hours=n))
            )
            make_event(
                calendar,
                start=start,
                end=start + datetime.timedelta(minutes=30),
                organiser=adda,
                recurrence="FREQ=WEEKLY;COUNT=3" if n % 2 else "",
                excluded=[datetime.date(2030, 1, 1)],
            )

    add(2)
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    baseline = len(few.captured_queries)  # read now: the query log is bounded
    add(8)
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query", ["tag=finns-inte", "tag=<script>", "organisation=%00", "tag=workshop&organisation=x"]
)
def test_an_unknown_filter_shows_no_events_never_all_and_never_an_error(client, calendar, query):
    make_event(calendar, title="Workshop", tags=["Workshop"])

    response = client.get(f"/kalender/?{query}")

    assert response.status_code == 200
    assert "Workshop</a>" not in response.content.decode()
