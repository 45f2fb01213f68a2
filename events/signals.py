"""Serialise an event whenever it is published; remember when one leaves the feeds."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from . import ical
from .models import EventPage

REMOVED_AT_KEY = "events:feed-removed-at"


def serialise(event):
    """Store the event's VEVENT; SEQUENCE grows when what subscribers see has changed."""
    event = EventPage.objects.get(pk=event.pk)  # the published state, with its relations
    current = ical.fingerprint(event)
    sequence = event.sequence
    if event.ical_fingerprint and event.ical_fingerprint != current:
        sequence += 1
    event.sequence = sequence
    changed_at = ical.now()
    vevent = ical.build_vevent(event, changed_at)
    EventPage.objects.filter(pk=event.pk).update(
        sequence=sequence,
        ical_fingerprint=current,
        ical_vevent=vevent,
        ical_changed_at=changed_at,
        last_end_at=event.last_end,
    )


@receiver(page_published)
def serialise_published_event(sender, instance, **kwargs):
    if isinstance(instance.specific, EventPage):
        serialise(instance.specific)


@receiver(page_unpublished)
@receiver(post_delete, sender=EventPage)
def note_removed_event(sender, instance, **kwargs):
    if isinstance(instance, EventPage) or getattr(instance, "specific_class", None) is EventPage:
        cache.set(REMOVED_AT_KEY, ical.now(), None)
