"""Page times at demo size and at national size (5,000 cases, 10,000 events, 2,000 members).

For every page type: median and 95th percentile through the test client, the number of
SQL queries, and the ratio of the large size's median to the small's. The issue's budget
(#11): every page at most 15 queries, a large/small ratio of at most 1.3, and uncached
pages under 50 ms at the 95th percentile at the large size. A page that misses a target
is marked with "!" so the table shows at a glance what is left to do.

BENCH_SCALE=0.1 grows a tenth of the large size, for a quick look.
"""

import os
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from growth import grow, grow_organisations

from events.models import EventPage
from home.models import NewsPage
from members.models import MemberProfile
from network.models import CasePage, Organisation

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
SMALL = {"cases": 100, "events": 200, "members": 100}
LARGE = {"cases": 5000, "events": 10000, "members": 2000}
MAX_QUERIES = 15
MAX_RATIO = 1.3
MAX_P95_MS = 50


def pages():
    """(name, path, as a member?) for every page type the budget names."""
    case = CasePage.objects.live().filter(visibility="public").order_by("pk").first()
    event = EventPage.objects.live().filter(visibility="public").order_by("-start").first()
    news = NewsPage.objects.live().order_by("pk").first()
    profile = MemberProfile.objects.approved().filter(visibility="public").order_by("pk").first()
    tag = case.tags.order_by("slug").first()
    month = timezone.localdate().strftime("%Y-%m")
    return [
        ("home", "/", False),
        ("news index", "/nyheter/", False),
        ("news page", news.url, False),
        ("case index", "/case/", False),
        ("case index filtered", f"/case/?tag={tag.slug}&status=ongoing", False),
        ("case page", case.url, False),
        ("calendar list", "/kalender/", False),
        ("month view", f"/kalender/?month={month}", False),
        ("event page", event.url, False),
        ("directory", "/medlemmar/", True),
        ("profile", profile.get_absolute_url(), True),
        ("search", "/sok/?q=innovation", False),
        ("export csv", "/case/export.csv", False),
        ("public feed", "/kalender/feed.ics", False),
    ]


def measure(client, path):
    times = []
    queries = 0
    for run in range(RUNS + 2):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if run >= 2:  # the first two warm the caches of the process, as a running server has
            times.append(elapsed)
            queries = len(captured)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, queries


def measure_all(label):
    member = get_user_model().objects.filter(member_profile__status="approved").first()
    visitor, signed_in = Client(), Client()
    signed_in.force_login(member)
    figures = {}
    for name, path, as_member in pages():
        figures[name] = measure(signed_in if as_member else visitor, path)
    print(f"   measured at {label}")
    return figures


def counts():
    return (
        f"{CasePage.objects.count()} cases, {EventPage.objects.count()} events, "
        f"{MemberProfile.objects.count()} members, {Organisation.objects.count()} organisations"
    )


def main():
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    grow_organisations(290)
    grow(**SMALL)
    small = measure_all(counts())
    started = time.perf_counter()
    grow(**{key: round(value * SCALE) - SMALL[key] for key, value in LARGE.items()})
    print(f"   grown in {time.perf_counter() - started:.0f} s")
    large = measure_all(counts())
    print(f"   {'page':<22}{'small ms':>9}{'large ms':>9}{'p95 ms':>8}{'queries':>9}{'ratio':>7}")
    for name, (median, _p95, _queries) in small.items():
        large_median, large_p95, large_queries = large[name]
        ratio = large_median / median
        flags = (
            ("!" if large_queries > MAX_QUERIES else " ")
            + ("!" if ratio > MAX_RATIO else " ")
            + ("!" if large_p95 > MAX_P95_MS else " ")
        )
        print(
            f"   {name:<22}{median:>9.1f}{large_median:>9.1f}{large_p95:>8.1f}"
            f"{large_queries:>9}{ratio:>7.2f} {flags}"
        )
    print(
        f"   targets: queries <= {MAX_QUERIES}, ratio <= {MAX_RATIO}, "
        f"p95 <= {MAX_P95_MS} ms at the large size ('!' marks a miss: queries, ratio, p95)"
    )
