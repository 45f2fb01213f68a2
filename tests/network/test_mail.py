"""Email never slows or breaks a page: it is recorded, sent by a task after the commit,
tried again when the mail server fails, and sent once however often the task runs."""

import io
import smtplib
import socket
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend as OutboxBackend
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends

from events.models import Registration
from events.notifications import send_registration_confirmation
from members.approval import decide
from members.models import MemberProfile
from network.mail import deliver, max_attempts, queue, retry_delays
from network.models import OutgoingEmail
from tests.commits import commits_as_in_production  # noqa: F401 (autouse: commits happen)
from tests.factories import (
    make_case,
    make_case_index,
    make_event,
    make_event_index,
    make_member,
    make_user,
)

pytestmark = pytest.mark.django_db

WORKER_TASKS = {
    # Stores what is enqueued, run_after included, for `run_worker` below to run.
    "default": {
        "BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "QUEUES": ["default", "calendar"],
    }
}


class FlakyMailServer(OutboxBackend):
    """The outbox behind a mail server that drops the first `failures` connections."""

    failures = 0

    def open(self):
        if FlakyMailServer.failures > 0:
            FlakyMailServer.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().open()


FLAKY = "tests.network.test_mail.FlakyMailServer"


def run_worker(at=None):
    """Do what `manage.py db_worker` does: run every task that is due, until none is."""
    backend = task_backends["default"]
    at = at or timezone.now()
    while True:
        due = [
            result
            for result in backend.results
            if result.task.run_after is None or result.task.run_after <= at
        ]
        if not due:
            return
        for result in due:
            backend.results.remove(result)
            result.task.call(*result.args, **result.kwargs)


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def event(home_page):
    return make_event(
        make_event_index(home_page),
        title="Studiebesök",
        slug="studiebesok",
        registration_enabled=True,
        capacity=10,
    )


@pytest.fixture
def member(client):
    member = make_member("anna@boras.se")
    client.force_login(member.user)
    return member


def test_a_registration_answers_at_once_when_the_mail_server_is_down(client, event, member):
    # The worst case: tasks run inside the request (as in development) and SMTP refuses.
    with override_settings(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port(),
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=2,
    ):
        started = time.monotonic()
        response = client.post(f"/kalender/anmalan/{event.pk}/", follow=True)
        elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed < 5
    assert Registration.objects.get(user=member.user).status == Registration.Status.CONFIRMED
    assert "Avboka min anmälan" in response.content.decode()
    assert mail.outbox == []
    email = OutgoingEmail.objects.get()
    assert email.recipients == ["anna@boras.se"]
    assert email.attempts == max_attempts()
    assert email.status == OutgoingEmail.Status.FAILED
    assert "Connection refused" in email.last_error or "ConnectionRefused" in email.last_error


@override_settings(TASKS=WORKER_TASKS, EMAIL_DELIVERY_BACKEND=FLAKY)
def test_a_failed_send_is_tried_again_later_and_the_member_gets_one_confirmation(
    client, event, member
):
    FlakyMailServer.failures = 2

    response = client.post(f"/kalender/anmalan/{event.pk}/")
    assert response.status_code == 302
    assert mail.outbox == []  # the request only queued it

    run_worker()
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.QUEUED, 1)
    assert "SMTPServerDisconnected" in email.last_error
    [retry] = task_backends["default"].results
    waited = (retry.task.run_after - timezone.now()).total_seconds()
    assert retry_delays()[0] - 5 < waited <= retry_delays()[0]

    run_worker()  # not due yet: nothing happens
    assert OutgoingEmail.objects.get().attempts == 1

    run_worker(at=timezone.now() + timedelta(seconds=retry_delays()[0] + 1))
    assert OutgoingEmail.objects.get().attempts == 2 and mail.outbox == []

    run_worker(at=timezone.now() + timedelta(days=1))
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 3)
    assert [message.to for message in mail.outbox] == [["anna@boras.se"]]
    assert "Studiebesök" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][0] == "studiebesok.ics"
    assert email.message == {}  # the text is not kept once sent; the record is

    # A duplicated task, or a worker that picks the same one up again, sends nothing.
    deliver.enqueue(email.key)
    send_registration_confirmation.enqueue(Registration.objects.get().pk)
    run_worker()
    assert len(mail.outbox) == 1


@override_settings(TASKS=WORKER_TASKS)
def test_the_same_message_queued_twice_is_sent_once():
    message = EmailMessage("Välkommen", "Hej!", to=["anna@boras.se"])

    assert queue(message, key="welcome:anna") is True
    assert queue(message, key="welcome:anna") is False
    [first] = task_backends["default"].results
    deliver.enqueue("welcome:anna")  # as if the task were enqueued twice
    run_worker()

    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get(key="welcome:anna").status == OutgoingEmail.Status.SENT
    assert first.args == ["welcome:anna"]


@override_settings(EMAIL_DELIVERY_BACKEND=FLAKY)
def test_a_mail_server_that_never_answers_is_given_up_on_after_the_last_attempt(caplog):
    FlakyMailServer.failures = max_attempts()

    queue(EmailMessage("Hej", "Text", to=["anna@boras.se"]), key="doomed")

    email = OutgoingEmail.objects.get(key="doomed")
    assert (email.status, email.attempts) == (OutgoingEmail.Status.FAILED, max_attempts())
    assert mail.outbox == []
    assert f"not sent after {max_attempts()} attempts" in caplog.text
    deliver.enqueue("doomed")  # a failed message stays failed: no surprise sending later
    assert mail.outbox == []


def test_a_decision_that_is_rolled_back_emails_nobody():
    profile = make_member("nora@gmail.com", status="pending")

    with pytest.raises(RuntimeError), transaction.atomic():
        decide(profile, MemberProfile.Status.APPROVED)
        raise RuntimeError("the database gave up before the commit")

    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()

    profile.refresh_from_db()
    decide(profile, MemberProfile.Status.APPROVED)
    assert [message.to for message in mail.outbox] == [["nora@gmail.com"]]


def test_nothing_is_sent_before_the_commit(event):
    member = make_member("anna@boras.se")

    with transaction.atomic():
        Registration.objects.create(event=event, user=member.user, status="confirmed")
        send_registration_confirmation.enqueue(Registration.objects.get().pk)
        assert mail.outbox == []  # queued, waiting for the commit
    assert len(mail.outbox) == 1


@override_settings(EMAIL_BACKEND="network.mail.QueuedEmailBackend")
def test_emails_from_allauth_and_wagtail_take_the_same_road(client, home_page):
    # A password reset (allauth): sent after the request, recorded without its link.
    make_member("anna@boras.se")
    client.post("/accounts/password/reset/", {"email": "anna@boras.se"})
    [reset] = mail.outbox
    assert "/password/reset/key/" in reset.body
    record = OutgoingEmail.objects.get()
    assert record.status == OutgoingEmail.Status.SENT and record.recipients == ["anna@boras.se"]
    assert record.message == {}

    # A case sent to moderation (Wagtail's notice to editors), once the submission commits.
    editor = make_user("redaktor@samverkan.se")
    editor.groups.add(Group.objects.get(name="Editors"))
    author = make_member("lina@boras.se").user
    case = make_case(make_case_index(home_page), publish_revision=False, owner=author)
    with transaction.atomic():
        case.save_revision(user=author)
        case.get_workflow().start(case, author)
        assert len(mail.outbox) == 1
    notices = [message for message in mail.outbox if message.to == ["redaktor@samverkan.se"]]
    assert len(notices) == 1 and case.title in notices[0].subject


def test_old_records_are_forgotten_but_not_what_is_still_to_be_sent():
    queue(EmailMessage("Hej", "Text", to=["anna@boras.se"]), key="sent-long-ago")
    OutgoingEmail.objects.create(key="waiting", recipients=["lina@boras.se"])
    OutgoingEmail.objects.update(created_at=timezone.now() - timedelta(days=91))
    out = io.StringIO()

    call_command("prune_email", stdout=out)

    assert out.getvalue() == "1 email records deleted.\n"
    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == ["waiting"]


def test_a_title_with_a_line_break_still_reaches_the_member_on_one_subject_line(
    client, event, member
):
    # Imported and older titles may hold line breaks; a header with one fails the whole email.
    event.title = "Verkstad\ni tjänstedesign"
    event.save_revision().publish()

    client.post(f"/kalender/anmalan/{event.pk}/")

    (message,) = mail.outbox
    assert message.to == ["anna@boras.se"]
    assert "Verkstad i tjänstedesign" in message.subject
    assert "\n" not in message.subject
