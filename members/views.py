from functools import wraps

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from taggit.models import Tag

from events.models import CalendarToken, EventPage, Registration
from network.models import CasePage, County, Organisation
from network.models.visibility import can_see_members_only
from network.paging import paginate

from .filters import DirectoryFilterSet
from .forms import DeleteAccountForm, ProfileForm
from .models import MemberProfile

MEMBERS_PER_PAGE = 20


def member_required(view):
    """Approved members only: visitors log in first, others see where their membership stands."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_see_members_only(request.user):
            return membership_status(request, status=403)
        return view(request, *args, **kwargs)

    return wrapper


@never_cache
def membership_status(request, status=200):
    """Where the signed-in person's membership stands, and what happens next."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    profile = request.user.member_profile
    verified = EmailAddress.objects.filter(user=request.user, verified=True).exists()
    return render(
        request,
        "members/status.html",
        {"profile": profile, "email_verified": verified, "page_title": _("Your membership")},
        status=status,
    )


def suspended(request):
    return render(request, "members/suspended.html", {"page_title": _("Membership suspended")})


@never_cache
@member_required
def directory(request):
    filters = DirectoryFilterSet(
        request.GET, queryset=MemberProfile.objects.approved().for_listing(), request=request
    )
    members_page = paginate(request, filters.qs, MEMBERS_PER_PAGE)
    return render(
        request,
        "members/directory.html",
        {
            "members_page": members_page,
            "query": filters.cleaned("q"),
            "coach": filters.cleaned("coach") == "1",
            "selected": {
                name: filters.asked(name) for name in ("organisation", "county", "expertise")
            },
            "organisations": Organisation.objects.filter(members__status="approved")
            .distinct()
            .only("name", "slug"),
            "counties": County.choices,
            "expertise_tags": Tag.objects.filter(members_memberexpertisetag_items__isnull=False)
            .distinct()
            .order_by("name"),
            "page_title": _("Members"),
        },
    )


# Never cached, a public profile included: a member may take it back at any time.
@never_cache
def profile(request, slug):
    profile = get_object_or_404(MemberProfile.objects.approved().for_listing(), slug=slug)
    is_member = can_see_members_only(request.user)
    is_owner = request.user.is_authenticated and request.user.pk == profile.user_id
    if not (is_member or is_owner or profile.visibility == MemberProfile.Visibility.PUBLIC):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404

    cases = (
        CasePage.objects.live()
        .visible_to(request.user)
        .filter(Q(submitted_by=profile.user) | Q(contacts__user=profile.user))
    )

    # Which events a person attends is for fellow members' eyes only.
    events = (
        EventPage.objects.live()
        .visible_to(request.user)
        .not_over()
        .filter(
            registrations__user=profile.user,
            registrations__status=Registration.Status.CONFIRMED,
        )
        .select_related("organiser")
        .order_by("start")
        if is_member
        else EventPage.objects.none()
    )
    return render(
        request,
        "members/profile.html",
        {
            "profile": profile,
            "events": events,
            "cases": CasePage.objects.filter(pk__in=cases.values("pk"))
            .select_related("coordinator")
            .order_by("-first_published_at"),
            # Contact details for approved members only: never for visitors.
            "show_contact": is_member,
            "is_owner": is_owner,
            "page_title": profile.name,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request):
    profile = request.user.member_profile
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("members:edit_profile")
        messages.error(request, _("Please correct the fields marked below."))
    else:
        form = ProfileForm(instance=profile)
    token = CalendarToken.address_for(request.user) if can_see_members_only(request.user) else None
    return render(
        request,
        "members/edit_profile.html",
        {
            "form": form,
            "profile": profile,
            "calendar_token": token,
            "page_title": _("My profile"),
        },
    )


@login_required
@require_http_methods(["POST"])
def new_calendar_address(request):
    """Issue a personal calendar address; any earlier one stops working."""
    if not can_see_members_only(request.user):
        return membership_status(request, status=403)
    CalendarToken.issue(request.user)
    messages.success(request, _("Your new calendar address is ready. The old one no longer works."))
    return redirect("members:edit_profile")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        with transaction.atomic():
            logout(request)
            # The person and their login go; what they gave the network stays, without them.
            user.delete()
        messages.success(request, _("Your account and profile have been deleted."))
        return redirect("/")
    return render(
        request,
        "members/delete_account.html",
        {"form": form, "page_title": _("Delete my account")},
    )


def organisation_members(request, organisation):
    """The members section of an organisation's page (network/organisation_views.py)."""
    members = MemberProfile.objects.approved().filter(organisation=organisation)
    if not can_see_members_only(request.user):
        members = members.filter(visibility=MemberProfile.Visibility.PUBLIC)
    members = members.for_listing()
    if not members:
        return None
    return "members/includes/organisation_members.html", {"members": members}


def profile_url(user):
    """Where the network links a person: their profile, once they are an approved member."""
    profile = getattr(user, "member_profile", None)
    if profile is None or profile.status != MemberProfile.Status.APPROVED:
        return None
    return reverse("members:profile", args=[profile.slug])


def organisation(user):
    profile = getattr(user, "member_profile", None)
    return profile.organisation if profile else None


def organisation_name(user):
    profile = getattr(user, "member_profile", None)
    return profile.organisation_display if profile else ""
