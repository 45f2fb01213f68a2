"""Keep every event's calendar entry and the calendar version in step with what is live.

Publishing (by an editor, a scheduled publish, a revert, a copy kept live or the
importer) serialises the event (events/ical.py); unpublishing and deleting move the
calendar version, so every feed's validators change on every app server and process.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from network.models import Organisation

from . import (
    notifications,  # noqa: F401 (its receivers tell those registered of changes)
    occurrences,
)
from .ical import serialise
from .models import CalendarToken, CalendarVersion, EventPage, Registration
from .registration import fill_free_seats


@receiver(page_published)
def serialise_published_event(sender, instance, **kwargs):
    if issubclass(instance.specific_class or type(instance), EventPage):
        serialise(instance)
        occurrences.refresh(instance)
        # An editor may have added seats: the waiting list moves up at once.
        fill_free_seats(instance.pk)


@receiver(page_unpublished)
@receiver(post_delete, sender=EventPage)
def note_removed_event(sender, instance, **kwargs):
    if isinstance(instance, EventPage) or getattr(instance, "specific_class", None) is EventPage:
        occurrences.remove(instance.pk)
        CalendarVersion.bump()


def store_missing_occurrences(sender, **kwargs):
    """After migrate: events published before the occurrence rows existed get theirs."""
    occurrences.extend()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def note_privacy_change(sender, instance, **kwargs):
    """Wagtail's page privacy takes events out of the public feeds (they ask .public())."""
    CalendarVersion.bump()


@receiver(post_save, sender=Tag)
@receiver(post_save, sender=Organisation)
def note_renamed_tag_or_organisation(sender, instance, created, raw=False, **kwargs):
    """CATEGORIES, ORGANIZER and the feeds' names carry these names."""
    if created or raw:
        return
    events = EventPage.objects.live()
    events = events.filter(tags=instance) if sender is Tag else events.filter(organiser=instance)
    for event in events:
        serialise(event)
    CalendarVersion.bump()


@receiver(post_save, sender=Registration)
@receiver(post_delete, sender=Registration)
def note_registration_change(sender, instance, **kwargs):
    """The member's personal feed shows their registrations: its validator moves."""
    CalendarToken.touch(instance.user_id)


@receiver(post_delete, sender=Registration)
def free_the_seat(sender, instance, **kwargs):
    """A deleted account's seat goes to the first on the waiting list."""
    if instance.status == Registration.Status.CONFIRMED:
        fill_free_seats(instance.event_id)
