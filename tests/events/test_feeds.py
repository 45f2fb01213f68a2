"""The calendar feeds keep the design's contract, checked with two independent parsers."""

import datetime

import icalendar
import pytest
import recurring_ical_events
import vobject
from django.utils import timezone
from django.utils.http import http_date

from events.models import CalendarToken, EventPage
from tests.factories import (
    local,
    make_event,
    make_event_index,
    make_member,
    make_organisation,
)

pytestmark = pytest.mark.django_db
STOCKHOLM = "Europe/Stockholm"


@pytest.fixture
def calendar(home_page):
    return make_event_index(home_page)


@pytest.fixture
def workshop(calendar):
    return make_event(
        calendar,
        title="Workshop i innovationsledning – Vänersborg",
        slug="workshop",
        start=local(2027, 2, 10, 9),
        end=local(2027, 2, 10, 16),
        place_name="Folkets hus",
        address="Järnvägsgatan 5, Vänersborg",
        online_url="https://meet.example.se/workshop",
        organiser=make_organisation("Vänersborgs kommun", "vanersborgs-kommun", ["vanersborg.se"]),
        organiser_email="innovation@vanersborg.se",
        description="<p>Åtta timmar om att leda förändring; med fika, övningar och samtal.</p>",
        tags=["Innovationsledning", "Workshop"],
    )


def feed(client, path="/kalender/feed.ics", **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, response.content[:500]
    return response


def vevents(response):
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_the_public_feed_carries_every_calendar_property(client, workshop):
    response = feed(client)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["ETag"] and response["Last-Modified"]
    calendar = icalendar.Calendar.from_ical(response.content)
    for name in (
        "PRODID",
        "VERSION",
        "CALSCALE",
        "METHOD",
        "NAME",
        "X-WR-CALNAME",
        "X-WR-TIMEZONE",
    ):
        assert calendar.get(name), name
    assert calendar["METHOD"] == "PUBLISH"
    text = response.content.decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT4H\r\n" in text
    assert "X-PUBLISHED-TTL:PT4H\r\n" in text
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [STOCKHOLM]


def test_an_event_carries_every_event_property(client, workshop):
    (event,) = vevents(feed(client))

    assert str(event["UID"]) == workshop.calendar_entry.uid
    assert event["DTSTAMP"].dt.tzinfo is not None and event["DTSTAMP"].to_ical().endswith(b"Z")
    assert event["DTSTART"].params["TZID"] == STOCKHOLM
    assert event["DTSTART"].dt == local(2027, 2, 10, 9)
    assert event["DTEND"].dt == local(2027, 2, 10, 16)
    assert str(event["SUMMARY"]) == "Workshop i innovationsledning – Vänersborg"
    assert "Åtta timmar om att leda förändring; med fika" in str(event["DESCRIPTION"])
    assert "<p>" not in str(event["DESCRIPTION"])
    assert "https://meet.example.se/workshop" in str(event["DESCRIPTION"])
    assert "http://localhost/kalender/workshop/" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Folkets hus, Järnvägsgatan 5, Vänersborg"
    assert str(event["URL"]) == "http://localhost/kalender/workshop/"
    assert sorted(event["CATEGORIES"].cats) == ["Innovationsledning", "Workshop"]
    assert str(event["ORGANIZER"]) == "mailto:innovation@vanersborg.se"
    assert event["ORGANIZER"].params["CN"] == "Vänersborgs kommun"
    assert event["LAST-MODIFIED"].to_ical().endswith(b"Z")
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert str(event["CONFERENCE"]) == "https://meet.example.se/workshop"


def test_an_independent_parser_reads_the_feed(client, workshop):
    parsed = vobject.readOne(feed(client).content.decode("utf-8"))

    (event,) = parsed.vevent_list
    assert event.summary.value == "Workshop i innovationsledning – Vänersborg"
    assert event.dtstart.value == local(2027, 2, 10, 9)
    assert event.uid.value == workshop.calendar_entry.uid


def test_long_lines_are_folded_and_text_is_escaped(client, calendar):
    long_title = "Tjänstedesign i äldreomsorgen, del två: " + "överraskande lärdomar " * 8
    make_event(
        calendar,
        title=long_title.strip(),
        description="<p>Semikolon; komma, och \\ snedstreck.</p>",
    )

    raw = feed(client).content
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    (event,) = vevents(feed(client))
    assert str(event["SUMMARY"]) == long_title.strip()
    assert "Semikolon; komma, och \\ snedstreck." in str(event["DESCRIPTION"])
    assert b"Semikolon\\; komma\\, och \\\\ snedstreck" in raw.replace(b"\r\n ", b"")


def test_the_uid_never_changes_and_sequence_grows_with_changes_subscribers_see(client, workshop):
    uid = workshop.calendar_entry.uid
    workshop.place_name = "Stadshuset"
    workshop.save_revision().publish()
    workshop.refresh_from_db()
    (event,) = vevents(feed(client))
    assert str(event["UID"]) == uid
    assert event["SEQUENCE"] == 1

    workshop.search_description = "Bara en sökbeskrivning"
    workshop.save_revision().publish()
    (event,) = vevents(feed(client))
    assert event["SEQUENCE"] == 1  # nothing a subscriber sees has changed


def test_a_weekly_meeting_stays_at_ten_across_daylight_saving_changes(client, calendar):
    make_event(
        calendar,
        title="Veckomöte",
        start=local(2027, 3, 1, 10),
        end=local(2027, 3, 1, 11),
        recurrence="FREQ=WEEKLY;BYDAY=MO;UNTIL=20271130",
        excluded=[datetime.date(2027, 4, 5)],
    )

    response = feed(client)
    (event,) = vevents(response)
    until = event["RRULE"]["UNTIL"][0]
    assert until.tzinfo is not None and until.utcoffset() == datetime.timedelta(0)
    assert event["EXDATE"].params["TZID"] == STOCKHOLM
    calendar_ = icalendar.Calendar.from_ical(response.content)
    # Across the last Sundays of March and October 2027.
    occurrences = recurring_ical_events.of(calendar_).between(
        datetime.date(2027, 3, 1), datetime.date(2027, 11, 30)
    )
    starts = [occurrence["DTSTART"].dt for occurrence in occurrences]
    assert {start.astimezone(timezone.get_current_timezone()).hour for start in starts} == {10}
    assert local(2027, 3, 22, 10) in starts and local(2027, 3, 29, 10) in starts
    assert local(2027, 10, 25, 10) in starts and local(2027, 11, 1, 10) in starts
    assert local(2027, 4, 5, 10) not in starts  # excluded
    assert starts[-1] == local(2027, 11, 29, 10)


def test_all_day_events_are_dates_with_an_exclusive_end(client, calendar):
    make_event(
        calendar,
        title="Innovationsveckan",
        all_day=True,
        start=local(2027, 5, 3),
        end=local(2027, 5, 5),
    )

    (event,) = vevents(feed(client))

    assert event["DTSTART"].to_ical() == b"20270503"
    assert event["DTEND"].to_ical() == b"20270506"
    assert event["DTSTART"].params.get("VALUE") == "DATE"


def test_a_cancelled_event_stays_with_its_status_and_notice(client, workshop):
    workshop.status = EventPage.Status.CANCELLED
    workshop.save_revision().publish()

    (event,) = vevents(feed(client))

    assert event["STATUS"] == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("INSTÄLLT: ")
    assert event["SEQUENCE"] == 1


def test_unpublished_and_deleted_events_disappear(client, calendar, workshop):
    other = make_event(calendar, title="Ska bort")
    first = feed(client)
    assert len(vevents(first)) == 2

    other.unpublish()
    assert [str(e["SUMMARY"]) for e in vevents(feed(client))] == [workshop.title]
    workshop.delete()
    assert vevents(feed(client)) == []
    second = feed(client, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200


def test_conditional_requests_get_304_without_a_body(
    client, workshop, django_assert_max_num_queries
):
    first = feed(client)

    # Site, calendar and one aggregate: the stored events themselves are never read.
    with django_assert_max_num_queries(4) as counted:
        by_etag = client.get("/kalender/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get("/kalender/feed.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    old = client.get("/kalender/feed.ics", HTTP_IF_MODIFIED_SINCE=http_date(0))

    assert by_etag.status_code == 304 and by_etag.content == b""
    assert not any('"vevent"' in q["sql"] for q in counted.captured_queries)
    assert by_date.status_code == 304
    assert old.status_code == 200


def test_members_only_events_stay_out_of_the_public_feed_and_come_in_the_personal_one(
    client, calendar, workshop
):
    make_event(calendar, title="Medlemsråd", visibility="members")
    member = make_member("anna@boras.se")
    token = CalendarToken.issue(member.user)

    public = [str(e["SUMMARY"]) for e in vevents(feed(client))]
    personal = [str(e["SUMMARY"]) for e in vevents(feed(client, f"/kalender/feed/{token}.ics"))]

    assert "Medlemsråd" not in public
    assert "Medlemsråd" in personal
    assert client.get("/kalender/medlemsrad/event.ics").status_code == 404


def test_the_public_feed_holds_90_days_back_and_everything_ahead(client, calendar):
    now = timezone.now()
    make_event(
        calendar,
        title="Nyss",
        start=now - datetime.timedelta(days=80),
        end=now - datetime.timedelta(days=80) + datetime.timedelta(hours=1),
    )
    make_event(
        calendar,
        title="Längesen",
        start=now - datetime.timedelta(days=120),
        end=now - datetime.timedelta(days=120) + datetime.timedelta(hours=1),
    )
    make_event(calendar, title="Nästa år", start=now + datetime.timedelta(days=300))

    titles = {str(e["SUMMARY"]) for e in vevents(feed(client))}

    assert titles == {"Nyss", "Nästa år"}


def test_tag_and_organisation_narrow_the_public_feed(client, calendar, workshop):
    make_event(calendar, title="Annat", tags=["Upphandling"])

    by_tag = {str(e["SUMMARY"]) for e in vevents(feed(client, "/kalender/feed.ics?tag=workshop"))}
    by_org = {
        str(e["SUMMARY"])
        for e in vevents(feed(client, "/kalender/feed.ics?organisation=vanersborgs-kommun"))
    }

    assert by_tag == {workshop.title}
    assert by_org == {workshop.title}
    assert vevents(feed(client, "/kalender/feed.ics?tag=<script>")) == []


def test_one_event_downloads_as_ics(client, workshop):
    response = feed(client, "/kalender/workshop/event.ics")

    assert "attachment" in response["Content-Disposition"]
    assert [str(e["UID"]) for e in vevents(response)] == [workshop.calendar_entry.uid]


class TestPersonalFeed:
    def test_a_new_address_revokes_the_old_one(self, client, workshop):
        member = make_member("anna@boras.se")
        old = CalendarToken.issue(member.user)
        new = CalendarToken.issue(member.user)

        assert client.get(f"/kalender/feed/{old}.ics").status_code == 404
        response = client.get(f"/kalender/feed/{new}.ics")
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("private")

    @pytest.mark.parametrize(
        "token",
        ["x", "a" * 200, "<script>", "AAAAAAAAAAAAAAAAAAAAAA.00000000000000000000000000000000"],
    )
    def test_a_malformed_or_forged_token_is_not_found(self, client, workshop, token):
        assert client.get(f"/kalender/feed/{token}.ics").status_code == 404

    def test_the_database_alone_gives_no_working_address(self, client, workshop):
        member = make_member("anna@boras.se")
        CalendarToken.issue(member.user)
        nonce = CalendarToken.objects.get(user=member.user).nonce

        assert client.get(f"/kalender/feed/{nonce}.ics").status_code == 404

    def test_suspension_and_deletion_kill_the_address(self, client, workshop):
        member = make_member("anna@boras.se")
        token = CalendarToken.issue(member.user)
        member.set_status("suspended")
        assert client.get(f"/kalender/feed/{token}.ics").status_code == 404

        other = make_member("erik@boras.se")
        token = CalendarToken.issue(other.user)
        other.user.delete()
        assert client.get(f"/kalender/feed/{token}.ics").status_code == 404

    def test_the_member_gets_the_address_on_their_profile_page(self, client, workshop):
        member = make_member("anna@boras.se")
        client.force_login(member.user)

        client.post("/medlemmar/min-profil/kalender/")
        html = client.get("/medlemmar/min-profil/").content.decode()

        assert "/kalender/feed/" in html
        assert "webcal://" in html


# Revalidation: every change a subscriber must see moves the validators, from any process.


def revalidate(client, first, path="/kalender/feed.ics"):
    """A calendar app asking again with only the date it was given (as Thunderbird does)."""
    return client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])


def test_removing_a_tag_changes_the_tag_feed_for_date_based_revalidation(client, workshop):
    path = "/kalender/feed.ics?tag=workshop"
    first = feed(client, path)
    assert revalidate(client, first, path).status_code == 304

    workshop.tags.remove("Workshop")
    workshop.save_revision().publish()

    again = revalidate(client, first, path)
    assert again.status_code == 200 and vevents(again) == []


def test_an_event_turning_members_only_leaves_the_public_feed_at_once(client, workshop):
    first = feed(client)

    workshop.visibility = EventPage.Visibility.MEMBERS
    workshop.save_revision().publish()

    again = revalidate(client, first)
    assert again.status_code == 200 and vevents(again) == []
    assert client.get("/kalender/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_an_unpublish_by_another_process_moves_the_validators(client, workshop):
    from django.core.cache import cache

    first = feed(client)

    # The import command unpublishes in its own process: nothing is shared but the database.
    workshop.unpublish()
    cache.clear()

    assert revalidate(client, first).status_code == 200
    assert client.get("/kalender/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_registration_change_moves_the_personal_feed(client, calendar):
    from events.registration import cancel, register

    event = make_event(calendar, title="Studiebesök", registration_enabled=True)
    member = make_member("anna@boras.se")
    path = f"/kalender/feed/{CalendarToken.issue(member.user)}.ics"
    register(event, member.user)
    first = feed(client, path)
    assert "Studiebesök" in first.content.decode()

    cancel(event, member.user)

    again = revalidate(client, first, path)
    assert again.status_code == 200 and "Studiebesök" not in again.content.decode()


def test_weak_etags_from_compressing_proxies_still_revalidate(client, workshop):
    first = feed(client)
    weak = "W/" + first["ETag"]

    assert client.get("/kalender/feed.ics", HTTP_IF_NONE_MATCH=weak).status_code == 304


def test_a_304_carries_the_same_cache_control_as_the_200(client, workshop):
    member = make_member("anna@boras.se")
    personal = f"/kalender/feed/{CalendarToken.issue(member.user)}.ics"
    for path in ("/kalender/feed.ics", personal, "/kalender/workshop/event.ics"):
        first = feed(client, path)
        second = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert second.status_code == 304
        assert second["Cache-Control"] == first["Cache-Control"], path
    assert feed(client, personal)["Cache-Control"].startswith("private")


def test_a_members_only_event_file_is_private_to_caches(client, calendar):
    make_event(calendar, title="Medlemsråd", slug="medlemsrad", visibility="members")
    client.force_login(make_member("anna@boras.se").user)

    response = feed(client, "/kalender/medlemsrad/event.ics")

    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_the_feed_is_compressed_for_clients_that_accept_it(client, workshop):
    import gzip

    plain = feed(client)
    compressed = feed(client, HTTP_ACCEPT_ENCODING="gzip")

    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert "Accept-Encoding" in compressed["Vary"]


def test_feeds_are_named_after_the_tag_or_organisation_they_follow(client, workshop):
    by_tag = icalendar.Calendar.from_ical(feed(client, "/kalender/feed.ics?tag=workshop").content)
    by_org = icalendar.Calendar.from_ical(
        feed(client, "/kalender/feed.ics?organisation=vanersborgs-kommun").content
    )

    assert str(by_tag["X-WR-CALNAME"]) == "Kalender – Workshop"
    assert str(by_org["NAME"]) == "Kalender – Vänersborgs kommun"


def test_the_calendar_offers_a_subscription_to_the_filtered_feed(client, workshop):
    html = client.get("/kalender/?tag=workshop").content.decode()

    assert "webcal://testserver/kalender/feed.ics?tag=workshop" in html
    assert "Följ ”Kalender – Workshop” i din kalenderapp" in html or "Kalender – Workshop" in html


def test_the_public_feed_stays_within_its_byte_budget_soonest_first(client, calendar, monkeypatch):
    from events import feeds

    now = timezone.now()
    for n in range(12):
        make_event(
            calendar,
            title=f"Träff {n:02d}",
            start=now + datetime.timedelta(days=n + 1),
            description="<p>" + "Lång beskrivning. " * 40 + "</p>",
        )
    monkeypatch.setattr(feeds, "BYTE_BUDGET", 6_000)

    response = feed(client)

    titles = [str(e["SUMMARY"]) for e in vevents(response)]
    assert 0 < len(titles) < 12
    assert titles == [f"Träff {n:02d}" for n in range(len(titles))]
    assert len(response.content) < 6_000 + 2_000  # the budget plus header and time zone


def test_a_long_running_series_counts_once_and_stays_in_the_window(client, calendar):
    start = timezone.now() - datetime.timedelta(days=700)
    make_event(
        calendar,
        title="Veckomöte sedan länge",
        start=start,
        end=start + datetime.timedelta(hours=1),
        recurrence="FREQ=WEEKLY",
    )

    assert [str(e["SUMMARY"]) for e in vevents(feed(client))] == ["Veckomöte sedan länge"]


def test_an_organisation_page_offers_its_own_calendar_feed(client, workshop):
    html = client.get("/organisationer/vanersborgs-kommun/").content.decode()

    assert "webcal://testserver/kalender/feed.ics?organisation=vanersborgs-kommun" in html
    assert "Följ ”Vänersborgs kommun” i din kalenderapp" in html


def test_the_description_is_plain_text_as_a_calendar_app_shows_it(client, calendar):
    make_event(
        calendar,
        title="Workshop",
        slug="workshop-program",
        description=(
            "<p>Välkommen till R&amp;D-dagen &#x27;Tjänstedesign&#x27;!</p>"
            "<h3>Program</h3><ul><li>13:00 Fika</li><li>13:30 <b>Övningar</b></li></ul>"
            '<ol><li>Läs <a href="https://skr.se/innovation">SKR:s guide</a></li>'
            "<li>Ta med en utmaning</li></ol><p>Rad ett<br>rad två</p>"
        ),
        online_url="https://meet.example.se/workshop",
    )

    (event,) = vevents(feed(client, "/kalender/workshop-program/event.ics"))

    assert str(event["DESCRIPTION"]) == (
        "Välkommen till R&D-dagen 'Tjänstedesign'!\n\n"
        "Program\n\n"
        "• 13:00 Fika\n"
        "• 13:30 Övningar\n\n"
        "1. Läs SKR:s guide (https://skr.se/innovation)\n"
        "2. Ta med en utmaning\n\n"
        "Rad ett\nrad två\n\n"
        "Möteslänk: https://meet.example.se/workshop\n\n"
        "http://localhost/kalender/workshop-program/"
    )


def test_a_new_organiser_moves_the_organisation_feeds(client, calendar, workshop):
    other = make_organisation("Trollhättans stad", "trollhattans-stad", ["trollhattan.se"])
    path = "/kalender/feed.ics?organisation=trollhattans-stad"
    first = feed(client, path)

    workshop.organiser = other
    workshop.save_revision().publish()

    again = revalidate(client, first, path)
    assert again.status_code == 200 and len(vevents(again)) == 1


def test_wagtails_page_privacy_takes_an_event_out_of_the_feeds_at_once(client, workshop):
    from wagtail.models import PageViewRestriction

    first = feed(client)

    PageViewRestriction.objects.create(page=workshop, restriction_type="login")

    again = revalidate(client, first)
    assert again.status_code == 200 and vevents(again) == []
    assert client.get("/kalender/workshop/event.ics").status_code == 404


def test_a_renamed_tag_reaches_the_feed(client, workshop):
    from taggit.models import Tag

    path = "/kalender/feed.ics?tag=workshop"
    first = feed(client, path)

    tag = Tag.objects.get(slug="workshop")
    tag.name = "Verkstad"
    tag.save()

    again = revalidate(client, first, path)
    assert again.status_code == 200
    (event,) = vevents(again)
    assert "Verkstad" in event["CATEGORIES"].cats


def test_a_304_carries_the_validators_and_vary(client, workshop):
    first = feed(client, HTTP_ACCEPT_ENCODING="gzip")

    second = client.get(
        "/kalender/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT_ENCODING="gzip"
    )

    assert second.status_code == 304
    assert second["ETag"] == first["ETag"].removeprefix("W/") or second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]
    assert "Accept-Encoding" in second["Vary"]
