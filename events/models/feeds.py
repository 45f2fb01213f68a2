"""What the calendar feeds are made of, kept outside the pages' revisions.

An event's calendar entry holds the parts of the feed contract that must never
go back when an editor publishes an older revision: the UID that never changes,
the SEQUENCE that only grows, the serialised VEVENT and when the event is over.
The calendar version moves on every change any feed must show, in the database,
so that every app server and process answers conditional requests alike.
"""

import datetime
import hashlib
import hmac
import re
import secrets
import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


def new_uid():
    return f"{uuid.uuid4()}@samverkan"


class CalendarEntry(models.Model):
    event = models.OneToOneField(
        "events.EventPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="calendar_entry",
    )
    uid = models.CharField(max_length=255, unique=True, default=new_uid)
    sequence = models.PositiveIntegerField(default=0)
    # What subscribers see, hashed: a new fingerprint means a new SEQUENCE.
    fingerprint = models.CharField(max_length=64, blank=True)
    # Date, time, place and status, hashed: a change here is news for those registered.
    schedule_fingerprint = models.CharField(max_length=64, blank=True)
    vevent = models.TextField(blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    starts_at = models.DateTimeField(db_index=True)
    # When the last occurrence ends (far in the future for an endless series).
    ends_at = models.DateTimeField(db_index=True)
    # How far ahead the event's occurrences are stored as rows (events/occurrences.py).
    occurrences_until = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "calendar entry"


class CalendarVersion(models.Model):
    """One row: a number and a time that move whenever any feed's content changes."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    @classmethod
    def current(cls):
        version, _ = cls.objects.get_or_create(pk=1)
        return version

    @classmethod
    def bump(cls):
        """Move on; at least a second later than before, as HTTP dates count in seconds."""
        with transaction.atomic():
            version = cls.objects.select_for_update().filter(pk=1).first() or cls(pk=1)
            version.number += 1
            version.changed_at = later_than(version.changed_at if version.number > 1 else None)
            version.save()


def later_than(previous):
    """Now, in whole seconds, but never at or before `previous`."""
    now = timezone.now().replace(microsecond=0)
    if previous is not None and now <= previous:
        return previous + datetime.timedelta(seconds=1)
    return now


class CalendarToken(models.Model):
    """A member's personal feed: the address holds a nonce and its HMAC under SECRET_KEY.

    Only the nonce is stored, so a copy of the database gives away no working feed;
    a new nonce revokes the old address. Rotating SECRET_KEY revokes every address.
    """

    ADDRESS = re.compile(r"^([A-Za-z0-9_-]{22})\.([0-9a-f]{32})$")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)
    # Moves whenever the member's registrations change: the personal feed's validator.
    changed_at = models.DateTimeField(default=timezone.now)

    @staticmethod
    def signature(nonce):
        key = f"samverkan.calendar-token:{settings.SECRET_KEY}".encode()
        return hmac.new(key, nonce.encode(), hashlib.sha256).hexdigest()[:32]

    @property
    def address(self):
        """The secret part of the feed's address: nonce.signature."""
        return f"{self.nonce}.{self.signature(self.nonce)}"

    @classmethod
    def issue(cls, user):
        """A new personal feed address for this member; the old one stops working."""
        token, _ = cls.objects.update_or_create(
            user=user,
            defaults={"nonce": secrets.token_urlsafe(16)},  # 128 random bits
        )
        return token.address

    @classmethod
    def address_for(cls, user):
        token = cls.objects.filter(user=user).first()
        return token.address if token else None

    @classmethod
    def find(cls, address):
        """The stored token (with its member) for a feed address, if the address is genuine."""
        match = cls.ADDRESS.match(address or "")
        if not match or not hmac.compare_digest(match.group(2), cls.signature(match.group(1))):
            return None
        return cls.objects.select_related("user").filter(nonce=match.group(1)).first()

    @classmethod
    def touch(cls, user_id):
        with transaction.atomic():
            token = cls.objects.select_for_update().filter(user_id=user_id).first()
            if token is not None:
                token.changed_at = later_than(token.changed_at)
                token.save(update_fields=["changed_at"])
