"""10,000 events: the public feed's size (plain and gzip), cold and warm serve times, a 304,
and the ratio to icalendar serialising the same events from scratch.

Runs on its own SQLite database (bench/run.py sets it up), so the figures are
comparable between machines of one kind and never touch the demo data.
"""

import datetime
import statistics
import time

EVENTS = 10_000


def build_calendar():
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from events.models import EventIndexPage, EventPage
    from home.models import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Bench", slug="bench", hero_title="Bench"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    index = home.add_child(instance=EventIndexPage(title="Kalender", slug="kalender"))
    content_type = ContentType.objects.get_for_model(EventPage)
    locale = Locale.get_default()
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    from django.db import transaction

    pages = Page.objects.bulk_create(
        [
            Page(
                title=f"Nätverksträff {n} – tjänstedesign i välfärden",
                draft_title=f"Nätverksträff {n}",
                slug=f"e{n}",
                url_path=f"{index.url_path}e{n}/",
                path=EventIndexPage._get_path(index.path, index.depth + 1, n + 1),
                depth=index.depth + 1,
                numchild=0,
                live=True,
                content_type=content_type,
                locale=locale,
            )
            for n in range(EVENTS)
        ],
        batch_size=500,
    )
    # Multi-table inheritance: the event rows go in one by one, without their parent rows.
    with transaction.atomic():
        for n, page in enumerate(
            Page.objects.filter(pk__in=[p.pk for p in pages]).order_by("path")
        ):
            begins = start + datetime.timedelta(hours=7 * n)
            event = EventPage(
                page_ptr_id=page.pk,
                start=begins,
                end=begins + datetime.timedelta(hours=2),
                place_name="Stadshuset",
                address="Storgatan 1, Borås",
                description="<p>Erfarenhetsutbyte om vad kommunerna har prövat och lärt sig.</p>",
                # Every tenth a weekly series for a year, as network meetings are.
                recurrence="FREQ=WEEKLY;COUNT=52" if n % 10 == 0 else "",
            )
            event.__dict__.update({k: v for k, v in page.__dict__.items() if not k.startswith("_")})
            event.save_base(raw=True)
    Page.objects.filter(pk=index.pk).update(numchild=EVENTS)
    return index


def main():
    import gzip

    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from events import ical
    from events.models import CalendarEntry, EventPage

    call_command("migrate", verbosity=0)
    build_calendar()
    events = list(
        EventPage.objects.prefetch_related(
            "tags", "excluded_dates", "added_dates", "overrides"
        ).select_related("organiser")
    )

    # What every request would cost without stored VEVENTs: icalendar on every event.
    started = time.perf_counter()
    changed_at = timezone.now().replace(microsecond=0)
    entries = [
        CalendarEntry(
            event=event,
            uid=f"bench-{event.pk}@samverkan",
            vevent=ical.build(event, f"bench-{event.pk}@samverkan", 0, changed_at),
            changed_at=changed_at,
            starts_at=event.start,
            ends_at=event.last_end,
        )
        for event in events
    ]
    from_scratch = time.perf_counter() - started
    CalendarEntry.objects.bulk_create(entries, batch_size=500)

    client = Client()
    started = time.perf_counter()
    response = client.get("/kalender/feed.ics")
    cold = time.perf_counter() - started
    assert response.status_code == 200
    warm_times = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get("/kalender/feed.ics")
        warm_times.append(time.perf_counter() - started)
    size = len(response.content)
    in_feed = response.content.count(b"BEGIN:VEVENT")
    zipped = client.get("/kalender/feed.ics", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == response.content
    etag = response["ETag"]
    not_modified_times = []
    for _ in range(20):
        started = time.perf_counter()
        not_modified = client.get("/kalender/feed.ics", HTTP_IF_NONE_MATCH=etag)
        not_modified_times.append(time.perf_counter() - started)
    assert not_modified.status_code == 304

    # The same feed built with icalendar from scratch: only the events the feed holds.
    from events.feeds import window

    start, _today, end = window()
    feed_ids = set(
        CalendarEntry.objects.filter(ends_at__gte=start, starts_at__lt=end).values_list(
            "event_id", flat=True
        )
    )
    started = time.perf_counter()
    for event in events:
        if event.pk in feed_ids:
            ical.build(event, f"bench-{event.pk}@samverkan", 0, changed_at)
    same_feed = time.perf_counter() - started

    warm, revalidate = statistics.median(warm_times), statistics.median(not_modified_times)
    print(f"   events in the database:          {EVENTS}")
    print(f"   VEVENTs in the public feed:      {in_feed} (90 days back, a year ahead)")
    print(f"   feed size:                       {size / 1_000_000:.2f} MB (budget 1 MB)")
    print(f"   feed size, gzip:                 {len(zipped.content) / 1_000_000:.2f} MB")
    print(f"   icalendar from scratch:          {from_scratch * 1000:.0f} ms (all events)")
    print(f"   cold serve:                      {cold * 1000:.0f} ms (first request)")
    print(f"   warm serve:                      {warm * 1000:.0f} ms (median of 5)")
    print(f"   304 on If-None-Match:            {revalidate * 1000:.1f} ms (median of 20)")
    print(f"   the same feed from scratch:      {same_feed * 1000:.0f} ms ({len(feed_ids)} events)")
    print(f"   same feed from scratch / warm:   {same_feed / warm:.1f}x")
    print(f"   same feed from scratch / cold:   {same_feed / cold:.1f}x")
    print(f"   same feed from scratch / 304:    {same_feed / revalidate:.0f}x")
    assert size < 1_000_000, "the public feed must stay under Google's ~1 MB"
