"""Repetition as editors say it and members see it: RFC 5545 rules, extra and excluded
dates, and single dates moved or cancelled, in Stockholm time across daylight saving."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events.models import EventPage
from tests.factories import local, make_event, make_event_index, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home_page):
    return make_event_index(home_page)


@pytest.fixture
def editor(client):
    user = make_user("redaktor@skr.se")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def starts(event, after, before):
    return [o.local_start for o in event.occurrences_between(after, before)]


def test_the_first_tuesday_of_each_month_at_ten_all_year(calendar):
    meeting = make_event(
        calendar,
        title="Nätverksmöte",
        start=local(2027, 1, 5, 10),
        end=local(2027, 1, 5, 11),
        recurrence="FREQ=MONTHLY;BYDAY=1TU",
    )

    found = starts(meeting, local(2027, 1, 1), local(2028, 1, 1))

    assert [d.date() for d in found] == [
        datetime.date(2027, m, d)
        for m, d in [
            (1, 5), (2, 2), (3, 2), (4, 6), (5, 4), (6, 1),
            (7, 6), (8, 3), (9, 7), (10, 5), (11, 2), (12, 7),
        ]
    ]  # fmt: skip
    assert {(d.hour, d.minute) for d in found} == {(10, 0)}


def test_the_last_friday_yearly_and_an_open_ended_series(calendar):
    last_friday = make_event(
        calendar,
        start=local(2027, 1, 29, 14),
        end=local(2027, 1, 29, 15),
        recurrence="FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
    )
    yearly = make_event(
        calendar,
        all_day=True,
        start=local(2027, 6, 6),
        end=local(2027, 6, 6),
        recurrence="FREQ=YEARLY",
    )

    assert [d.date() for d in starts(last_friday, local(2027, 1, 1), local(2028, 1, 1))] == [
        datetime.date(2027, 1, 29),
        datetime.date(2027, 2, 26),
        datetime.date(2027, 3, 26),
    ]
    # Open-ended: no two-year cap; the calendar keeps showing it.
    assert [d.date() for d in starts(yearly, local(2040, 1, 1), local(2041, 1, 1))] == [
        datetime.date(2040, 6, 6)
    ]


def test_moved_cancelled_added_and_excluded_dates_show_on_the_event_page(client, calendar):
    series = make_event(
        calendar,
        title="Veckomöte",
        slug="veckomote",
        start=local(2030, 3, 4, 10),
        end=local(2030, 3, 4, 11),
        recurrence="FREQ=WEEKLY;COUNT=6",
        excluded=[datetime.date(2030, 3, 11)],
        added=[{"date": datetime.date(2030, 3, 20), "time": datetime.time(13, 0)}],
        overrides=[
            {
                "original_date": datetime.date(2030, 3, 18),
                "start": local(2030, 3, 19, 15),
                "end": local(2030, 3, 19, 16),
                "note": "Flyttat en dag på grund av personaldagen.",
            },
            {"original_date": datetime.date(2030, 3, 25), "cancelled": True, "note": "Påsk"},
        ],
    )

    found = series.occurrences_between(local(2030, 3, 1), local(2030, 5, 1))
    html = client.get(series.url).content.decode()

    assert [(o.local_start.strftime("%m-%d %H:%M"), o.is_cancelled) for o in found] == [
        ("03-04 10:00", False),
        ("03-19 15:00", False),
        ("03-20 13:00", False),
        ("03-25 10:00", True),
        ("04-01 10:00", False),
        ("04-08 10:00", False),
    ]
    assert "tisdag 19 mars 2030, 15:00" in html and "Flyttat en dag" in html
    assert "måndag 25 mars 2030, 10:00" in html and "Inställt" in html
    assert "måndag 11 mars 2030" not in html


def admin_form(calendar, **fields):
    data = {
        "title": "Nätverksmöte",
        "slug": "natverksmote",
        "start": "2027-01-05 10:00",
        "end": "2027-01-05 11:00",
        "status": "scheduled",
        "visibility": "public",
        "description": rich_text(""),
        "overrides": inline_formset([]),
        "added_dates": inline_formset([]),
        "excluded_dates": inline_formset([]),
        "tags": "",
        "repeat": "",
        "repeat_interval": "1",
        "repeat_ends": "never",
        "recurrence": "",
        "action-publish": "publish",
    }
    data.update(fields)
    return nested_form_data(data)


def test_an_editor_sets_the_first_tuesday_of_each_month_in_plain_words(client, calendar, editor):
    response = client.post(
        f"/admin/pages/add/events/eventpage/{calendar.pk}/",
        admin_form(
            calendar,
            repeat="monthly-weekday",
            repeat_ordinal="1",
            repeat_weekday="TU",
            repeat_ends="until",
            repeat_until="2027-12-31",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = EventPage.objects.get(slug="natverksmote")
    assert meeting.recurrence == "FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271231T225959Z"
    assert len(starts(meeting, local(2027, 1, 1), local(2028, 1, 1))) == 12
    # The form shows the rule in the same words again, and the coming dates.
    edit = client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    text = re.sub(r"<[^>]+>", "", edit)
    assert 'value="monthly-weekday" selected' in edit
    assert "tisdag 2 februari 2027, 10:00–11:00" in text


def test_an_editor_is_told_when_the_start_does_not_follow_the_rule(client, calendar, editor):
    response = client.post(
        f"/admin/pages/add/events/eventpage/{calendar.pk}/",
        admin_form(
            calendar,
            start="2027-01-06 10:00",
            end="2027-01-06 11:00",
            repeat="monthly-weekday",
            repeat_ordinal="1",
            repeat_weekday="TU",
        ),
    )

    assert response.status_code == 200
    assert "2027-02-02 10:00" in response.content.decode()
    assert not EventPage.objects.filter(slug="natverksmote").exists()


def test_a_custom_rule_is_kept_and_a_broken_one_refused(client, calendar, editor):
    bad = client.post(
        f"/admin/pages/add/events/eventpage/{calendar.pk}/",
        admin_form(calendar, repeat="custom", recurrence="FREQ=SOMETIMES"),
    )
    assert bad.status_code == 200
    assert not EventPage.objects.filter(slug="natverksmote").exists()

    good = client.post(
        f"/admin/pages/add/events/eventpage/{calendar.pk}/",
        admin_form(
            calendar,
            start="2027-01-12 10:00",
            end="2027-01-12 11:00",
            repeat="custom",
            recurrence="FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2;COUNT=4",
        ),
    )
    assert good.status_code == 302
    meeting = EventPage.objects.get(slug="natverksmote")
    assert [d.date() for d in starts(meeting, local(2027, 1, 1), local(2028, 1, 1))] == [
        datetime.date(2027, 1, 12),
        datetime.date(2027, 2, 9),
        datetime.date(2027, 3, 9),
        datetime.date(2027, 4, 13),
    ]


def test_the_editor_sees_the_dates_while_changing_the_rule(client, calendar, editor):
    preview = client.get(
        "/admin/events/repetition-preview/",
        {
            "start": "2027-01-05 10:00",
            "end": "2027-01-05 11:00",
            "repeat": "monthly-weekday",
            "repeat_ordinal": "1",
            "repeat_weekday": "TU",
            "repeat_ends": "count",
            "repeat_count": "3",
        },
    ).content.decode()

    assert "tisdag 5 januari 2027" in preview
    assert "tisdag 2 februari 2027" in preview and "tisdag 2 mars 2027" in preview
    assert "tisdag 6 april 2027" not in preview

    wrong = client.get(
        "/admin/events/repetition-preview/",
        {"start": "2027-01-06 10:00", "repeat": "monthly-weekday", "repeat_weekday": "TU"},
    ).content.decode()
    assert "2027-02-02 10:00" in wrong


def test_only_admin_users_reach_the_preview(client, calendar):
    client.force_login(make_user("medlem@boras.se"))

    response = client.get("/admin/events/repetition-preview/", {"start": "2027-01-05 10:00"})

    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MINUTELY",
        "FREQ=HOURLY;COUNT=5",
        "FREQ=DAILY;BYHOUR=9,15",
        "FREQ=DAILY;COUNT=100000",
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=DAILY;UNTIL=99991231",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    ],
)
def test_a_rule_that_would_flood_the_calendar_is_refused_with_a_reason(
    client, calendar, editor, rule
):
    response = client.post(
        f"/admin/pages/add/events/eventpage/{calendar.pk}/",
        admin_form(calendar, repeat="custom", recurrence=rule),
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert any(
        reason in text
        for reason in (
            "högst en gång per dag",
            "mellan 1 och 1000",
            "mellan 1 och 999",
            "högst 10 år",
            "inget datum inom 10 år",
        )
    ), text[:2000]
    assert not EventPage.objects.filter(slug="natverksmote").exists()


def test_a_time_that_does_not_exist_on_the_spring_night_is_read_as_rfc_5545_says(calendar):
    night = make_event(
        calendar,
        title="Nattövning",
        start=local(2027, 3, 27, 2, 30),
        end=local(2027, 3, 27, 3, 0),
        recurrence="FREQ=DAILY;COUNT=3",
    )

    found = night.occurrences_between(local(2027, 3, 27), local(2027, 3, 30))

    # 02:30 does not exist on 28 March: read with the offset before the gap, it is 03:30.
    assert [o.local_start.strftime("%d %H:%M") for o in found] == [
        "27 02:30",
        "28 03:30",
        "29 02:30",
    ]
