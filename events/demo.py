"""Demo events for seed_demo, dated relative to today so the demo never goes stale.

The records are in events/fixtures/demo/events.json: each event's day is a number of days
from today, its times are clock times; "repeats": "monthly" makes the network's monthly
meeting (first_weekday_rule).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from network.demo_builder import fixture, picture, publish_child

from .models import EventIndexPage, EventPage, Registration


def at(days, clock):
    """Today plus `days`, at a clock time ("09:00"), in the site's time zone."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(clock)))


def first_weekday_rule(start):
    """Monthly on the start's weekday in the same week of the month, for a year."""
    local = timezone.localtime(start)
    weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][local.weekday()]
    ordinal = (local.day - 1) // 7 + 1
    if ordinal > 4:
        ordinal = -1
    until = (local + datetime.timedelta(days=365)).astimezone(datetime.UTC)
    return f"FREQ=MONTHLY;BYDAY={ordinal}{weekday};UNTIL={until:%Y%m%dT%H%M%SZ}"


def event_fields(record, organisations):
    """An event record's days, times and organiser as the page's fields."""
    fields = dict(record)
    fields.pop("registrations", None)
    days = fields.pop("in_days")
    fields["start"] = at(days, fields.pop("starts"))
    fields["end"] = at(days, fields.pop("ends"))
    if fields.pop("repeats", None) == "monthly":
        # The same weekday of each month, as the network's meetings are planned.
        fields["recurrence"] = first_weekday_rule(fields["start"])
    fields["organiser"] = organisations[fields["organiser"]]
    fields["image"] = lambda: picture(record["title"], record["slug"])
    return fields


def seed_events(home, organisations):
    data = fixture("events", "events")
    index = publish_child(home, EventIndexPage, **data["index"])
    users = get_user_model().objects
    for record in data["events"]:
        event = publish_child(index, EventPage, **event_fields(record, organisations))
        # Seats taken and places on the waiting list, without sending anyone email.
        for registration in record.get("registrations", []):
            Registration.objects.get_or_create(
                event=event,
                user=users.get(email=registration["user"]),
                defaults={"status": registration["status"]},
            )
    return index
