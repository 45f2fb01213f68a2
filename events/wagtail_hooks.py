from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import widgets as wagtailadmin_widgets
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import RepetitionPreviewForm, preview_dates
from .models import EventIndexPage, EventPage, ExternalCalendar
from .participants import participant_viewset, participants_csv
from .tasks import import_external_calendar


def import_now(request, pk):
    """Import one external calendar soon: GET asks, POST queues the import for the worker.

    Fetching waits on another organisation's server, so it never runs in the request."""

    if not request.user.has_perm("events.change_externalcalendar"):
        raise PermissionDenied
    source = get_object_or_404(ExternalCalendar, pk=pk)
    if request.method == "POST":
        if not EventIndexPage.objects.live().exists():
            messages.error(request, _("There is no calendar page to import into."))
        else:
            transaction.on_commit(lambda: import_external_calendar.enqueue(source.pk))
            messages.success(
                request,
                _("%(name)s will be imported in a moment; its report then shows in this list.")
                % {"name": source.name},
            )
        return redirect("wagtailsnippets_events_externalcalendar:list")
    return TemplateResponse(request, "events/admin/import_confirm.html", {"source": source})


def repetition_preview(request):
    """The dates a repetition gives, for the event form while the editor types."""
    form = RepetitionPreviewForm(request.GET)
    context = {}
    if form.is_valid():
        data = form.cleaned_data
        start = data["start"]
        end = data.get("end") or start
        event = EventPage(
            start=start, end=max(end, start), all_day=data["all_day"], recurrence=data["recurrence"]
        )
        context = preview_dates(event)
    elif form.data.get("start"):
        context["errors"] = [error for errors in form.errors.values() for error in errors]
    return TemplateResponse(request, "events/admin/repetition_preview.html", context)


@hooks.register("register_admin_urls")
def register_participant_urls():
    return [
        path(
            "events/repetition-preview/",
            repetition_preview,
            name="event_repetition_preview",
        ),
        path(
            "events/<int:page_id>/participants.csv",
            participants_csv,
            name="event_participants_csv",
        ),
        path("events/calendars/<int:pk>/import/", import_now, name="external_calendar_import"),
    ]


class ExternalCalendarViewSet(SnippetViewSet):
    model = ExternalCalendar
    icon = "calendar"
    menu_label = gettext_lazy("External calendars")
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["name", "organisation", "active", "last_imported_at", "last_report"]
    list_filter = ["active", "organisation"]


register_snippet(ExternalCalendarViewSet)


@hooks.register("register_snippet_listing_buttons")
def import_button(snippet, user, next_url=None):
    if isinstance(snippet, ExternalCalendar) and user.has_perm("events.change_externalcalendar"):
        yield wagtailadmin_widgets.ListingButton(
            _("Import now"), reverse("external_calendar_import", args=[snippet.pk]), priority=10
        )


@hooks.register("register_admin_viewset")
def register_participant_viewset():
    return participant_viewset


@hooks.register("register_page_header_buttons")
def participant_list_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific, EventPage) and page.specific.registration_enabled:
        yield wagtailadmin_widgets.Button(
            _("Participants"),
            reverse("participants:index") + f"?event={page.pk}",
            icon_name="group",
            priority=59,
        )
        yield wagtailadmin_widgets.Button(
            _("Participants (CSV)"),
            reverse("event_participants_csv", args=[page.pk]),
            icon_name="download",
            priority=60,
        )
