"""'Add to Google / Outlook' links for one event, right for all-day and repeating events."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from . import ical

GOOGLE = "https://calendar.google.com/calendar/render?"
OUTLOOK = "https://outlook.office.com/calendar/0/deeplink/compose?"
DETAILS_LENGTH = 1000  # links stay well below the length browsers and servers accept


def add_to_calendar_links(event, request):
    """{'ics', 'google', 'outlook'}; none for a cancelled event, which nobody should add."""
    if event.is_cancelled:
        return {}
    ics = reverse("calendar_event_ics", args=[event.slug])
    url = event.get_full_url(request)
    details = "\n\n".join(
        part for part in (ical.plain_text(event.description)[:DETAILS_LENGTH], url) if part
    )
    location = ical.location_of(event)
    start, end = event.local_start, event.local_end
    google = {"action": "TEMPLATE", "text": event.title, "details": details, "location": location}
    if event.all_day:
        last = end.date() + datetime.timedelta(days=1)  # Google's end date is exclusive
        google["dates"] = f"{start:%Y%m%d}/{last:%Y%m%d}"
    else:
        google["dates"] = f"{start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
        google["ctz"] = ical.TZID
    if event.is_recurring:
        google["recur"] = "RRULE:" + event.recurrence
        # Outlook's compose link cannot carry a repetition; its .ics import can.
        outlook = request.build_absolute_uri(ics)
    else:
        outlook_fields = {
            "subject": event.title,
            "body": details,
            "location": location,
            "path": "/calendar/action/compose",
            "rru": "addevent",
        }
        if event.all_day:
            outlook_fields |= {
                "allday": "true",
                "startdt": start.date().isoformat(),
                "enddt": (end.date() + datetime.timedelta(days=1)).isoformat(),
            }
        else:
            outlook_fields |= {
                "startdt": timezone.localtime(event.start).isoformat(),
                "enddt": timezone.localtime(event.end).isoformat(),
            }
        outlook = OUTLOOK + urlencode(outlook_fields)
    return {"ics": ics, "google": GOOGLE + urlencode(google), "outlook": outlook}
