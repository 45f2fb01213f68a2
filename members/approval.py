"""Approval: by organisation domain at once, or by a network admin's decision.

A verified address at a domain that an organisation has registered approves a
pending member at once; anyone else waits for a network admin, whose decisions
(approve, suspend) are each emailed to the member.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from network import mail
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
    # The email leaves (from a worker) only once the decision is committed.
    with transaction.atomic():
        profile.set_status(status)
        with translation.override(settings.LANGUAGE_CODE):
            context = {"profile": profile, "site_url": settings.SITE_URL}
            template = DECISION_TEMPLATES[status]
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}.txt", context)
        key = f"members.decision:{profile.pk}:{status}:{profile.status_changed_at.isoformat()}"
        mail.queue(EmailMessage(subject, body, to=[profile.user.email]), key=key)
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
