"""Approval by organisation: a verified address at a registered domain approves at once."""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed, user_signed_up
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from network.models import Organisation

from .models import MemberProfile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_member_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        MemberProfile.objects.get_or_create(user=instance)


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


@receiver(email_confirmed)
def approve_on_email_confirmed(sender, request, email_address, **kwargs):
    approve_by_verified_domain(email_address.user)


@receiver(user_signed_up)
def approve_on_single_sign_on(sender, request, user, **kwargs):
    # An identity provider's address arrives verified; the same rule applies.
    if kwargs.get("sociallogin") is not None:
        approve_by_verified_domain(user)
