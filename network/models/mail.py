"""What the site has emailed: one row per message, so that a retried or repeated task
never sends the same message twice (network/mail.py sends them)."""

from django.db import models


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"  # waiting for a worker, the first time or after a failed attempt
        SENDING = "sending"  # a worker has claimed it and is talking to the mail server
        SENT = "sent"
        FAILED = "failed"  # gave up after the last attempt; the log says why

    # Names the reason for the message (say "events.registration:12:confirmed:…"): the same
    # reason queued again finds its row and sends nothing more.
    key = models.CharField(max_length=255, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Kept for the record after sending; the body is not (it may hold a sign-in link).
    subject = models.TextField(blank=True)
    recipients = models.JSONField(default=list)
    # The whole message (network.mail.to_data), emptied once it has been sent.
    message = models.JSONField(default=dict)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="outgoing_email_status")]

    def __str__(self):
        return f"{self.key} ({self.status})"
