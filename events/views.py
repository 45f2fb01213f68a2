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

from . import occurrences
from .feeds import feed_name
from .filters import EventFilterSet
from .models import EventPage, Occurrence, Registration
from .registration import RegistrationClosed, cancel, register

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# The calendar list shows this many dates; the month view shows a whole month.
LISTED = 100
# How far ahead stored occurrence rows are always there (the horizon less its margin).
# (a week less, so that a few missed daily runs still cost nothing)
STORED_AHEAD = occurrences.HORIZON - occurrences.MARGIN - datetime.timedelta(days=7)


def filtered_events(request, index):
    """The events this person may see, narrowed by the calendar's filters."""
    filters = EventFilterSet(request.GET, queryset=index.events_for(request.user))
    selected = {"tag": filters.asked("tag"), "organisation": filters.asked("organisation")}
    return filters.qs.distinct(), selected, filters


def occurrences_between(events, start, end, now=None):
    """Every occurrence that overlaps [start, end), in order of start.

    Stored rows reach the horizon (events/occurrences.py); a month further ahead than
    that is expanded from the rules, which only someone paging far ahead ever asks for.
    """
    if end <= (now or timezone.now()) + STORED_AHEAD:
        return list(Occurrence.objects.of(events).between(start, end).for_lists())
    expanded = []
    overlapping = events.not_over(start).filter(calendar_entry__starts_at__lt=end)
    for event in overlapping.prefetch_related("excluded_dates", "added_dates", "overrides"):
        expanded += event.occurrences_between(start, end)
    return sorted(expanded, key=lambda occurrence: (occurrence.start, occurrence.event.pk))


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
        for occurrence in occurrences_between(events, first, last, now):
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
    upcoming = list(
        Occurrence.objects.of(events)
        .between(now, now + datetime.timedelta(days=366))
        .for_lists()[:LISTED]
    )
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
    past = events.over().select_related("organiser").order_by("-start")[:200]
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
    events = EventPage.objects.live().visible_to(request.user).filter(organiser=organisation)
    # Each event at its next date: a series that began long ago is still coming.
    coming = Occurrence.objects.of(events).next_of_each(20)
    if not coming:
        return None
    return "events/includes/organisation_events.html", {
        "occurrences": coming,
        "organisation": organisation,
        "feed_path": f"{reverse('calendar_feed')}?{urlencode({'organisation': organisation.slug})}",
    }
