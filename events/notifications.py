"""Emails to those registered, written by tasks and sent by network.mail, never in a request.

Each carries the event's current VEVENT, so the attendee's calendar app can add or
update it (same UID, a higher SEQUENCE after a change). The tasks are enqueued in the
transaction that made the change (the database task backend stores them with it, or not
at all); each message is keyed by what it reports, so running a task twice sends nothing
twice.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from network import mail

from . import ical
from .models import CalendarEntry, EventPage, Registration


def _attach_event(message, event, entry):
    if entry and entry.vevent:
        message.attach(
            f"{event.slug}.ics", ical.assemble(event.title, [entry.vevent]), "text/calendar"
        )


@task()
def send_registration_confirmation(registration_id):
    registration = (
        Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    )
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return
    event = registration.event
    with translation.override(settings.LANGUAGE_CODE):
        context = {"registration": registration, "event": event, "url": event.get_full_url()}
        subject = render_to_string("events/email/registration_subject.txt", context).strip()
        body = render_to_string("events/email/registration.txt", context)
    message = EmailMessage(subject, body, to=[registration.user.email])
    _attach_event(message, event, CalendarEntry.objects.filter(event=event).first())
    # One message for each state the registration reaches (registered, moved up, registered
    # again after cancelling); the same state reported twice is sent once.
    stamp = registration.updated_at.isoformat()
    mail.queue(message, key=f"events.registration:{registration.pk}:{registration.status}:{stamp}")


@task()
def send_change_notice(event_id):
    """Tell everyone registered that the event was cancelled or its date, time or place moved."""
    event = EventPage.objects.live().filter(pk=event_id).first()
    if event is None:
        return
    registrations = Registration.objects.filter(
        event=event, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
    ).select_related("user")
    with translation.override(settings.LANGUAGE_CODE):
        context = {"event": event, "url": event.get_full_url(), "coming": event.next_occurrence()}
        subject = render_to_string("events/email/event_changed_subject.txt", context).strip()
        body = render_to_string("events/email/event_changed.txt", context)
    # One message for each version of the event a subscriber sees (its SEQUENCE).
    entry = CalendarEntry.objects.filter(event=event).first()
    version = entry.sequence if entry else 0
    for registration in registrations:
        message = EmailMessage(subject, body, to=[registration.user.email])
        _attach_event(message, event, entry)
        mail.queue(message, key=f"events.change:{event.pk}:{version}:{registration.pk}")


@receiver(ical.schedule_changed_signal)
def tell_registered_about_change(sender, event, **kwargs):
    send_change_notice.enqueue(event.pk)
