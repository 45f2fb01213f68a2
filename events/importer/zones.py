"""The time zones a feed names: IANA names, Windows names and the file's own definitions."""

import zoneinfo

from django.utils import timezone
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from .. import recurrence


def clean_tzid(tzid):
    return str(tzid).strip().strip('"').strip()


class Zones:
    """The time zones one VCALENDAR's TZIDs name, resolved for that calendar alone.

    icalendar keeps one process-wide cache of zones it built from VTIMEZONEs, and the
    first definition of a TZID it ever read wins: another calendar (in the same file or
    any later feed) defining the same custom TZID differently would get the first one.
    So every TZID is resolved here: a name in the tz database as it is (Europe/Stockholm),
    else this calendar's own VTIMEZONE (Outlook's "W. Europe Standard Time", Thunderbird's
    /mozilla.org/20050126_1/Europe/Stockholm, a custom name), else the tz database's name
    for a Windows zone or a "globally unique" TZID, else the time is taken as local time.
    """

    def __init__(self, calendar):
        self.definitions = {}
        for component in calendar.walk("VTIMEZONE"):
            if "TZID" in component:
                self.definitions.setdefault(clean_tzid(component["TZID"]), component)
        self.found = {}

    def zone(self, tzid):
        tzid = clean_tzid(tzid)
        if tzid not in self.found:
            self.found[tzid] = self._find(tzid)
        return self.found[tzid]

    def _find(self, tzid):
        known = tz_database(tzid.strip("/"))
        if known is not None:
            return known
        definition = self.definitions.get(tzid)
        if definition is not None:
            try:
                return tzp.create_timezone(definition)
            except Exception:  # noqa: S110 - a broken definition: fall back on the name
                pass
        if tzid.strip("/") in WINDOWS_TO_OLSON:
            return tz_database(WINDOWS_TO_OLSON[tzid.strip("/")])
        parts = tzid.strip("/").split("/")
        for first in range(1, len(parts)):
            known = tz_database("/".join(parts[first:]))
            if known is not None:
                return known
        return None

    def moment(self, value, tzid=None):
        """A DATE-TIME value as an aware local time; a floating time is local time."""
        naive = value.replace(tzinfo=None)
        # Without a TZID: UTC (…Z), or no zone for a floating time.
        zone = self.zone(tzid) if tzid else value.tzinfo
        if zone is None:
            return recurrence.aware(naive)
        return timezone.localtime(naive.replace(tzinfo=zone))

    def zone_of(self, prop):
        """The zone a DATE-TIME property is written in (None: floating, local time)."""
        tzid = prop.params.get("TZID")
        if tzid:
            return self.zone(tzid)
        return getattr(prop.dt, "tzinfo", None)


def tz_database(name):
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except Exception:
        return None
