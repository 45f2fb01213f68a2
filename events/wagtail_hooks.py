import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import widgets as wagtailadmin_widgets

from .models import EventPage, Registration


def participants_csv(request, page_id):
    """The participant list of an event, for editors who may edit the event."""
    event = get_object_or_404(EventPage, pk=page_id)
    if not event.permissions_for_user(request.user).can_edit():
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deltagare-{event.slug}.csv"'
    response.write("\ufeff")  # Excel keeps å, ä and ö
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("Email"), _("Organisation"), _("Status"), _("Registered")])
    registrations = (
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("user__member_profile__organisation")
        .order_by("status", "created_at")
    )
    for registration in registrations:
        user = registration.user
        profile = getattr(user, "member_profile", None)
        writer.writerow(
            [
                user.get_full_name(),
                user.email,
                profile.organisation_display if profile else "",
                registration.get_status_display(),
                registration.created_at.strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response


@hooks.register("register_admin_urls")
def register_participant_urls():
    return [
        path(
            "events/<int:page_id>/participants.csv",
            participants_csv,
            name="event_participants_csv",
        )
    ]


@hooks.register("register_page_header_buttons")
def participant_list_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific, EventPage) and page.specific.registration_enabled:
        yield wagtailadmin_widgets.Button(
            _("Participants (CSV)"),
            reverse("event_participants_csv", args=[page.pk]),
            icon_name="download",
            priority=60,
        )
