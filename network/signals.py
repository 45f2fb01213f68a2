from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation
from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import mail
from .models import CaseMethod, CasePage, CaseReuse, ContentVersion, Organisation
from .models.versions import CASES
from .models.visibility import forget_restricted_sections


@receiver(post_save, sender=CaseReuse)
def tell_the_case_contacts_about_a_reuse(sender, instance, created, raw=False, **kwargs):
    """The original contacts hear that their work is copied: the network's reward for sharing."""
    if not created or raw:
        return
    case = instance.case
    recipients = {contact.user.email for contact in case.contacts.select_related("user")}
    if case.submitted_by_id:
        recipients.add(case.submitted_by.email)
    recipients.discard("")
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"reuse": instance, "case": case, "site_url": settings.SITE_URL}
        subject = render_to_string("network/email/reuse_subject.txt", context).strip()
        body = render_to_string("network/email/reuse.txt", context)
    # Sent by a worker once the reuse is committed, and only once for it.
    mail.queue(
        EmailMessage(subject, body, to=sorted(recipients)), key=f"network.reuse:{instance.pk}"
    )


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_delete, sender=CasePage)
def note_changed_case(sender, instance, **kwargs):
    """The open data lists every public case: its validators move with any of them."""
    if issubclass(instance.specific_class or type(instance), CasePage):
        ContentVersion.bump(CASES)


@receiver(post_save, sender=CaseReuse)
@receiver(post_delete, sender=CaseReuse)
@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
@receiver(post_save, sender=CaseMethod)
@receiver(post_delete, sender=CaseMethod)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def note_changed_case_detail(sender, instance, raw=False, **kwargs):
    """Reuses, names and privacy show in every case's row of the open data."""
    if not raw:
        ContentVersion.bump(CASES)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_page_move)
def note_changed_privacy(sender, **kwargs):
    """A private section added, removed or moved: lists decide visibility anew."""
    forget_restricted_sections()
