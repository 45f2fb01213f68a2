"""Registering: seats, the waiting list, emails with the event attached, and no overbooking."""

import threading

import pytest
from django.core import mail
from django.db import connection

from events.models import EventPage, Registration
from events.registration import RegistrationClosed, cancel, register
from tests.factories import make_event, make_event_index, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home_page):
    return make_event_index(home_page)


@pytest.fixture
def small_event(calendar):
    return make_event(
        calendar, title="Studiebesök", slug="studiebesok", registration_enabled=True, capacity=2
    )


def test_a_member_registers_in_one_click_and_gets_the_event_by_email(client, small_event):
    member = make_member("anna@boras.se")
    client.force_login(member.user)

    response = client.post(f"/kalender/anmalan/{small_event.pk}/")

    assert response.status_code == 302
    registration = Registration.objects.get(user=member.user)
    assert registration.status == Registration.Status.CONFIRMED
    message = mail.outbox[-1]
    assert message.to == ["anna@boras.se"]
    assert "Studiebesök" in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert small_event.calendar_entry.uid in content
    page = client.get(small_event.url).content.decode()
    assert "Avboka min anmälan" in page or "Cancel my registration" in page


def test_when_full_members_join_the_waiting_list_and_move_up_when_a_seat_frees(small_event):
    first, second, third = (make_member(f"m{n}@boras.se").user for n in range(3))
    register(small_event, first)
    register(small_event, second)

    waiting = register(small_event, third)
    assert waiting.status == Registration.Status.WAITING

    moved_up = cancel(small_event, first)
    assert moved_up.user == third
    small_event.refresh_from_db()
    assert small_event.seats_taken == 2
    assert Registration.objects.filter(event=small_event, status="confirmed").count() == 2


def test_the_first_on_the_waiting_list_is_emailed_when_they_get_a_seat(client, small_event):
    first, second, third = (make_member(f"m{n}@boras.se") for n in range(3))
    register(small_event, first.user)
    register(small_event, second.user)
    register(small_event, third.user)
    client.force_login(first.user)

    client.post(f"/kalender/anmalan/{small_event.pk}/", {"action": "cancel"})

    assert mail.outbox[-1].to == ["m2@boras.se"]


def test_registering_twice_keeps_one_seat(small_event):
    member = make_member("anna@boras.se").user
    register(small_event, member)
    register(small_event, member)

    small_event.refresh_from_db()
    assert small_event.seats_taken == 1


def test_closed_registration_is_refused(calendar):
    event = make_event(calendar, registration_enabled=True, capacity=5, status="cancelled")

    with pytest.raises(RegistrationClosed):
        register(event, make_member("anna@boras.se").user)


def test_visitors_and_pending_members_cannot_register(client, small_event):
    assert client.post(f"/kalender/anmalan/{small_event.pk}/").status_code == 302
    client.force_login(make_member("nora@gmail.com", status="pending").user)
    assert client.post(f"/kalender/anmalan/{small_event.pk}/").status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locking")
@pytest.mark.django_db(transaction=True)
def test_parallel_requests_for_the_last_seat_give_exactly_one(home_page):
    from django.db import connections

    calendar = make_event_index(home_page)
    event = make_event(
        calendar, title="Sista platsen", registration_enabled=True, capacity=1, waiting_list=False
    )
    members = [make_member(f"p{n}@boras.se").user for n in range(8)]
    barrier = threading.Barrier(len(members))
    outcomes = []

    def attempt(user):
        try:
            barrier.wait()
            outcomes.append(register(EventPage.objects.get(pk=event.pk), user).status)
        except RegistrationClosed:
            outcomes.append("closed")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    event.refresh_from_db()
    assert outcomes.count("confirmed") == 1
    assert outcomes.count("closed") == len(members) - 1
    assert event.seats_taken == 1
    assert Registration.objects.filter(event=event, status="confirmed").count() == 1


def test_editors_download_the_participant_list_and_members_cannot(client, small_event):
    from django.contrib.auth.models import Group

    from tests.factories import make_user

    register(small_event, make_member("anna.lindberg@boras.se").user)
    editor = make_user("redaktor@samverkan.se")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    edit_page = client.get(f"/admin/pages/{small_event.pk}/edit/")
    response = client.get(f"/admin/events/{small_event.pk}/participants.csv")

    assert edit_page.status_code == 200
    assert f"/admin/events/{small_event.pk}/participants.csv" in edit_page.content.decode()

    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert "anna.lindberg@boras.se" in text
    client.force_login(make_member("erik@boras.se").user)
    assert client.get(f"/admin/events/{small_event.pk}/participants.csv").status_code in (302, 403)


def test_the_export_and_profile_show_registrations(client, small_event):
    anna = make_member("anna@boras.se", visibility="public")
    register(small_event, anna.user)
    client.force_login(anna.user)

    data = client.get("/medlemmar/min-profil/mina-uppgifter.json").json()
    assert data["registrations"][0]["event"] == "Studiebesök"
    assert "Studiebesök" in client.get(anna.get_absolute_url()).content.decode()
    client.logout()
    assert "Studiebesök" not in client.get(anna.get_absolute_url()).content.decode()


def test_the_home_page_lists_upcoming_public_events(client, calendar, small_event):
    make_event(calendar, title="Hemligt råd", visibility="members")

    html = client.get("/").content.decode()

    assert "Studiebesök" in html
    assert "Hemligt råd" not in html
