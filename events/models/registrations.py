"""Members' registrations for events; seats are counted from these, never stored on the page."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.people import organisation_name


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_member")
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return f"{self.user} – {self.event} ({self.status})"

    # What the participant list shows and exports of the member behind a registration.
    @property
    def member_name(self):
        return self.user.get_full_name() or self.user.email

    member_name.fget.short_description = _("Name")

    @property
    def member_email(self):
        return self.user.email

    member_email.fget.short_description = _("Email")

    @property
    def member_organisation(self):
        return organisation_name(self.user)

    member_organisation.fget.short_description = _("Organisation")
