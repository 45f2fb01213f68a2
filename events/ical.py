"""iCalendar (RFC 5545 with RFC 7986) for the network's events.

Each event is serialised once, when it is published, and stored; feeds are put
together from the stored pieces, so a feed of thousands of events costs a
query and a join, and a conditional request costs one aggregate query.
"""

import datetime
import hashlib
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Event, Timezone, vText

TZID = "Europe/Stockholm"
PRODID = "-//Samverkan//Kalender//SV"
REFRESH = "PT4H"
CRLF = "\r\n"


def fold(line):
    """RFC 5545 folding: lines of at most 75 octets, continued with a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + CRLF
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return (CRLF + " ").join(parts) + CRLF


_vtimezone = None


def vtimezone():
    global _vtimezone
    if _vtimezone is None:
        component = Timezone.from_tzinfo(ZoneInfo(TZID), TZID)
        _vtimezone = component.to_ical().decode("utf-8")
    return _vtimezone


def calendar_header(name, description=""):
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{vText(name).to_ical().decode()}",
        f"X-WR-CALNAME:{vText(name).to_ical().decode()}",
        f"X-WR-TIMEZONE:{TZID}",
        # Real durations: icalendar 7.3 writes a bare timedelta wrongly here.
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
    ]
    if description:
        lines.append(f"X-WR-CALDESC:{vText(description).to_ical().decode()}")
    return "".join(fold(line) for line in lines) + vtimezone()


def assemble(name, vevents, description=""):
    return calendar_header(name, description) + "".join(vevents) + "END:VCALENDAR" + CRLF


def plain_description(event, url):
    text = strip_tags((event.description or "").replace("</p>", "\n\n")).strip()
    parts = [text] if text else []
    if event.online_url:
        parts.append(_("Meeting link: %(url)s") % {"url": event.online_url})
    parts.append(url)  # several clients ignore URL, so it is in the text too
    return "\n\n".join(parts)


def fingerprint(event):
    """What a subscriber must see change: time, place, status, repetition."""
    excluded = sorted(d.date.isoformat() for d in event.excluded_dates.all())
    parts = [
        event.start.isoformat(),
        event.end.isoformat(),
        str(event.all_day),
        event.place_name,
        event.address,
        event.online_url,
        event.status,
        event.title,
        event.repeat_frequency,
        str(event.repeat_interval),
        event.repeat_weekdays,
        str(event.repeat_until),
        str(event.repeat_count),
        ",".join(excluded),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def build_vevent(event, changed_at):
    """The event's VEVENT, written in the network's language whoever publishes it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _build_vevent(event, changed_at)


def _build_vevent(event, changed_at):
    url = event.get_full_url() or settings.SITE_URL
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", changed_at.astimezone(datetime.UTC))
    if event.all_day:
        vevent.add("dtstart", event.local_start.date())
        # DTEND is exclusive for dates: the day after the last day.
        vevent.add("dtend", event.local_end.date() + datetime.timedelta(days=1))
    else:
        vevent.add("dtstart", event.local_start)
        vevent.add("dtend", event.local_end)
    summary = event.title
    if event.is_cancelled:
        summary = f"INSTÄLLT: {summary}"
    vevent.add("summary", summary)
    vevent.add("description", plain_description(event, url))
    location = ", ".join(part for part in (event.place_name, event.address) if part)
    if not location and event.online_url:
        location = event.online_url
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    tags = [tag.name for tag in event.tags.all()]
    if tags:
        vevent.add("categories", tags)
    if event.organiser_email:
        name = event.organiser.name if event.organiser_id else settings.WAGTAIL_SITE_NAME
        vevent.add("organizer", f"mailto:{event.organiser_email}", parameters={"CN": name})
    if event.online_url:
        vevent.add(
            "conference",
            event.online_url,
            parameters={"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": _("Meeting link")},
        )
    vevent.add("last-modified", changed_at.astimezone(datetime.UTC))
    vevent.add("sequence", event.sequence)
    vevent.add(
        "status",
        {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}.get(event.status, "CONFIRMED"),
    )
    if event.is_recurring:
        add_repetition(vevent, event)
    return vevent.to_ical().decode("utf-8")


def add_repetition(vevent, event):
    rule = {"freq": event.repeat_frequency, "interval": max(event.repeat_interval, 1)}
    if event.repeat_weekdays and event.repeat_frequency == "WEEKLY":
        rule["byday"] = event.repeat_weekdays.split(",")
    if event.repeat_count:
        rule["count"] = event.repeat_count
    else:
        # UNTIL in UTC when DTSTART has a TZID: the last local start, converted.
        until = event.last_end - event.duration
        rule["until"] = until.astimezone(datetime.UTC)
    vevent.add("rrule", rule)
    excluded = [d.date for d in event.excluded_dates.all()]
    if excluded:
        start = event.local_start
        if event.all_day:
            values = sorted(excluded)
        else:
            # The same type and zone as DTSTART: local date-times at the start's time of day.
            tz = timezone.get_current_timezone()
            values = sorted(
                timezone.make_aware(datetime.datetime.combine(day, start.time()), tz)
                for day in excluded
            )
        vevent.add("exdate", values)


def etag_for(aggregate):
    raw = "|".join(str(aggregate.get(key)) for key in sorted(aggregate))
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def now():
    return timezone.now().replace(microsecond=0)
