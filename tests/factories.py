"""Factories for the page tree: small functions that build real, published pages."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText

from home.models import HomePage, NetworkSettings, NewsIndexPage, NewsPage, StandardPage

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery"


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_home_page(**fields):
    """A home page as the default site's root, in place of Wagtail's welcome page."""
    root = Page.get_first_root_node() or _recreate_tree_roots()
    root.get_children().exclude(content_type__model="homepage").delete()
    fields.setdefault("title", "Samverkan")
    fields.setdefault("slug", "home")
    fields.setdefault("hero_title", "Tillsammans förnyar vi offentlig sektor")
    fields.setdefault("hero_intro", "Nätverket för användardriven innovation.")
    home = publish(root, HomePage(**fields))
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Samverkan"
    )
    return home


def _recreate_tree_roots():
    """Wagtail's roots, which a transactional test's flush removes along with migration data."""
    Locale.objects.get_or_create(language_code="sv")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.add_root(instance=Page(title="Root", slug="root"))


def make_standard_page(parent, **fields):
    n = next(_counter)
    fields.setdefault("title", f"Sida {n}")
    fields.setdefault("slug", f"sida-{n}")
    fields.setdefault("intro", "En inledning.")
    return publish(parent, StandardPage(**fields))


def make_news_index(home, **fields):
    fields.setdefault("title", "Nyheter")
    fields.setdefault("slug", "nyheter")
    fields.setdefault("show_in_menus", True)
    fields.setdefault("intro", "Nyheter från nätverket.")
    return publish(home, NewsIndexPage(**fields))


def make_news(index, tags=(), **fields):
    n = next(_counter)
    fields.setdefault("title", f"Nyhet nummer {n}")
    fields.setdefault("slug", f"nyhet-{n}")
    fields.setdefault("intro", f"Ingress till nyhet {n}.")
    fields.setdefault("date", datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    fields.setdefault("body", [("paragraph", RichText(f"<p>Brödtext för nyhet {n}.</p>"))])
    page = NewsPage(**fields)
    index.add_child(instance=page)
    if tags:
        page.tags.set(list(tags))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_user(email="person@example.se", **fields):
    fields.setdefault("first_name", "Anna")
    fields.setdefault("last_name", "Berg")
    return get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, **fields
    )


def network_settings(**fields):
    settings = NetworkSettings.load()
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def make_organisation(name="Borås Stad", slug="boras-stad", domains=("boras.se",), **fields):
    from network.models import Organisation, OrganisationEmailDomain

    fields.setdefault("kind", Organisation.Kind.MUNICIPALITY)
    fields.setdefault("county", "vastra-gotaland")
    organisation = Organisation.objects.create(name=name, slug=slug, **fields)
    for domain in domains:
        OrganisationEmailDomain.objects.create(organisation=organisation, domain=domain)
    return organisation


def make_member(email="anna.lindberg@boras.se", status="approved", organisation=None, **profile):
    """A member with a verified address and the given membership status."""
    from allauth.account.models import EmailAddress

    first, _, last = email.split("@")[0].partition(".")
    user = make_user(email, first_name=first.capitalize(), last_name=last.capitalize() or "Test")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    member = user.member_profile
    member.organisation = organisation
    for name, value in profile.items():
        if name != "expertise":
            setattr(member, name, value)
    member.slug = ""
    member.save()
    if "expertise" in profile:
        member.expertise.set(profile["expertise"])
    if status != "pending":
        member.set_status(status)
    return member


def make_case_index(home, **fields):
    from network.models import CaseIndexPage

    fields.setdefault("title", "Case")
    fields.setdefault("slug", "case")
    return publish(home, CaseIndexPage(**fields))


def make_case(index, tags=(), methods=(), partners=(), publish_revision=True, **fields):
    """A published case; publish_revision=False skips revisions for bulk tests."""
    from network.models import CasePage, CasePartner

    n = next(_counter)
    fields.setdefault("title", f"Case nummer {n}")
    fields.setdefault("slug", f"case-{n}")
    fields.setdefault("summary", f"Sammanfattning av case {n}.")
    case = CasePage(**fields)
    case.partners = [CasePartner(organisation=org, role="Partner") for org in partners]
    case.methods = list(methods)
    index.add_child(instance=case)
    if tags:
        case.tags.set(list(tags))
    if publish_revision:
        case.save_revision().publish()
    elif tags:
        case.save()
    case.refresh_from_db()
    return case


def make_method(name="Idésluss", slug="idesluss"):
    from network.models import CaseMethod

    return CaseMethod.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_event_index(home, **fields):
    from events.models import EventIndexPage

    fields.setdefault("title", "Kalender")
    fields.setdefault("slug", "kalender")
    return publish(home, EventIndexPage(**fields))


def local(year, month, day, hour=0, minute=0):
    import datetime as dt

    from django.utils import timezone

    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def make_event(index, tags=(), excluded=(), added=(), overrides=(), **fields):
    """A published event (published through Wagtail, so its calendar entry is written).

    `recurrence` is an RFC 5545 RRULE value; `added` are dates (RDATE), `excluded`
    dates (EXDATE), and `overrides` dicts for OccurrenceOverride.
    """
    import datetime as dt

    from django.utils import timezone

    from events.models import EventAddedDate, EventExcludedDate, EventPage, OccurrenceOverride
    from events.recurrence import normalise_rule

    n = next(_counter)
    fields.setdefault("title", f"Evenemang {n}")
    fields.setdefault("slug", f"evenemang-{n}")
    start = fields.setdefault("start", timezone.now() + dt.timedelta(days=7))
    fields.setdefault("end", start + dt.timedelta(hours=2))
    if fields.get("recurrence"):
        fields["recurrence"] = normalise_rule(fields["recurrence"], fields.get("all_day", False))
    event = EventPage(**fields)
    event.excluded_dates = [EventExcludedDate(date=day) for day in excluded]
    event.added_dates = [
        EventAddedDate(date=day) if isinstance(day, dt.date) else EventAddedDate(**day)
        for day in added
    ]
    event.overrides = [OccurrenceOverride(**override) for override in overrides]
    index.add_child(instance=event)
    if tags:
        event.tags.set(list(tags))
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def make_page(parent, model, **fields):
    """Any page, published by the demo's builder from a record (network.demo_builder):
    `model` may be a label ("home.StandardPage"), dates ISO text, a body its JSON form."""
    from network.demo_builder import publish_child

    n = next(_counter)
    fields.setdefault("title", f"Sida {n}")
    fields.setdefault("slug", f"sida-{n}")
    return publish_child(parent, model, **fields)


def make_image(title="En bild", size=(160, 90)):
    """A Wagtail image drawn as the demo draws its pictures, with an alt text as description."""
    from network.demo_builder import picture

    return picture(title, f"bild-{next(_counter)}", size=size)


VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def make_cached_video_embed(url=VIDEO):
    """A cached oEmbed answer, as Wagtail stores it after asking YouTube once: no network."""
    from wagtail.embeds import embeds
    from wagtail.embeds.models import Embed

    return Embed.objects.create(
        url=url,
        hash=embeds.get_embed_hash(url),
        type="video",
        html='<iframe width="200" height="113" src="https://www.youtube.com/embed/dQw4w9WgXcQ"'
        ' frameborder="0" allowfullscreen title="Film"></iframe>',
        width=200,
        height=113,
        provider_name="YouTube",
    )
