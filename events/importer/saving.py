"""Writing drafts as event pages, only where something changed, and reporting in Swedish."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import (
    EventAddedDate,
    EventExcludedDate,
    EventPage,
    ExternalCalendar,
    ImportedEvent,
    OccurrenceOverride,
)
from .drafts import read_events
from .feed import decode, fetch, parse

# Skipped events named in the report; the count covers them all.
MAX_LISTED = 20


# Writing


def apply(event, draft, organiser):
    event.title = draft.title
    event.start = draft.start
    event.end = draft.end
    event.all_day = draft.all_day
    event.place_name = draft.place_name
    event.description = draft.description
    event.status = draft.status
    event.recurrence = draft.recurrence
    event.organiser = organiser
    event.excluded_dates = [EventExcludedDate(date=day) for day in draft.excluded]
    event.added_dates = [EventAddedDate(date=day, time=time) for day, time in draft.added]
    event.overrides = [OccurrenceOverride(**fields) for fields in draft.overrides]


def import_calendar(source, index, data=None):
    """Import one external calendar; returns the report, kept on the calendar's entry.

    The report's first line counts what happened; a line follows for each event
    that was skipped, with the reason. Reports and default titles are in the
    network's language and times in its time zone, whoever runs the import.
    """
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        return _import_calendar(source, index, data)


def _import_calendar(source, index, data):
    try:
        text = decode(data if data is not None else fetch(source.url))
        calendars = parse(text)
        drafts, keys, skipped, problems = read_events(calendars)
    except Exception as error:  # a broken or hostile feed: report it, change nothing
        return report(source, (_("Skipped: %(error)s") % {"error": error})[:500])
    created = updated = withdrawn = 0
    with transaction.atomic():
        records = {
            record.external_uid: record
            for record in ImportedEvent.objects.filter(source=source).select_related("event")
        }
        for draft in drafts:
            fingerprint = draft.fingerprint(source.organisation_id)
            record = records.get(draft.key)
            try:
                with transaction.atomic():
                    if record is None:
                        create(source, index, draft, fingerprint)
                        created += 1
                    elif record.fingerprint != fingerprint:
                        update(record, source, draft, fingerprint)
                        updated += 1
                    elif record.last_modified != draft.last_modified:
                        record.last_modified = draft.last_modified
                        record.save(update_fields=["last_modified"])
            except Exception as error:
                skipped.append(
                    (draft.title, _("it could not be saved: %(error)s") % {"error": error})
                )
        for key, record in records.items():
            if key not in keys and record.event.live:
                record.event.unpublish()
                record.fingerprint = ""  # published again as it is should it come back
                record.save(update_fields=["fingerprint"])
                withdrawn += 1
    lines = [
        _("%(created)s created, %(updated)s updated, %(withdrawn)s withdrawn, %(skipped)s skipped")
        % {"created": created, "updated": updated, "withdrawn": withdrawn, "skipped": len(skipped)}
    ]
    listed = [
        _("Skipped “%(title)s”: %(reason)s") % {"title": title, "reason": reason}
        for title, reason in skipped
    ] + [
        _("Skipped a changed date of “%(title)s”: %(reason)s") % {"title": title, "reason": reason}
        for title, reason in problems
    ]
    lines += listed[:MAX_LISTED]
    if len(listed) > MAX_LISTED:
        lines.append(_("… and %(count)s more") % {"count": len(listed) - MAX_LISTED})
    return report(source, "\n".join(lines), imported=True)


def create(source, index, draft, fingerprint):
    event = EventPage(slug=unique_slug(index, draft.title))
    apply(event, draft, source.organisation)
    index.add_child(instance=event)
    ImportedEvent.objects.create(
        event=event,
        source=source,
        external_uid=draft.key,
        fingerprint=fingerprint,
        last_modified=draft.last_modified,
    )
    event.save_revision().publish()


def update(record, source, draft, fingerprint):
    """Write the source's changes; publish them unless an editor took the event offline.

    An event the import itself withdrew (its fingerprint cleared) is published again.
    """
    event = EventPage.objects.get(pk=record.event_id)
    publish = event.live or not record.fingerprint
    apply(event, draft, source.organisation)
    revision = event.save_revision()
    if publish:
        revision.publish()
    record.fingerprint = fingerprint
    record.last_modified = draft.last_modified
    record.save(update_fields=["fingerprint", "last_modified"])


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
