"""The calendar feeds: public (narrowed by tag or organisation), one event, and personal.

Validators come from the database (the calendar version, an event's entry, a
member's registrations), so every app server and process answers a conditional
request alike; Django's own conditional-response machinery answers it, weak and
strong ETags both, and a 304 carries the same Cache-Control as the 200.
"""

import datetime

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
)
from django.views.decorators.gzip import gzip_page

from network.conditional import conditional as shared_conditional
from network.models.visibility import can_see_members_only
from network.pages import page_for_site

from . import ical
from .filters import EventFilterSet
from .models import (
    CalendarEntry,
    CalendarToken,
    CalendarVersion,
    EventIndexPage,
    EventPage,
    Registration,
)

# The public feed's window: the last 90 days and a year ahead, a series counted once,
# and a byte budget under Google's ~1 MB limit however many events the site has.
DAYS_BACK = 90
DAYS_AHEAD = 365
BYTE_BUDGET = 950_000
CACHE_SECONDS = 900


def window(today=None):
    """The feed's window in whole local days, so that its content changes at midnight only."""
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()), tz)
    return (
        midnight - datetime.timedelta(days=DAYS_BACK),
        midnight,
        midnight + datetime.timedelta(days=DAYS_AHEAD),
    )


def conditional(request, etag, last_modified, private, build):
    return shared_conditional(
        request,
        etag,
        last_modified,
        build,
        content_type="text/calendar; charset=utf-8",
        private=private,
        max_age=CACHE_SECONDS,
    )


def feed_body(name, events, window_of_days):
    """The feed of these events within the window: coming events first (soonest first),
    then the past (latest first), until the byte budget is spent. Coming and past are
    split at the window's midnight, so the body changes only with the validators."""
    start, today, end = window_of_days
    entries = CalendarEntry.objects.filter(
        event__in=events.values("pk"), ends_at__gte=start, starts_at__lt=end
    )
    coming = entries.filter(ends_at__gte=today).order_by("starts_at", "event_id")
    past = entries.filter(ends_at__lt=today).order_by("-ends_at", "event_id")
    chosen, size = [], 0
    for part in (coming, past):
        for vevent in part.values_list("vevent", flat=True).iterator(chunk_size=500):
            size += len(vevent.encode())
            if size > BYTE_BUDGET:
                return ical.assemble(name, chosen)
            chosen.append(vevent)
    return ical.assemble(name, chosen)


def calendar_index(request):
    return page_for_site(request, EventIndexPage)


def feed_name(index, tag=None, organisation=None):
    return " – ".join(
        part for part in (index.title, tag and tag.name, organisation and organisation.name) if part
    )


@gzip_page
def public_feed(request):
    index = calendar_index(request)
    filters = EventFilterSet(
        request.GET, queryset=EventPage.objects.live().child_of(index).visible_to(None)
    )
    tag, organisation = filters.chosen_tag, filters.chosen_organisation
    name = feed_name(index, tag, organisation)
    version = CalendarVersion.current()
    days = window()
    last_modified = max(version.changed_at, days[1])
    etag = ical.etag(
        "public",
        not filters.errors,
        version.number,
        name,
        tag and tag.pk,
        organisation and organisation.pk,
        days[1].date(),
    )

    def build():
        return feed_body(name, filters.qs, days)

    return conditional(request, etag, last_modified, private=False, build=build)


@gzip_page
def event_ics(request, slug):
    index = calendar_index(request)
    event = get_object_or_404(
        EventPage.objects.live().child_of(index).select_related("calendar_entry"), slug=slug
    )
    if event.is_members_only and not can_see_members_only(request.user):
        raise Http404
    if event.get_view_restrictions():
        raise Http404  # behind Wagtail's privacy settings: not for calendar apps
    entry = getattr(event, "calendar_entry", None)
    if entry is None:
        raise Http404
    etag = ical.etag("event", entry.uid, entry.sequence, entry.fingerprint)
    response = conditional(
        request,
        etag,
        entry.changed_at,
        private=event.is_members_only,
        build=lambda: ical.assemble(event.title, [entry.vevent]),
    )
    if event.is_members_only:
        # Members-only content: stored by no cache, the browser's own included.
        add_never_cache_headers(response)
    if response.status_code == 200:
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


# Personal feeds: the address and its crypto are the token model's (CalendarToken).


@gzip_page
def personal_feed(request, token):
    record = CalendarToken.find(token)
    user = record.user if record else None
    if user is None or not user.is_active or not can_see_members_only(user):
        raise Http404
    index = calendar_index(request)
    name = " – ".join(part for part in (index.title, user.get_full_name()) if part)
    version = CalendarVersion.current()
    days = window()
    last_modified = max(version.changed_at, days[1], record.changed_at)
    etag = ical.etag("personal", user.pk, version.number, record.changed_at, name, days[1].date())

    def build():
        registered = Registration.objects.filter(
            user=user, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
        ).values("event_id")
        events = (
            EventPage.objects.live()
            .child_of(index)
            .filter(Q(pk__in=registered) | Q(visibility=EventPage.Visibility.MEMBERS))
        )
        return feed_body(name, events, days)

    return conditional(request, etag, last_modified, private=True, build=build)
