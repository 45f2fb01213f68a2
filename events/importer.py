"""Import member organisations' iCal feeds: create, update and withdraw by UID and LAST-MODIFIED.

A feed is taken whole or not at all: one that cannot be fetched, is too large,
or cannot be parsed is reported and skipped, and what was imported before stays.
Events made here (without a source) are never touched.
"""

import datetime
import urllib.request

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar

from .models import WEEKDAYS, EventExcludedDate, EventPage, ExternalCalendar

MAX_FEED_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 20


class FeedError(Exception):
    pass


def fetch(url):
    """The feed's bytes; refuses anything but http(s) and anything larger than the limit."""
    if not url.startswith(("https://", "http://")):
        raise FeedError(_("Only http and https addresses are imported: %(url)s") % {"url": url})
    request = urllib.request.Request(url, headers={"User-Agent": "Samverkan calendar import"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        data = response.read(MAX_FEED_BYTES + 1)
    return data


def decode(data):
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(
            _("The feed is larger than %(size)s MB.") % {"size": MAX_FEED_BYTES // (1024 * 1024)}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older municipal systems still send Latin-1; that is the only other we accept.
        text = data.decode("latin-1")
        if "BEGIN:VCALENDAR" not in text:
            raise FeedError(_("The feed is neither UTF-8 nor Latin-1 iCalendar.")) from None
        return text


def as_aware(value, all_day=False):
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            return timezone.make_aware(value)
        return value
    if isinstance(value, datetime.date):
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))
    raise ValueError("not a date")


def event_fields(vevent):
    start_value = vevent.decoded("DTSTART")
    all_day = not isinstance(start_value, datetime.datetime)
    start = as_aware(start_value)
    if "DTEND" in vevent:
        end = as_aware(vevent.decoded("DTEND"))
        if all_day:
            end -= datetime.timedelta(days=1)  # DTEND is exclusive for dates
    elif "DURATION" in vevent:
        end = start + vevent.decoded("DURATION")
    else:
        end = start
    if end < start:
        raise ValueError("ends before it starts")
    fields = repetition(vevent)
    description = str(vevent.get("DESCRIPTION", ""))[:5000]
    status = str(vevent.get("STATUS", "")).upper()
    return fields | {
        "title": str(vevent.get("SUMMARY", "")).strip()[:255] or _("Event"),
        "start": start,
        "end": end,
        "all_day": all_day,
        "place_name": str(vevent.get("LOCATION", ""))[:200],
        "description": "".join(
            f"<p>{escape(p)}</p>" for p in description.split("\n\n") if p.strip()
        ),
        "status": EventPage.Status.CANCELLED
        if status == "CANCELLED"
        else EventPage.Status.SCHEDULED,
    }


def repetition(vevent):
    """The source's RRULE and EXDATE, where our rules can hold them (daily, weekly, monthly)."""
    none = {
        "repeat_frequency": "",
        "repeat_interval": 1,
        "repeat_weekdays": "",
        "repeat_until": None,
        "repeat_count": None,
        "excluded": [],
    }
    rule = vevent.get("RRULE")
    if not rule:
        return none
    frequency = (rule.get("FREQ") or [""])[0].upper()
    if frequency not in {"DAILY", "WEEKLY", "MONTHLY"}:
        return none
    until = (rule.get("UNTIL") or [None])[0]
    if isinstance(until, datetime.datetime):
        until = timezone.localtime(as_aware(until)).date()
    weekdays = [day[-2:].upper() for day in rule.get("BYDAY", []) if frequency == "WEEKLY"]
    excluded = []
    for exdate in (
        vevent.get("EXDATE", [])
        if isinstance(vevent.get("EXDATE"), list)
        else [vevent.get("EXDATE")]
    ):
        for value in getattr(exdate, "dts", []):
            day = value.dt
            excluded.append(
                timezone.localtime(as_aware(day)).date()
                if isinstance(day, datetime.datetime)
                else day
            )
    return {
        "repeat_frequency": frequency,
        "repeat_interval": max(int((rule.get("INTERVAL") or [1])[0]), 1),
        "repeat_weekdays": ",".join(day for day in weekdays if day in WEEKDAYS),
        "repeat_until": until,
        "repeat_count": int(rule["COUNT"][0]) if rule.get("COUNT") and not until else None,
        "excluded": sorted(set(excluded)),
    }


def apply(event, fields):
    excluded = fields.pop("excluded", [])
    for name, value in fields.items():
        setattr(event, name, value)
    event.excluded_dates = [EventExcludedDate(date=day) for day in excluded]


def import_calendar(source, index, data=None):
    """Import one external calendar; returns a one-line report, kept on the calendar's entry.

    Reports and default titles are in the network's language, whoever runs the import.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _import_calendar(source, index, data)


def _import_calendar(source, index, data):
    try:
        text = decode(data if data is not None else fetch(source.url))
        calendar = Calendar.from_ical(text)
        vevents = calendar.walk("VEVENT")
    except Exception as error:  # a broken or hostile feed: report it, change nothing
        return report(source, (_("Skipped: %(error)s") % {"error": error})[:500])
    created = updated = withdrawn = skipped = 0
    seen = set()
    with transaction.atomic():
        existing = {e.external_uid: e for e in EventPage.objects.filter(source=source)}
        for vevent in vevents:
            uid = str(vevent.get("UID", "")).strip()[:255]
            if not uid or uid in seen:
                skipped += 1
                continue
            seen.add(uid)
            try:
                fields = event_fields(vevent)
                modified = (
                    as_aware(vevent.decoded("LAST-MODIFIED")) if "LAST-MODIFIED" in vevent else None
                )
            except Exception:
                skipped += 1
                continue
            event = existing.get(uid)
            if event is None:
                event = EventPage(
                    slug=unique_slug(index, fields["title"]),
                    source=source,
                    external_uid=uid,
                    external_last_modified=modified,
                    organiser=source.organisation,
                )
                apply(event, fields)
                index.add_child(instance=event)
                event.save_revision().publish()
                created += 1
                continue
            if (
                modified
                and event.external_last_modified
                and modified <= event.external_last_modified
                and event.live
            ):
                continue
            apply(event, fields)
            event.external_last_modified = modified
            event.save_revision().publish()
            updated += 1
        for uid, event in existing.items():
            if uid not in seen and event.live:
                event.unpublish()
                withdrawn += 1
    return report(
        source,
        _("%(created)s created, %(updated)s updated, %(withdrawn)s withdrawn, %(skipped)s skipped")
        % {"created": created, "updated": updated, "withdrawn": withdrawn, "skipped": skipped},
        imported=True,
    )


def unique_slug(index, title):
    base = slugify(title)[:70] or "evenemang"
    slug, n = base, 1
    while index.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def report(source, text, imported=False):
    source.last_report = text
    fields = ["last_report"]
    if imported:
        source.last_imported_at = timezone.now()
        fields.append("last_imported_at")
    ExternalCalendar.objects.filter(pk=source.pk).update(**{f: getattr(source, f) for f in fields})
    return text
