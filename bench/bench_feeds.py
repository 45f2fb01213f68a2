"""10,000 events: a full public feed, a 304, and icalendar serialising them all from scratch.

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
                last_end_at=begins + datetime.timedelta(hours=2),
            )
            event.__dict__.update({k: v for k, v in page.__dict__.items() if not k.startswith("_")})
            event.save_base(raw=True)
    Page.objects.filter(pk=index.pk).update(numchild=EVENTS)
    return index


def main():
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from events import ical
    from events.models import EventPage

    call_command("migrate", verbosity=0)
    build_calendar()
    events = list(
        EventPage.objects.prefetch_related("tags", "excluded_dates").select_related("organiser")
    )

    started = time.perf_counter()
    changed_at = timezone.now()
    vevents = [ical.build_vevent(event, changed_at) for event in events]
    from_scratch = time.perf_counter() - started
    for event, vevent in zip(events, vevents, strict=True):
        event.ical_vevent = vevent
        event.ical_changed_at = changed_at
    EventPage.objects.bulk_update(events, ["ical_vevent", "ical_changed_at"], batch_size=500)

    client = Client()
    full_times, sizes = [], []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get("/kalender/feed.ics")
        full_times.append(time.perf_counter() - started)
        sizes.append(len(response.content))
    assert response.status_code == 200
    etag = response["ETag"]
    not_modified_times = []
    for _ in range(20):
        started = time.perf_counter()
        response = client.get("/kalender/feed.ics", HTTP_IF_NONE_MATCH=etag)
        not_modified_times.append(time.perf_counter() - started)
    assert response.status_code == 304

    full, not_modified = statistics.median(full_times), statistics.median(not_modified_times)
    print(f"   events in the feed:              {EVENTS}")
    print(f"   feed size:                       {sizes[-1] / 1_000_000:.1f} MB")
    print(f"   icalendar from scratch:          {from_scratch * 1000:.0f} ms")
    print(f"   full feed from stored VEVENTs:   {full * 1000:.0f} ms (median of 5)")
    print(f"   304 on If-None-Match:            {not_modified * 1000:.1f} ms (median of 20)")
    print(f"   from scratch / stored feed:      {from_scratch / full:.1f}x")
    print(f"   from scratch / 304:              {from_scratch / not_modified:.0f}x")
