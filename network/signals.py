from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation

from . import mail
from .models import CaseReuse


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
