from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import audit
from .approval import decide
from .models import MemberProfile

MODERATE = "members.moderate_members"


@permission_required(MODERATE, raise_exception=True)
def member_queue(request):
    pending = (
        MemberProfile.objects.filter(status=MemberProfile.Status.PENDING)
        .select_related("user", "organisation")
        .order_by("created_at")
    )
    suspended = (
        MemberProfile.objects.filter(status=MemberProfile.Status.SUSPENDED)
        .select_related("user", "organisation")
        .order_by("-status_changed_at")[:50]
    )
    return TemplateResponse(
        request,
        "members/admin/queue.html",
        {"pending": pending, "suspended": suspended},
    )


DECISIONS = {
    "approve": MemberProfile.Status.APPROVED,
    "suspend": MemberProfile.Status.SUSPENDED,
}


@require_POST
def member_decision(request, pk, decision):
    if not request.user.has_perm(MODERATE):
        raise PermissionDenied
    if decision not in DECISIONS:
        raise Http404
    profile = get_object_or_404(MemberProfile.objects.select_related("user"), pk=pk)
    previous = profile.status
    # The decision and who made it (Wagtail's audit log: Reports → Site history, the
    # member's history) are stored together or not at all.
    with transaction.atomic():
        changed = decide(profile, DECISIONS[decision])
        if changed:
            audit.log_decision(profile, DECISIONS[decision], user=request.user, previous=previous)
    if changed:
        if decision == "approve":
            message = _("%(name)s is approved and has been told by email.")
        else:
            message = _("%(name)s is suspended and has been told by email.")
        messages.success(request, message % {"name": profile.name})
    return redirect("members_admin:queue")


@hooks.register("register_log_actions")
def register_member_log_actions(actions):
    audit.register_actions(actions)


# The admin's own password and email forms are off (settings): its account page links to
# allauth's, where changes are rate-limited and verified, and to two-factor authentication.
@hooks.register("register_account_menu_item")
def register_two_factor_menu_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("Authenticator app and recovery codes, required for the admin."),
    }


@hooks.register("register_account_menu_item")
def register_password_menu_item(request):
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("Change the password you log in with."),
    }


@hooks.register("register_account_menu_item")
def register_email_menu_item(request):
    return {
        "url": reverse("account_email"),
        "label": _("Email addresses"),
        "help_text": _("Add an address, verify it and choose the primary one."),
    }


@hooks.register("register_admin_urls")
def register_member_admin_urls():
    urls = [
        path("queue/", member_queue, name="queue"),
        path("<int:pk>/<slug:decision>/", member_decision, name="decide"),
    ]
    return [path("membership/", include((urls, "members_admin"), namespace="members_admin"))]


class MemberQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MODERATE)


@hooks.register("register_admin_menu_item")
def register_member_queue_menu_item():
    return MemberQueueMenuItem(
        gettext_lazy("Membership requests"),
        reverse("members_admin:queue"),
        icon_name="user",
        order=205,
    )


class MemberPermissionPolicy(ModelPermissionPolicy):
    """Profiles come with accounts (signup or single sign-on), never from the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


register_permission_policy(MemberProfile, MemberPermissionPolicy(MemberProfile))


class MemberProfileViewSet(SnippetViewSet):
    model = MemberProfile
    icon = "user"
    menu_label = gettext_lazy("Members")
    menu_order = 206
    add_to_admin_menu = True
    list_display = ["name", "email", "organisation_display", "status"]
    list_filter = ["status", "organisation", "is_idea_coach", "visibility", "county"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "title"]
    list_per_page = 50
    # Status changes go through the membership requests view, which emails the member.
    panels = [
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("organisation"), FieldPanel("organisation_name")],
            heading=gettext_lazy("Organisation"),
        ),
        FieldPanel("county"),
        FieldPanel("bio"),
        FieldPanel("expertise"),
        FieldPanel("phone"),
        FieldPanel("linkedin_url"),
        FieldPanel("website"),
        FieldPanel("is_idea_coach"),
        FieldPanel("languages"),
        FieldPanel("visibility"),
    ]

    def get_queryset(self, request):
        return MemberProfile.objects.select_related("user", "organisation")


register_snippet(MemberProfileViewSet)
