// Expands an iCalendar file the way ical.js (Thunderbird, Nextcloud) reads it.
//
//   node expand.mjs FILE.ics START END
//
// START and END are dates (YYYY-MM-DD) in Europe/Stockholm; an occurrence is printed when its
// start falls in [START, END). Output, on stdout, is a JSON list of
//   {uid, start, end, all_day, summary, status}
// sorted by start. Timed occurrences are placed in time through the zone the file gives them
// (its own VTIMEZONE, as ical.js reads it) and shown as the wall clock of a device in
// Europe/Stockholm, "YYYY-MM-DDTHH:MM"; floating times are shown as written. All-day (DATE)
// occurrences are "YYYY-MM-DD", the end exclusive as in the file. tests/events/interop.py
// produces the same form from vobject and recurring-ical-events.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const DISPLAY_ZONE = "Europe/Stockholm";
// A series is followed past the window by this much, for overrides moved into it.
const SLACK_DAYS = 2;
const MAX_OCCURRENCES = 100000;

function fail(message) {
  process.stderr.write(`expand.mjs: ${message}\n`);
  process.exit(2);
}

const [path, windowStart, windowEnd] = process.argv.slice(2);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
if (!path || !isoDate.test(windowStart ?? "") || !isoDate.test(windowEnd ?? "")) {
  fail("usage: node expand.mjs FILE.ics YYYY-MM-DD YYYY-MM-DD");
}

const wallClock = new Intl.DateTimeFormat("en-CA", {
  timeZone: DISPLAY_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function pad(n, width = 2) {
  return String(n).padStart(width, "0");
}

function show(time) {
  if (time.isDate) {
    return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
  }
  if (time.zone === ICAL.Timezone.localTimezone) {
    // Floating: the same wall clock wherever the reader is.
    return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}`;
  }
  // toUnixTime() goes through time.zone: the file's VTIMEZONE as ical.js read it.
  const parts = Object.fromEntries(
    wallClock.formatToParts(new Date(time.toUnixTime() * 1000)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

function shiftDate(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let root;
try {
  root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
} catch (error) {
  fail(`cannot parse ${path}: ${error.message}`);
}

// The file's own zone definitions, as a client registers them on import.
for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
  if (vtimezone.getFirstPropertyValue("tzid")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
}

// Masters and their overrides (RECURRENCE-ID), grouped by UID as a client stores them.
const masters = new Map();
const overrides = new Map();
for (const vevent of root.getAllSubcomponents("vevent")) {
  const uid = vevent.getFirstPropertyValue("uid") ?? "";
  const group = vevent.hasProperty("recurrence-id") ? overrides : masters;
  if (!group.has(uid)) group.set(uid, []);
  group.get(uid).push(vevent);
}

const occurrences = [];

function occurrence(uid, item, startDate, endDate) {
  const start = show(startDate);
  if (start < windowStart || start >= windowEnd) return;
  occurrences.push({
    uid,
    start,
    end: show(endDate),
    all_day: Boolean(startDate.isDate),
    summary: item.component.getFirstPropertyValue("summary") ?? "",
    status: String(item.component.getFirstPropertyValue("status") ?? "CONFIRMED").toUpperCase(),
  });
}

for (const [uid, components] of masters) {
  const exceptions = overrides.get(uid) ?? [];
  overrides.delete(uid);
  for (const component of components) {
    const event = new ICAL.Event(component, { exceptions, strictExceptions: true });
    // Follow the series until past the window and past every overridden occurrence.
    let bound = shiftDate(windowEnd, SLACK_DAYS);
    for (const exception of Object.values(event.exceptions)) {
      const rid = show(exception.recurrenceId);
      if (rid > bound) bound = rid;
    }
    const iterator = event.iterator();
    let count = 0;
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (show(next) > bound) break;
      if (++count > MAX_OCCURRENCES) fail(`${uid}: more than ${MAX_OCCURRENCES} occurrences`);
      const details = event.getOccurrenceDetails(next);
      occurrence(uid, details.item, details.startDate, details.endDate);
    }
  }
}

// Overrides without a master: a client shows them as they are.
for (const [uid, components] of overrides) {
  for (const component of components) {
    const event = new ICAL.Event(component);
    occurrence(uid, event, event.startDate, event.endDate);
  }
}

const key = (o) => [o.start, o.uid, o.end, o.summary, o.status].join("\u0000");
occurrences.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
process.stdout.write(`${JSON.stringify(occurrences, null, 1)}\n`);
