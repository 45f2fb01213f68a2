"""Registering for events: seats are counted from the registrations themselves.

Every change to an event's registrations happens under a row lock on the event
(on PostgreSQL; SQLite writes one transaction at a time), so double clicks,
cancel-and-register races and parallel requests for the last seat never give
more seats than there are, and a freed seat always goes to the first waiting.
Nothing here lives in the page's revisioned fields, so no publish can undo it.
Emails are enqueued inside the same transaction: a database task backend stores
them with the registration, or not at all.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import EventPage, Registration
from .notifications import send_registration_confirmation


class RegistrationClosed(Exception):
    pass


def seats_taken(event):
    """Counted afresh under the lock (the page's cached count may be stale)."""
    return Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()


def _lock(event_id):
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def register(event, user):
    """Take a seat if one is free, else the waiting list; returns the registration."""
    if not event.registration_open:
        raise RegistrationClosed
    try:
        with transaction.atomic():
            event = _lock(event.pk)
            existing = Registration.objects.filter(event=event, user=user).first()
            if existing and existing.status != Registration.Status.CANCELLED:
                return existing
            status = Registration.Status.CONFIRMED
            if event.capacity and seats_taken(event) >= event.capacity:
                if not event.waiting_list:
                    raise RegistrationClosed
                status = Registration.Status.WAITING
            if existing:
                # Registering again queues at the end, like anyone registering now.
                existing.status = status
                existing.created_at = timezone.now()
                existing.save(update_fields=["status", "created_at", "updated_at"])
                registration = existing
            else:
                registration = Registration.objects.create(event=event, user=user, status=status)
    except IntegrityError:
        # A double click racing itself where the database has no row locks: the first stands.
        return Registration.objects.get(event=event, user=user)
    send_registration_confirmation.enqueue(registration.pk)
    return registration


def cancel(event, user):
    """Give up a seat or a place in the queue; returns the registration that moved up, if any."""
    with transaction.atomic():
        _lock(event.pk)
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration is None or registration.status == Registration.Status.CANCELLED:
            return None
        had_seat = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        moved_up = fill_free_seats(event.pk) if had_seat else []
        return moved_up[0] if moved_up else None


def fill_free_seats(event_id):
    """Give every free seat to the first on the waiting list; returns who moved up."""
    with transaction.atomic():
        event = _lock(event_id)
        waiting = Registration.objects.filter(
            event_id=event_id, status=Registration.Status.WAITING
        ).order_by("created_at", "pk")
        if event.capacity:
            free = event.capacity - seats_taken(event)
            if free <= 0:
                return []
            waiting = waiting[:free]
        moved_up = list(waiting)
        for registration in moved_up:
            registration.status = Registration.Status.CONFIRMED
            registration.save(update_fields=["status", "updated_at"])
            send_registration_confirmation.enqueue(registration.pk)
        return moved_up
