"""The participant list: who is registered for an event, for the editors of that event.

Wagtail's own listing (filters, search, paging, CSV and XLSX export) over registrations.
Editors see the registrations of the events they may edit, and nothing else;
registrations are the members' own, so nothing is added, changed or deleted here.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from network.people import with_profiles
from network.spreadsheets import formula_safe

from .models import EventPage, Registration


def editable_events(user):
    """The events this person may edit, by Wagtail's page permissions."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return EventPage.objects.filter(pk__in=pages.values("pk"))


class ParticipantPermissionPolicy(BasePermissionPolicy):
    """Viewing is for those who may edit some page; which registrations, the listing decides."""

    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        return PagePermissionPolicy().user_has_permission(user, "change")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return PagePermissionPolicy().users_with_permission("change")


register_permission_policy(Registration, ParticipantPermissionPolicy(Registration))


class EventChooser(AdminPageChooser):
    """Wagtail's page chooser, showing a value that names no page (`?event=abc`, a number too
    big for the database) as no choice: Wagtail's own looks it up as an id and fails with a
    500 while rendering the filter form."""

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, OverflowError):
            return None


class ParticipantFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Event"),
        queryset=EventPage.objects.all(),
        widget=EventChooser(target_models=[EventPage]),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (Registration.Status.CONFIRMED, Registration.Status.CONFIRMED.label),
            (Registration.Status.WAITING, Registration.Status.WAITING.label),
        ],
    )

    class Meta:
        model = Registration
        fields = ["event", "status"]


class ParticipantIndexView(IndexView):
    any_permission_required = ["view"]
    page_title = _("Participants")

    def get_base_queryset(self):
        # Cancelled registrations are nobody's seat; they are not participants.
        registrations = (
            Registration.objects.filter(event__in=editable_events(self.request.user))
            .exclude(status=Registration.Status.CANCELLED)
            .select_related("event")
            .order_by("event__start", "status", "created_at")
        )
        return with_profiles(registrations)

    def get_filename(self):
        event = self.filters.form.cleaned_data.get("event") if self.filters else None
        return f"deltagare-{event.slug}" if event else "deltagare"

    custom_field_preprocess = {
        "created_at": {
            IndexView.FORMAT_CSV: lambda value: localtime(value).strftime("%Y-%m-%d %H:%M"),
            IndexView.FORMAT_XLSX: lambda value: localtime(value).replace(tzinfo=None),
        }
    }

    def preprocess_field_value(self, field, value, export_format):
        # Names and organisations are typed by members: no cell may become a formula.
        return formula_safe(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        yield "\ufeff".encode()  # so that Excel reads å, ä and ö
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        # One event's participants are a few hundred rows at most: sent whole, with a length.
        response = HttpResponse(
            b"".join(self.stream_csv(queryset)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response


class ParticipantViewSet(ModelViewSet):
    model = Registration
    name = "participants"
    url_prefix = "participants"
    icon = "group"
    menu_label = _("Participants")
    menu_order = 215
    add_to_admin_menu = True
    index_view_class = ParticipantIndexView
    filterset_class = ParticipantFilterSet
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    search_backend_name = None
    list_per_page = 100
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        Column("member_name", label=_("Name")),
        Column("member_organisation", label=_("Organisation")),
        Column("event", label=_("Event")),
        Column("get_status_display", label=_("Status")),
        DateColumn("created_at", label=_("Registered")),
    ]
    list_export = [
        "member_name",
        "member_email",
        "member_organisation",
        "event.title",
        "get_status_display",
        "created_at",
    ]
    export_headings = {
        "member_name": _("Name"),
        "member_email": _("Email"),
        "member_organisation": _("Organisation"),
        "event.title": _("Event"),
        "get_status_display": _("Status"),
        "created_at": _("Registered"),
    }

    def get_urlpatterns(self):
        # A list to read and download: registrations change only through the members' own forms.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


participant_viewset = ParticipantViewSet()


def participants_csv(request, page_id):
    """The participant list of one event as CSV: the listing's own export, filtered."""
    event = get_object_or_404(EventPage, pk=page_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    request.GET = QueryDict(mutable=True)
    request.GET.update({"event": str(event.pk), "export": "csv"})
    return participant_viewset.index_view(request)
