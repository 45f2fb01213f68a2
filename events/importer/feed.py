"""Fetching and parsing a member organisation's iCal feed: whole or not at all."""

import urllib.request

from django.utils.translation import gettext as _
from icalendar import Calendar

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


def parse(text):
    """The feed's calendars (a file may hold several VCALENDARs one after the other).

    icalendar quietly drops a component that never ends, so a feed cut off in transfer
    would lose its last events (and withdraw them here): BEGIN and END must pair up.
    """
    if not components_pair_up(text):
        raise FeedError(_("The feed is incomplete or broken (BEGIN and END do not match)."))
    calendars = [c for c in Calendar.from_ical(text, multiple=True) if c.name == "VCALENDAR"]
    if not calendars:
        raise FeedError(_("The feed holds no calendar (VCALENDAR)."))
    return calendars


def components_pair_up(text):
    """Whether every BEGIN has its END, in order."""
    open_components = []
    for line in text.splitlines():
        if line[:1] in (" ", "\t"):
            continue  # a folded line's continuation
        name, _sep, value = line.partition(":")
        name, value = name.strip().upper(), value.strip().upper()
        if name == "BEGIN":
            open_components.append(value)
        elif name == "END" and (not open_components or open_components.pop() != value):
            return False
    return not open_components
