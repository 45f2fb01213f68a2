"""Keep every event's calendar entry and the calendar version in step with what is live.

Publishing (by an editor, a scheduled publish, a revert, a copy kept live or the
importer) serialises the event; unpublishing and deleting move the calendar version,
so every feed's validators change on every app server and in every process.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from network.models import Organisation

from . import ical
from .models import CalendarEntry, CalendarToken, CalendarVersion, EventPage, Registration
from .models.feeds import later_than
from .notifications import tell_registered_about_change
from .registration import fill_free_seats


def serialise(event):
    """Store the event's VEVENTs; SEQUENCE grows when what subscribers see has changed.

    Returns True when a subscriber would see a difference.
    """
    event = (
        EventPage.objects.select_related("organiser")
        .prefetch_related("tags", "excluded_dates", "added_dates", "overrides")
        .get(pk=event.pk)
    )
    with transaction.atomic():
        entry = CalendarEntry.objects.select_for_update().filter(event=event).first()
        is_new = entry is None
        if is_new:
            entry = CalendarEntry(event=event, starts_at=event.start, ends_at=event.end)
        fingerprint = ical.content_fingerprint(event, entry.uid)
        schedule = ical.schedule_fingerprint(event)
        if not is_new and fingerprint == entry.fingerprint:
            return False
        schedule_changed = not is_new and entry.schedule_fingerprint not in ("", schedule)
        if not is_new and entry.fingerprint:
            entry.sequence += 1
        entry.changed_at = later_than(None if is_new else entry.changed_at)
        entry.fingerprint = fingerprint
        entry.schedule_fingerprint = schedule
        entry.vevent = ical.build(event, entry.uid, entry.sequence, entry.changed_at)
        entry.starts_at = event.schedule.first_start()
        entry.ends_at = event.last_end
        entry.save()
        CalendarVersion.bump()
    if schedule_changed:
        tell_registered_about_change(event.pk)
    return True


@receiver(page_published)
def serialise_published_event(sender, instance, **kwargs):
    if issubclass(instance.specific_class or type(instance), EventPage):
        serialise(instance)
        # An editor may have added seats: the waiting list moves up at once.
        fill_free_seats(instance.pk)


@receiver(page_unpublished)
@receiver(post_delete, sender=EventPage)
def note_removed_event(sender, instance, **kwargs):
    if isinstance(instance, EventPage) or getattr(instance, "specific_class", None) is EventPage:
        CalendarVersion.bump()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def note_privacy_change(sender, instance, **kwargs):
    """Wagtail's page privacy takes events out of the public feeds (they ask .public())."""
    CalendarVersion.bump()


@receiver(post_save, sender=Tag)
@receiver(post_save, sender=Organisation)
def note_renamed_tag_or_organisation(sender, instance, created, **kwargs):
    """CATEGORIES, ORGANIZER and the feeds' names carry these names."""
    if created:
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
