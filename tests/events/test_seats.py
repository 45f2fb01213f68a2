"""Seats nothing can overbook: not an editor's old draft, a revert, a copy, a double
click or a deleted account. Seats are counted from the registrations themselves."""

import icalendar
import pytest
from django.core import mail

from events.models import EventPage, Registration
from events.registration import cancel, register
from tests.factories import local, make_event, make_event_index, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home_page):
    return make_event_index(home_page)


@pytest.fixture
def study_visit(calendar):
    return make_event(
        calendar,
        title="Studiebesök i Piteå",
        slug="studiebesok",
        start=local(2027, 3, 10, 9),
        end=local(2027, 3, 10, 15),
        place_name="Stadshuset, Piteå",
        registration_enabled=True,
        capacity=2,
    )


def members(n):
    return [make_member(f"medlem{i}@pitea.se").user for i in range(n)]


def confirmed(event):
    return Registration.objects.filter(event=event, status="confirmed").count()


def test_publishing_a_draft_started_before_registrations_hands_out_no_seat_again(
    client, study_visit
):
    # An editor starts a draft while the event is still empty …
    draft = EventPage.objects.get(pk=study_visit.pk)
    draft.title = "Studiebesök i Piteå (nytt program)"
    revision = draft.save_revision()
    # … members fill both seats and a third waits …
    first, second, third, fourth = members(4)
    register(study_visit, first)
    register(study_visit, second)
    assert register(study_visit, third).status == Registration.Status.WAITING

    # … and then the editor publishes the old draft.
    revision.publish()

    event = EventPage.objects.get(pk=study_visit.pk)
    assert event.title == "Studiebesök i Piteå (nytt program)"
    assert event.seats_left == 0
    assert register(event, fourth).status == Registration.Status.WAITING
    assert confirmed(event) == 2
    client.force_login(fourth)
    page = client.get(event.url).content.decode()
    assert "0 platser kvar" in page and "På väntelistan" in page


def test_reverting_to_the_first_revision_keeps_every_registration(study_visit):
    first_revision = study_visit.revisions.order_by("created_at").first()
    for user in members(2):
        register(study_visit, user)

    first_revision.publish()

    event = EventPage.objects.get(pk=study_visit.pk)
    assert confirmed(event) == 2 and event.seats_left == 0


def test_a_copy_starts_without_registrations_and_with_its_own_uid(calendar, study_visit):
    for user in members(2):
        register(study_visit, user)

    copy = study_visit.copy(
        update_attrs={"title": "Studiebesök i Piteå, igen", "slug": "studiebesok-igen"},
        keep_live=True,
    )

    copy = EventPage.objects.get(pk=copy.pk)
    assert copy.registrations.count() == 0 and copy.seats_left == 2
    assert copy.calendar_entry.uid != study_visit.calendar_entry.uid
    assert confirmed(study_visit) == 2


def test_cancelling_and_double_clicking_never_leaks_a_seat(client, study_visit):
    anna, erik = members(2)
    client.force_login(anna)
    url = f"/kalender/anmalan/{study_visit.pk}/"
    for _round in range(5):
        client.post(url)
        client.post(url)  # the double click
        client.post(url, {"action": "cancel"})
        client.post(url)
        client.post(url)

    assert Registration.objects.filter(event=study_visit).count() == 1
    assert confirmed(study_visit) == 1
    assert register(study_visit, erik).status == Registration.Status.CONFIRMED
    assert EventPage.objects.get(pk=study_visit.pk).seats_left == 0


def test_a_deleted_account_frees_its_seat_for_the_first_waiting(study_visit):
    first, second, third, fourth = members(4)
    for user in (first, second, third, fourth):
        register(study_visit, user)
    mail.outbox.clear()

    first.delete()

    assert Registration.objects.get(user=third).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(user=fourth).status == Registration.Status.WAITING
    assert confirmed(study_visit) == 2
    assert [message.to for message in mail.outbox] == [[third.email]]


def test_a_cancelled_seat_goes_to_the_first_in_the_queue_not_the_latest(study_visit):
    first, second, third, fourth = members(4)
    for user in (first, second, third, fourth):
        register(study_visit, user)

    moved_up = cancel(study_visit, second)

    assert moved_up.user == third
    assert Registration.objects.get(user=fourth).status == Registration.Status.WAITING


def test_more_seats_from_the_editor_move_the_waiting_list_up(study_visit):
    first, second, third, fourth = members(4)
    for user in (first, second, third, fourth):
        register(study_visit, user)

    event = EventPage.objects.get(pk=study_visit.pk)
    event.capacity = 3
    event.save_revision().publish()

    assert Registration.objects.get(user=third).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(user=fourth).status == Registration.Status.WAITING


def test_those_registered_hear_when_the_event_moves_or_is_cancelled(study_visit):
    first, second, third = members(3)
    for user in (first, second, third):
        register(study_visit, user)
    mail.outbox.clear()

    event = EventPage.objects.get(pk=study_visit.pk)
    event.start, event.end = local(2027, 3, 11, 9), local(2027, 3, 11, 15)
    event.save_revision().publish()

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in (first, second, third))
    moved = mail.outbox[0]
    assert moved.subject == "Ändrat: Studiebesök i Piteå"
    assert "torsdag 11 mars 2027, 09:00" in moved.body
    (_name, content, _mimetype) = moved.attachments[0]
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert vevent["DTSTART"].dt == local(2027, 3, 11, 9) and vevent["SEQUENCE"] == 1

    mail.outbox.clear()
    event.status = EventPage.Status.CANCELLED
    event.save_revision().publish()

    assert len(mail.outbox) == 3
    assert mail.outbox[0].subject == "Inställt: Studiebesök i Piteå"
    (_name, content, _mimetype) = mail.outbox[0].attachments[0]
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"


def test_a_change_nobody_registered_must_know_about_sends_nothing(study_visit):
    register(study_visit, members(1)[0])
    mail.outbox.clear()

    event = EventPage.objects.get(pk=study_visit.pk)
    event.description = "<p>Nu med lunch.</p>"
    event.save_revision().publish()

    assert mail.outbox == []


def test_a_series_whose_coming_dates_are_all_cancelled_takes_no_registration(calendar):
    from events.registration import RegistrationClosed

    series = make_event(
        calendar,
        title="Kurs i två delar",
        start=local(2030, 3, 4, 10),
        end=local(2030, 3, 4, 11),
        recurrence="FREQ=WEEKLY;COUNT=2",
        registration_enabled=True,
        overrides=[
            {"original_date": local(2030, 3, 4).date(), "cancelled": True},
            {"original_date": local(2030, 3, 11).date(), "cancelled": True},
        ],
    )

    assert not series.registration_open
    with pytest.raises(RegistrationClosed):
        register(series, members(1)[0])
