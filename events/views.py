import calendar
import datetime
import itertools
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from taggit.models import Tag

from network.models import Organisation
from network.models.visibility import can_see_members_only

from .feeds import feed_name
from .filters import EventFilterSet
from .models import EventPage, Registration
from .registration import RegistrationClosed, cancel, register

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def filtered_events(request, index):
    """The events this person may see, narrowed by the calendar's filters."""
    filters = EventFilterSet(
        request.GET,
        # Occurrences read each event's excluded dates: fetched together, not per event.
        queryset=index.events_for(request.user)
        .select_related("organiser")
        .prefetch_related("excluded_dates", "added_dates", "overrides"),
    )
    selected = {"tag": filters.asked("tag"), "organisation": filters.asked("organisation")}
    return filters.qs.distinct(), selected, filters


def occurrences_between(events, start, end):
    """Every occurrence that overlaps [start, end), series expanded, in order of start."""
    result = []
    for event in events:
        result += event.occurrences_between(start, end)
    return sorted(result, key=lambda occurrence: (occurrence.start, occurrence.event.pk))


def days_of(occurrence, first, last):
    """The local days in [first, last) that an occurrence covers (a multi-day event each)."""
    day = occurrence.local_start.date()
    if occurrence.event.all_day:
        final = occurrence.local_end.date()
    else:
        final = (occurrence.local_end - datetime.timedelta(microseconds=1)).date()
    final = max(final, day)
    day = max(day, first)
    while day <= final and day < last:
        yield day
        day += datetime.timedelta(days=1)


def feed_for(index, filters):
    """The feed that follows what the visitor filtered on, named after it."""
    tag, organisation = filters.chosen_tag, filters.chosen_organisation
    query = urlencode(
        [
            (key, value.slug)
            for key, value in (("tag", tag), ("organisation", organisation))
            if value
        ]
    )
    return {
        "feed_path": reverse("calendar_feed") + (f"?{query}" if query else ""),
        # Named only when narrowed; the whole calendar is offered in general words.
        "feed_name": feed_name(index, tag, organisation) if query else "",
    }


def calendar_view(request, index):
    events, selected, filters = filtered_events(request, index)
    month_param = request.GET.get("month", "")
    context = {
        "page": index,
        "self": index,
        "selected": selected,
        "tags": Tag.objects.filter(events_eventpagetag_items__isnull=False)
        .distinct()
        .order_by("name"),
        "organisations": Organisation.objects.filter(events__isnull=False).distinct(),
    }
    context.update(feed_for(index, filters))
    now = timezone.now()
    if month_param:
        match = MONTH.match(month_param)
        if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 < int(match.group(1)) < 3000:
            context["month_error"] = _("Choose a month as YYYY-MM, for example 2026-12.")
            return TemplateResponse(request, "events/event_index_page.html", context, status=400)
        year, month = int(match.group(1)), int(match.group(2))
        tz = timezone.get_current_timezone()
        first = datetime.datetime(year, month, 1, tzinfo=tz)
        last = (first + datetime.timedelta(days=32)).replace(day=1)
        by_day = {}
        live = events.not_over(first).filter(calendar_entry__starts_at__lt=last)
        for occurrence in occurrences_between(live, first, last):
            for day in days_of(occurrence, first.date(), last.date()):
                by_day.setdefault(day, []).append(occurrence)
        weeks = [
            [(day, by_day.get(day, []), day.month == month) for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        previous = (first - datetime.timedelta(days=1)).strftime("%Y-%m")
        context.update(
            {
                "month": first,
                "weeks": weeks,
                "previous_month": previous,
                "next_month": last.strftime("%Y-%m"),
            }
        )
        return TemplateResponse(request, "events/event_month.html", context)
    upcoming = occurrences_between(events.not_over(now), now, now + datetime.timedelta(days=366))[
        :100
    ]
    context["months"] = [
        (month, list(items))
        for month, items in itertools.groupby(
            upcoming, key=lambda occurrence: occurrence.local_start.date().replace(day=1)
        )
    ]
    context["this_month"] = timezone.localdate().strftime("%Y-%m")
    return TemplateResponse(request, "events/event_index_page.html", context)


def archive_view(request, index):
    events, selected, _filters = filtered_events(request, index)
    past = events.over().order_by("-start")[:200]
    return TemplateResponse(
        request,
        "events/event_archive.html",
        {"page": index, "self": index, "events": past, "selected": selected},
    )


@require_POST
def registration_view(request, event_id):
    event = get_object_or_404(EventPage.objects.live(), pk=event_id)
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    if not can_see_members_only(request.user):
        raise Http404
    if request.POST.get("action") == "cancel":
        cancel(event, request.user)
        messages.success(request, _("Your registration is cancelled."))
        return redirect(event.url)
    try:
        registration = register(event, request.user)
    except RegistrationClosed:
        messages.error(request, _("Registration for this event is closed."))
        return redirect(event.url)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(
            request, _("You are registered. A confirmation is on its way to your inbox.")
        )
    else:
        messages.info(request, _("The event is full: you are on the waiting list."))
    return redirect(event.url)


def organisation_events(request, organisation):
    """The upcoming events section of an organisation's page, with its own feed."""
    events = (
        EventPage.objects.live()
        .visible_to(request.user)
        .not_over()
        .filter(organiser=organisation)
        .select_related("organiser")
        .prefetch_related("excluded_dates", "added_dates", "overrides")
    )
    # Each event at its next date: a series that began long ago is still coming.
    coming = sorted(
        (o for o in (event.next_occurrence() for event in events) if o),
        key=lambda o: (o.start, o.event.pk),
    )[:20]
    if not coming:
        return None
    return "events/includes/organisation_events.html", {
        "occurrences": coming,
        "organisation": organisation,
        "feed_path": f"{reverse('calendar_feed')}?{urlencode({'organisation': organisation.slug})}",
    }
