"""Approval: by organisation domain at once, or by a network admin's decision.

A verified address at a domain that an organisation has registered approves a
pending member at once; anyone else waits for a network admin, whose decisions
(approve, suspend) are each emailed to the member.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from network.models import Organisation

from .models import MemberProfile

DECISION_TEMPLATES = {
    MemberProfile.Status.APPROVED: "members/email/approved",
    MemberProfile.Status.SUSPENDED: "members/email/suspended",
}


def decide(profile, status):
    """Set the member's status and tell them; returns whether anything changed."""
    if profile.status == status:
        return False
    profile.set_status(status)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"profile": profile, "site_url": settings.SITE_URL}
        template = DECISION_TEMPLATES[status]
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, None, [profile.user.email])
    return True


def approve_by_verified_domain(user):
    """Approve a pending member whose verified address belongs to a registered organisation."""
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is None or profile.status != MemberProfile.Status.PENDING:
        return False
    for address in EmailAddress.objects.filter(user=user, verified=True).order_by("-primary"):
        organisation = Organisation.for_email(address.email)
        if organisation is not None:
            profile.set_status(MemberProfile.Status.APPROVED, organisation=organisation)
            return True
    return False
