"""iCalendar (RFC 5545 with RFC 7986) for the network's events.

Each event is serialised once, when it is published, into its calendar entry; feeds
are put together from the stored pieces, so a feed of thousands of events costs a
query, and a conditional request costs the one query for the calendar version.
"""

import datetime
import hashlib
import re
from html.parser import HTMLParser

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Event, vRecur, vText
from wagtail.rich_text import expand_db_html

from . import recurrence
from .models import CalendarEntry, CalendarVersion, EventPage
from .models.feeds import later_than

TZID = "Europe/Stockholm"
PRODID = "-//Samverkan//Kalender//SV"
REFRESH = "PT4H"
CRLF = "\r\n"
CANCELLED_PREFIX = "INSTÄLLT: "

# Written with yearly rules, as Outlook, Google and Apple write it: ical.js and vobject
# read only the first value of a multi-valued RDATE, which put summers an hour off.
# Sweden has followed these EU rules since 1996.
VTIMEZONE = (
    CRLF.join(
        [
            "BEGIN:VTIMEZONE",
            f"TZID:{TZID}",
            f"X-LIC-LOCATION:{TZID}",
            "BEGIN:DAYLIGHT",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
    )
    + CRLF
)


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


def text_value(value):
    return vText(value).to_ical().decode()


def calendar_header(name, description=""):
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{text_value(name)}",
        f"X-WR-CALNAME:{text_value(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        # Real durations: icalendar 7.3 writes a bare timedelta wrongly here.
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
    ]
    if description:
        lines.append(f"X-WR-CALDESC:{text_value(description)}")
    return "".join(fold(line) for line in lines) + VTIMEZONE


CALENDAR_END = "END:VCALENDAR" + CRLF


def assemble(name, vevents, description=""):
    return calendar_header(name, description) + "".join(vevents) + CALENDAR_END


class PlainText(HTMLParser):
    """Rich text as a calendar app shows it: paragraphs and list items on their own
    lines, entities decoded, links written out."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.links = []
        self.lists = []

    def block_break(self):
        text = "".join(self.out).rstrip(" ")
        if text and not text.endswith("\n\n"):
            self.out = [text.rstrip("\n") + "\n\n"]

    def line_break(self):
        text = "".join(self.out).rstrip(" ")
        if text and not text.endswith("\n"):
            self.out = [text + "\n"]

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.block_break()
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li":
            self.line_break()
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            self.out.append(f"{kind[1]}. " if kind[0] == "ol" else "• ")
        elif tag == "br":
            self.out.append("\n")
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href = self.links.pop()
            if href and href.startswith(("http://", "https://", "mailto:")):
                shown = href.removeprefix("mailto:")
                if shown not in "".join(self.out)[-len(shown) - 1 :]:
                    self.out.append(f" ({shown})")
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.block_break()
        elif tag in self.BLOCKS:
            self.block_break()

    def handle_data(self, data):
        self.out.append(re.sub(r"\s+", " ", data))

    def text(self):
        lines = [line.strip() for line in "".join(self.out).split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def plain_text(html):
    parser = PlainText()
    parser.feed(expand_db_html(html or ""))
    parser.close()
    return parser.text()


def plain_description(event, url, note=""):
    parts = [note] if note else []
    text = plain_text(event.description)
    if text:
        parts.append(text)
    if event.online_url:
        parts.append(_("Meeting link: %(url)s") % {"url": event.online_url})
    parts.append(url)  # several clients ignore URL, so it is in the text too
    return "\n\n".join(parts)


def schedule_fingerprint(event):
    """Date, time, place and status: what those registered must be told about."""
    schedule = event.schedule
    parts = [
        event.start.isoformat(),
        event.end.isoformat(),
        str(event.all_day),
        event.recurrence,
        ",".join(str(d) for d in sorted(schedule.excluded)),
        ",".join(f"{a.date}{a.time}" for a in event.added_dates.all()),
        ",".join(
            f"{o.original_date}{o.cancelled}{o.start}{o.end}"
            for o in sorted(event.overrides.all(), key=lambda o: o.original_date)
        ),
        event.place_name,
        event.address,
        event.online_url,
        event.status,
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def build(event, uid, sequence, changed_at):
    """The event's VEVENTs (the series and its changed dates), in the network's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _build(event, uid, sequence, changed_at)


def content_fingerprint(event, uid):
    """A hash of what subscribers see: the VEVENTs without their stamps, and who may see them."""
    epoch = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    # Who may see it and who organises it decide which feeds hold it.
    text = build(event, uid, 0, epoch) + f"|{event.visibility}|{event.organiser_id}"
    return hashlib.sha256(text.encode()).hexdigest()


def location_of(event):
    location = ", ".join(part for part in (event.place_name, event.address) if part)
    return location or event.online_url


def _common(vevent, event, uid, sequence, changed_at, url):
    vevent.add("uid", uid)
    vevent.add("dtstamp", changed_at.astimezone(datetime.UTC))
    vevent.add("url", url)
    location = location_of(event)
    if location:
        vevent.add("location", location)
    tags = sorted(tag.name for tag in event.tags.all())
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
    vevent.add("sequence", sequence)


def _times(vevent, event, start, end):
    if event.all_day:
        vevent.add("dtstart", timezone.localtime(start).date())
        # DTEND is exclusive for dates: the day after the last day.
        vevent.add("dtend", timezone.localtime(end).date() + datetime.timedelta(days=1))
    else:
        local_start, local_end = timezone.localtime(start), timezone.localtime(end)
        vevent.add("dtstart", local_start)
        if local_end.date() == local_start.date():
            vevent.add("dtend", local_end)
        else:
            vevent.add("duration", nominal_duration(local_start, local_end))


def nominal_duration(local_start, local_end):
    """Whole calendar days, then exact time (RFC 5545 3.3.6): P2DT7H from Saturday 09:00 to
    Monday 16:00 across the October change. ical.js adds DTEND - DTSTART as exact hours to
    the start's wall clock, so an end given as DTEND would move an hour there."""
    naive_start = local_start.replace(tzinfo=None)
    days = (local_end.replace(tzinfo=None) - naive_start).days
    after_days = recurrence.aware(naive_start + datetime.timedelta(days=days))
    return datetime.timedelta(days=days) + (local_end - after_days)


def _status(cancelled, event):
    if cancelled:
        return "CANCELLED"
    return {"postponed": "TENTATIVE"}.get(event.status, "CONFIRMED")


def _build(event, uid, sequence, changed_at):
    url = event.get_full_url() or settings.SITE_URL
    master = Event()
    _common(master, event, uid, sequence, changed_at, url)
    _times(master, event, event.start, event.end)
    summary = event.title
    if event.is_cancelled:
        summary = CANCELLED_PREFIX + summary
    master.add("summary", summary)
    master.add("description", plain_description(event, url))
    master.add("status", _status(event.is_cancelled, event))
    components = [master]
    if event.is_recurring:
        add_repetition(master, event)
        components += overrides(event, uid, sequence, changed_at, url)
    return "".join(component.to_ical().decode("utf-8") for component in components)


def add_repetition(vevent, event):
    schedule = event.schedule
    vevent.add("rrule", vRecur.from_ical(event.recurrence))
    added = [
        datetime.datetime.combine(a.date, a.time or schedule.start.time())
        for a in event.added_dates.all()
    ]
    if added:
        vevent.add("rdate", [_naive_value(event, naive) for naive in sorted(added)])
    excluded = schedule.exdates()
    if excluded:
        vevent.add("exdate", [_naive_value(event, naive) for naive in excluded])


def _naive_value(event, naive):
    return naive.date() if event.all_day else recurrence.aware(naive)


def overrides(event, uid, sequence, changed_at, url):
    """RECURRENCE-ID VEVENTs for dates of the series that were moved, retimed or cancelled."""
    schedule = event.schedule
    result = []
    for override in sorted(event.overrides.all(), key=lambda o: o.original_date):
        for naive in schedule.starts_on(override.original_date):
            occurrence = schedule.occurrence(naive)
            vevent = Event()
            _common(vevent, event, uid, sequence, changed_at, url)
            vevent.add("recurrence-id", _naive_value(event, naive))
            _times(vevent, event, occurrence.start, occurrence.end)
            cancelled = occurrence.cancelled or event.is_cancelled
            summary = (CANCELLED_PREFIX if cancelled else "") + event.title
            vevent.add("summary", summary)
            vevent.add("description", plain_description(event, url, note=override.note))
            vevent.add("status", _status(cancelled, event))
            result.append(vevent)
    return result


def etag(*parts):
    raw = "|".join(str(part) for part in parts)
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


# Sent when a published change moves an event's date, time, place or status.
schedule_changed_signal = Signal()


def serialise(event):
    """Store the event's VEVENTs; SEQUENCE grows when what subscribers see has changed.

    Returns True when a subscriber would see a difference.
    """
    event = (
        EventPage.objects.select_related("organiser")
        .prefetch_related("tags", "excluded_dates", "added_dates", "overrides")
        .get(pk=event.pk)
    )
    with transaction.atomic():
        entry = CalendarEntry.objects.select_for_update().filter(event=event).first()
        is_new = entry is None
        if is_new:
            entry = CalendarEntry(event=event, starts_at=event.start, ends_at=event.end)
        fingerprint = content_fingerprint(event, entry.uid)
        schedule = schedule_fingerprint(event)
        if not is_new and fingerprint == entry.fingerprint:
            return False
        schedule_changed = not is_new and entry.schedule_fingerprint not in ("", schedule)
        if not is_new and entry.fingerprint:
            entry.sequence += 1
        entry.changed_at = later_than(None if is_new else entry.changed_at)
        entry.fingerprint = fingerprint
        entry.schedule_fingerprint = schedule
        entry.vevent = build(event, entry.uid, entry.sequence, entry.changed_at)
        entry.starts_at = event.schedule.first_start()
        entry.ends_at = event.last_end
        entry.save()
        CalendarVersion.bump()
    if schedule_changed:
        schedule_changed_signal.send(sender=EventPage, event=event)
    return True
