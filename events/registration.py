"""Registering for events: never overbooked, also when requests arrive at the same moment."""

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import EventPage, Registration


class RegistrationClosed(Exception):
    pass


def register(event, user):
    """Take a seat if one is free, else the waiting list; returns the registration."""
    if not event.registration_open:
        raise RegistrationClosed
    with transaction.atomic():
        existing = Registration.objects.filter(event=event, user=user).first()
        if existing and existing.status != Registration.Status.CANCELLED:
            return existing
        status = Registration.Status.CONFIRMED
        if event.capacity:
            # One conditional UPDATE decides: only one request can take the last seat.
            took_seat = EventPage.objects.filter(pk=event.pk, seats_taken__lt=F("capacity")).update(
                seats_taken=F("seats_taken") + 1
            )
            if not took_seat:
                if not event.waiting_list:
                    raise RegistrationClosed
                status = Registration.Status.WAITING
        else:
            EventPage.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") + 1)
        try:
            if existing:
                existing.status = status
                existing.save(update_fields=["status", "updated_at"])
                return existing
            with transaction.atomic():
                return Registration.objects.create(event=event, user=user, status=status)
        except IntegrityError:
            # A double click racing itself: the first request's registration stands.
            if status == Registration.Status.CONFIRMED:
                EventPage.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") - 1)
            return Registration.objects.get(event=event, user=user)


def cancel(event, user):
    """Give up a seat; the first on the waiting list gets it. Returns who moved up, if anyone."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().filter(event=event, user=user).first()
        )
        if registration is None or registration.status == Registration.Status.CANCELLED:
            return None
        had_seat = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        if not had_seat:
            return None
        EventPage.objects.filter(pk=event.pk, seats_taken__gt=0).update(
            seats_taken=F("seats_taken") - 1
        )
        waiting = (
            Registration.objects.select_for_update(skip_locked=True)
            .filter(event=event, status=Registration.Status.WAITING)
            .order_by("created_at", "pk")
            .first()
        )
        if waiting is None:
            return None
        took_seat = EventPage.objects.filter(pk=event.pk, seats_taken__lt=F("capacity")).update(
            seats_taken=F("seats_taken") + 1
        )
        if not took_seat:
            return None
        waiting.status = Registration.Status.CONFIRMED
        waiting.save(update_fields=["status", "updated_at"])
        return waiting
