"""Demo events for seed_demo, dated relative to today so the demo never goes stale."""

import datetime

from django.utils import timezone

from .models import EventIndexPage, EventPage, Registration


def at(days, hour, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def first_weekday_rule(start):
    """Monthly on the start's weekday in the same week of the month, for a year."""
    local = timezone.localtime(start)
    weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][local.weekday()]
    ordinal = (local.day - 1) // 7 + 1
    if ordinal > 4:
        ordinal = -1
    until = (local + datetime.timedelta(days=365)).astimezone(datetime.UTC)
    return f"FREQ=MONTHLY;BYDAY={ordinal}{weekday};UNTIL={until:%Y%m%dT%H%M%SZ}"


def upsert_event(index, slug, **fields):
    existing = EventPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    tags = fields.pop("tags", [])
    event = EventPage(slug=slug, **fields)
    index.add_child(instance=event)
    if tags:
        event.tags.set(tags)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def seed_events(home, organisations, members=()):
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = EventIndexPage(
            title="Kalender",
            slug="kalender",
            show_in_menus=True,
            intro="Träffar, workshoppar och webbinarier i nätverket. Följ dem i din egen kalender.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    o = organisations
    upsert_event(
        index,
        "workshop-innovationsledning-vanersborg",
        title="Workshop i innovationsledning",
        start=at(12, 9),
        end=at(12, 16),
        place_name="Folkets hus",
        address="Järnvägsgatan 5, Vänersborg",
        organiser=o["vanersborgs-kommun"],
        organiser_email="innovation@vanersborg.se",
        description="<p>En dag om att leda innovationsarbete, för chefer och utvecklare. "
        "Vi arbetar med verkliga utmaningar från era verksamheter.</p>",
        registration_enabled=True,
        capacity=40,
        tags=["Innovationsledning", "Workshop"],
    )
    for days, city, org in [
        (21, "Göteborg", "goteborgs-stad"),
        (63, "Umeå", "umea-kommun"),
        (105, "Lund", "lunds-kommun"),
    ]:
        upsert_event(
            index,
            f"natverkstraff-{city.lower().replace('ö', 'o').replace('å', 'a')}",
            title=f"Nätverksträff i {city}",
            start=at(days, 13),
            end=at(days, 16, 30),
            place_name=f"Stadshuset, {city}",
            organiser=o[org],
            organiser_email=f"natverket@{o[org].email_domains.first().domain}",
            description="<p>Erfarenhetsutbyte: vad har ni prövat sedan sist?</p>",
            registration_enabled=True,
            capacity=60,
            tags=["Nätverksträff"],
        )
    upsert_event(
        index,
        "manatligt-natverksmote-online",
        title="Månatligt nätverksmöte online",
        start=at(3, 10),
        end=at(3, 11),
        online_url="https://meet.example.se/samverkan-manadsmote",
        organiser=o["skr"],
        organiser_email="natverket@skr.se",
        description="<p>En timme varje månad: nyheter, frågor och ett kort case.</p>",
        # The first weekday of each month, as the network's meetings are planned.
        recurrence=first_weekday_rule(at(3, 10)),
        tags=["Nätverksträff", "Digitalt"],
    )
    upsert_event(
        index,
        "installt-webbinarium-upphandling",
        title="Webbinarium om innovationsupphandling",
        start=at(30, 14),
        end=at(30, 15),
        online_url="https://meet.example.se/upphandling",
        organiser=o["adda"],
        organiser_email="kurs@adda.se",
        status=EventPage.Status.CANCELLED,
        description="<p>Webbinariet är inställt och kommer tillbaka i vår.</p>",
        tags=["Upphandling"],
    )
    upsert_event(
        index,
        "medlemsrad-strategi",
        title="Medlemsråd: nätverkets strategi",
        start=at(45, 10),
        end=at(45, 12),
        place_name="SKR, Hornsgatan 20, Stockholm",
        organiser=o["skr"],
        organiser_email="natverket@skr.se",
        visibility=EventPage.Visibility.MEMBERS,
        description="<p>För medlemmar: vi diskuterar nätverkets inriktning för nästa år.</p>",
        registration_enabled=True,
        capacity=25,
        tags=["Strategi"],
    )
    full = upsert_event(
        index,
        "studiebesok-idesluss-pitea",
        title="Studiebesök: idéslussen i Piteå",
        start=at(35, 9),
        end=at(35, 15),
        place_name="Stadshuset, Piteå",
        organiser=o["pitea-kommun"],
        organiser_email="idesluss@pitea.se",
        description="<p>Se hur idéslussen fungerar i praktiken och träffa idécoacherna.</p>",
        registration_enabled=True,
        capacity=len(members[:3]) or 3,
        waiting_list=True,
        tags=["Idésluss", "Studiebesök"],
    )
    # Three seats taken and two waiting, without sending the demo members any email.
    for n, user in enumerate(members[:5]):
        Registration.objects.get_or_create(
            event=full,
            user=user,
            defaults={
                "status": Registration.Status.CONFIRMED
                if n < full.capacity
                else Registration.Status.WAITING
            },
        )
    return index
