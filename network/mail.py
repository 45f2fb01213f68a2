"""Every email leaves through one background task, and only once what caused it is committed.

- `queue(message, key)` records the message (network.OutgoingEmail) in the caller's
  transaction and, once that commits, enqueues `deliver`. The key names the reason for
  the message; queueing the same key again sends nothing more.
- `QueuedEmailBackend` is EMAIL_BACKEND, so that what Django, allauth and Wagtail send
  (address confirmations, password resets, moderation notices) takes the same road.
- `deliver` is the task: it claims the row, sends it through EMAIL_DELIVERY_BACKEND (SMTP
  in production) and marks it sent. A failure (the mail server down, refusing or silent)
  is tried again later (EMAIL_RETRY_DELAYS), a bounded number of times; a duplicated
  task finds the row claimed or sent and does nothing.

So a slow or broken mail server never slows or breaks a page: the request only writes
rows, and a worker process (manage.py db_worker) talks to the mail server.
"""

import base64
import logging
import uuid
from datetime import timedelta
from email import message_from_bytes
from email.message import Message
from email.mime.base import MIMEBase
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

QUEUED_BACKEND = "network.mail.QueuedEmailBackend"
# Seconds before each further attempt (EMAIL_RETRY_DELAYS): a mail server down for
# maintenance gets most of a day; after the last, the message is given up on and logged.
RETRY_DELAYS = [30, 120, 600, 1800, 3600, 4 * 3600, 12 * 3600]
Status = OutgoingEmail.Status


def retry_delays():
    return list(getattr(settings, "EMAIL_RETRY_DELAYS", None) or RETRY_DELAYS)


def max_attempts():
    return len(retry_delays()) + 1


# A message as JSON and back


class _MIMEPart(MIMEBase):
    """A MIME attachment read back from its bytes (MIMEBase itself wants a type to start)."""

    def __init__(self):
        Message.__init__(self)


def _attachment_data(attachment):
    if isinstance(attachment, MIMEBase):
        return {"mime": base64.b64encode(attachment.as_bytes()).decode("ascii")}
    filename, content, mimetype = attachment
    if isinstance(content, bytes):
        return {
            "filename": filename,
            "base64": base64.b64encode(content).decode("ascii"),
            "mimetype": mimetype,
        }
    return {"filename": filename, "text": str(content), "mimetype": mimetype}


def to_data(message):
    headers = {str(name): str(value) for name, value in message.extra_headers.items()}
    if not any(name.lower() == "message-id" for name in headers):
        # The same Message-ID on every attempt: should a mail server take a message and the
        # worker die before noting it, mail programs still see one message, not two.
        headers["Message-ID"] = make_msgid(domain=DNS_NAME)
    return {
        # One line, whatever a title held: a line break in a header fails the whole message.
        "subject": " ".join(str(message.subject).split()),
        "body": str(message.body),
        "content_subtype": message.content_subtype,
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": headers,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment_data(attachment) for attachment in message.attachments],
    }


def from_data(data, connection=None):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=data["alternatives"],
        connection=connection,
    )
    message.content_subtype = data["content_subtype"]
    for item in data["attachments"]:
        if "mime" in item:
            message.attach(message_from_bytes(base64.b64decode(item["mime"]), _class=_MIMEPart))
        elif "base64" in item:
            message.attach(item["filename"], base64.b64decode(item["base64"]), item["mimetype"])
        else:
            message.attach(item["filename"], item["text"], item["mimetype"])
    return message


# Queueing


def queue(message, key=None):
    """Record the message and have a worker send it once the transaction commits.

    Returns False when a message with this key was queued before (and sends nothing).
    """
    key = key or f"message:{uuid.uuid4().hex}"
    data = to_data(message)
    _email, created = OutgoingEmail.objects.get_or_create(
        key=key,
        defaults={"subject": data["subject"], "recipients": message.recipients(), "message": data},
    )
    if created:
        # After the commit: a rolled-back transaction sends nothing, and the worker finds the
        # row. robust: a failure to enqueue is logged, never turned into an error page.
        transaction.on_commit(partial(deliver.enqueue, key), robust=True)
    return created


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND: every message Django sends is queued for `deliver`."""

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if message.recipients():
                queue(message)
                count += 1
        return count


# Delivering


def delivery_backend():
    backend = getattr(settings, "EMAIL_DELIVERY_BACKEND", "") or settings.EMAIL_BACKEND
    if backend == QUEUED_BACKEND:
        return "django.core.mail.backends.smtp.EmailBackend"
    return backend


def _claim(key):
    """Take the message for this worker; False when it is sent, given up or taken already."""
    claimed = OutgoingEmail.objects.filter(key=key, status=Status.QUEUED).update(
        status=Status.SENDING, attempts=F("attempts") + 1
    )
    return claimed == 1


def _try_again(email, error):
    delays = retry_delays()
    if email.attempts > len(delays):
        email.status = Status.FAILED
        email.last_error = repr(error)
        email.save(update_fields=["status", "last_error"])
        logger.error(
            "Email %s to %s not sent after %d attempts, giving up: %r",
            email.key,
            ", ".join(email.recipients),
            email.attempts,
            error,
        )
        return
    email.status = Status.QUEUED
    email.last_error = repr(error)
    email.save(update_fields=["status", "last_error"])
    delay = delays[email.attempts - 1]
    logger.warning(
        "Email %s not sent (attempt %d of %d), trying again in %d s: %r",
        email.key,
        email.attempts,
        len(delays) + 1,
        delay,
        error,
    )
    retry = deliver
    if retry.get_backend().supports_defer:
        retry = deliver.using(run_after=timezone.now() + timedelta(seconds=delay))
    # The immediate backend (development, tests) cannot wait: it tries again at once.
    retry.enqueue(email.key)


@task()
def deliver(key):
    """Send one recorded message, once; returns whether this run sent it."""
    if not _claim(key):
        return False
    email = OutgoingEmail.objects.get(key=key)
    try:
        with get_connection(delivery_backend()) as connection:
            from_data(email.message, connection=connection).send()
    except Exception as error:  # SMTP errors, refused or timed-out connections: try later
        _try_again(email, error)
        return False
    email.status = Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    # What was sent stays on record; the text goes (it may hold a sign-in or reset link).
    email.message = {}
    email.save(update_fields=["status", "sent_at", "last_error", "message"])
    return True
