"""Network admins' decisions on members, each emailed to the member."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

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
