"""An organisation's page: the network's record, with what the apps above it add."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from .models import CasePage, CaseReuse, MembersOnlyMixin, Organisation
from .models.visibility import can_see_members_only
from .people import organisation_sections


def organisation(request, slug):
    """Its cases and what it reuses; events and members add their own sections."""
    organisation = get_object_or_404(Organisation, slug=slug)
    cases = (
        CasePage.objects.live()
        .visible_to(request.user)
        .filter(Q(coordinator=organisation) | Q(partners__organisation=organisation))
    )
    reuses = CaseReuse.objects.filter(organisation=organisation, case__live=True)
    if not can_see_members_only(request.user):
        reuses = reuses.filter(case__visibility=MembersOnlyMixin.Visibility.PUBLIC)
    return render(
        request,
        "network/organisation.html",
        {
            "organisation": organisation,
            "cases": CasePage.objects.filter(pk__in=cases.values("pk"))
            .select_related("coordinator")
            .order_by("-first_published_at"),
            "reuses": reuses.select_related("case").order_by("-adopted_on"),
            "sections": organisation_sections(request, organisation),
            "page_title": organisation.name,
        },
    )
