"""Profiles for new accounts, and approval when an address is verified (members/approval.py)."""

from allauth.account.signals import email_confirmed, user_signed_up
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from network.models import CaseContact, CasePage, ContentVersion
from network.models.versions import CASES

from . import audit
from .approval import approve_by_verified_domain
from .models import MemberProfile


def approve_and_log(user):
    """Approval by a registered domain, in the audit log with nobody as the decider."""
    if approve_by_verified_domain(user):
        profile = MemberProfile.objects.select_related("organisation").get(user=user)
        audit.log_decision(
            profile,
            MemberProfile.Status.APPROVED,
            previous=MemberProfile.Status.PENDING,
            organisation=profile.organisation,
        )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_member_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        MemberProfile.objects.get_or_create(user=instance)


@receiver(email_confirmed)
def approve_on_email_confirmed(sender, request, email_address, **kwargs):
    approve_and_log(email_address.user)


@receiver(user_signed_up)
def approve_on_single_sign_on(sender, request, user, **kwargs):
    # An identity provider's address arrives verified; the same rule applies.
    if kwargs.get("sociallogin") is not None:
        approve_and_log(user)


@receiver(post_save, sender=MemberProfile)
@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def note_changed_person(sender, instance, raw=False, update_fields=None, **kwargs):
    """Cases show their contacts by name and link: cached case pages are made again when
    a contact or a case's author changes, not for every member's edit."""
    if raw or (update_fields and set(update_fields) <= {"last_login", "password"}):
        return
    user_id = instance.user_id if sender is MemberProfile else instance.pk
    if (
        CaseContact.objects.filter(user_id=user_id).exists()
        or CasePage.objects.filter(submitted_by_id=user_id).exists()
    ):
        ContentVersion.bump(CASES)


@receiver(post_delete, sender=MemberProfile)
@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def note_removed_person(sender, instance, **kwargs):
    """A deleted account leaves the cases it was a contact of (rare: no need to ask which)."""
    ContentVersion.bump(CASES)
