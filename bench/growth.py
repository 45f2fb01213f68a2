"""Growing the demo to national size for the benchmarks, in minutes rather than hours.

Pages are added under their index in bulk: tree paths assigned here, one INSERT per
table and batch, then what publishing would have done for each (search index rows,
calendar entries and occurrences). Members come with approved profiles. The content is
varied enough that filters, facets and related cases have real work to do.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from events import occurrences
from events.ical import serialise
from events.models import EventIndexPage, EventPage, EventPageTag
from members.models import MemberProfile
from network.models import CaseIndexPage, CasePage, CasePageTag, CasePartner, Organisation

BATCH = 200
WORDS = [
    "tjänstedesign",
    "digitalisering",
    "äldreomsorg",
    "skola",
    "trygghet",
    "klimat",
    "energi",
    "mobilitet",
    "hälsa",
    "bibliotek",
    "integration",
    "upphandling",
    "innovation",
    "medborgardialog",
    "välfärdsteknik",
    "samverkan",
    "delaktighet",
    "kultur",
    "näringsliv",
    "landsbygd",
]


def words(rng, count):
    return " ".join(rng.choice(WORDS) for _ in range(count))


def add_pages(parent, pages):
    """Insert these unsaved pages as published children of `parent`, in batches."""
    parent = Page.objects.get(pk=parent.pk)
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    now = timezone.now()
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.last_published_at = now
    base_fields = Page._meta.local_concrete_fields
    own_fields = model._meta.local_concrete_fields
    with transaction.atomic():
        for start in range(0, len(pages), BATCH):
            batch = pages[start : start + BATCH]
            bases = Page.objects.bulk_create(
                [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in batch]
            )
            for page, base in zip(batch, bases, strict=True):
                page.pk = page.page_ptr_id = base.pk
            model.objects._insert(batch, fields=own_fields, raw=True)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    backend = get_search_backend()
    for start in range(0, len(pages), BATCH):
        backend.add_bulk(model, pages[start : start + BATCH])
    return pages


def grow_organisations(count, seed=2026):
    """Municipalities, regions and agencies up to `count` in all, as a national network has."""
    from network.models import County

    rng = random.Random(seed)
    have = Organisation.objects.count()
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Kommun {n}",
                slug=f"kommun-{n}",
                kind=Organisation.Kind.MUNICIPALITY,
                county=rng.choice(County.values),
            )
            for n in range(have, count)
        ]
    )


def grow_members(count, rng):
    """Approved members at the network's organisations, with public profiles."""
    User = get_user_model()
    organisations = list(Organisation.objects.all())
    members = Group.objects.get(name="Members")
    have = User.objects.filter(username__startswith="bench").count()
    users = [
        User(
            username=f"bench{n}@example.se",
            email=f"bench{n}@example.se",
            first_name=rng.choice(["Anna", "Erik", "Maria", "Lars", "Sara", "Johan"]),
            last_name=f"Bench{n}",
        )
        for n in range(have, have + count)
    ]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users, batch_size=BATCH)
    users = list(User.objects.filter(username__in=[u.username for u in users]))
    existing = set(MemberProfile.objects.filter(user__in=users).values_list("user_id", flat=True))
    now = timezone.now()
    MemberProfile.objects.bulk_create(
        [
            MemberProfile(
                user=user,
                slug=slugify(user.username.split("@")[0]),
                status=MemberProfile.Status.APPROVED,
                status_changed_at=now,
                organisation=rng.choice(organisations),
                title=words(rng, 2).capitalize(),
                bio=words(rng, 30),
                visibility=MemberProfile.Visibility.MEMBERS
                if rng.random() < 0.3
                else MemberProfile.Visibility.PUBLIC,
            )
            for user in users
            if user.pk not in existing
        ],
        batch_size=BATCH,
    )
    MemberProfile.objects.filter(user__in=users).update(status=MemberProfile.Status.APPROVED)
    members.user_set.add(*users)


def grow_cases(count, rng):
    index = CaseIndexPage.objects.get()
    organisations = list(Organisation.objects.all())
    tags = [Tag.objects.get_or_create(name=w.capitalize(), slug=slugify(w))[0] for w in WORDS]
    have = CasePage.objects.filter(slug__startswith="bench-case-").count()
    cases = [
        CasePage(
            title=f"{words(rng, 3).capitalize()} {n}",
            slug=f"bench-case-{n}",
            summary=words(rng, 25),
            challenge=f"<p>{words(rng, 80)}</p>",
            results=f"<p>{words(rng, 60)}</p>",
            status=rng.choice(CasePage.Status.values),
            coordinator=rng.choice(organisations),
            visibility="members" if rng.random() < 0.2 else "public",
        )
        for n in range(have, have + count)
    ]
    add_pages(index, cases)
    CasePageTag.objects.bulk_create(
        [
            CasePageTag(content_object_id=case.pk, tag=tag)
            for case in cases
            for tag in rng.sample(tags, 3)
        ],
        batch_size=BATCH * 5,
    )
    CasePartner.objects.bulk_create(
        [
            CasePartner(case_id=case.pk, organisation=organisation, sort_order=i)
            for case in cases
            for i, organisation in enumerate(rng.sample(organisations, 2))
        ],
        batch_size=BATCH * 5,
    )


def grow_events(count, rng):
    calendar = EventIndexPage.objects.get()
    organisations = list(Organisation.objects.all())
    tags = list(Tag.objects.filter(slug__in=[slugify(w) for w in WORDS]))
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    have = EventPage.objects.filter(slug__startswith="bench-event-").count()
    events = []
    for n in range(have, have + count):
        # Half of them over, half coming, a tenth repeating: a calendar a few years old.
        start = now + datetime.timedelta(days=rng.randint(-700, 365), hours=rng.randint(-6, 6))
        repeats = rng.random() < 0.1
        events.append(
            EventPage(
                title=f"{words(rng, 2).capitalize()} {n}",
                slug=f"bench-event-{n}",
                start=start,
                end=start + datetime.timedelta(hours=2),
                place_name="Stadshuset",
                description=f"<p>{words(rng, 40)}</p>",
                organiser=rng.choice(organisations),
                recurrence="FREQ=WEEKLY;COUNT=10" if repeats else "",
                visibility="members" if rng.random() < 0.1 else "public",
            )
        )
    add_pages(calendar, events)
    EventPageTag.objects.bulk_create(
        [EventPageTag(content_object_id=e.pk, tag=rng.choice(tags)) for e in events],
        batch_size=BATCH * 5,
    )
    for event in EventPage.objects.filter(pk__in=[e.pk for e in events]).iterator():
        serialise(event)
        occurrences.refresh(event)


def grow(cases=0, events=0, members=0, seed=2026):
    """Add this many cases, events and members to what is there."""
    rng = random.Random(seed + cases + events + members)
    if members:
        grow_members(members, rng)
    if cases:
        grow_cases(cases, rng)
    if events:
        grow_events(events, rng)
