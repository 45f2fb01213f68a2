"""The demo content loads from its data files, and loading it again changes nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from events.models import EventPage, Registration
from home.models import HomePage, NetworkSettings, NewsPage, StandardPage
from members.models import MemberProfile
from network.demo_builder import draw_picture, fixture, initials
from network.models import CasePage, Organisation
from tests.factories import make_image, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    # The demo's pictures are files: each test keeps its own.
    settings.MEDIA_ROOT = tmp_path


def seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def counts():
    return {
        "pages": Page.objects.count(),
        "news": NewsPage.objects.live().count(),
        "standard": StandardPage.objects.live().count(),
        "revisions": Revision.objects.count(),
        "tags": Tag.objects.count(),
        "users": get_user_model().objects.count(),
        "images": get_image_model().objects.count(),
        "registrations": Registration.objects.count(),
    }


def assert_every_record_is_built():
    """Each named record of the data files is in the database."""
    slugs = {record["slug"] for record in fixture("network", "organisations")}
    assert set(Organisation.objects.values_list("slug", flat=True)) >= slugs
    emails = {record["email"] for record in fixture("members", "members")}
    assert set(get_user_model().objects.values_list("email", flat=True)) >= emails
    for app, name, items, model in [
        ("network", "cases", "cases", CasePage),
        ("events", "events", "events", EventPage),
        ("home", "news", "news", NewsPage),
    ]:
        records = fixture(app, name)[items]
        assert set(model.objects.live().values_list("title", flat=True)) >= {
            r["title"] for r in records
        }


def assert_events_are_dated_from_today():
    workshop = EventPage.objects.get(slug="workshop-innovationsledning-vanersborg")
    today = timezone.localdate()
    assert timezone.localtime(workshop.start).date() == today + datetime.timedelta(days=12)
    assert timezone.localtime(workshop.start).time() == datetime.time(9, 0)
    monthly = EventPage.objects.get(slug="manatligt-natverksmote-online")
    assert monthly.recurrence.startswith("FREQ=MONTHLY;BYDAY=")
    full = EventPage.objects.get(slug="studiebesok-idesluss-pitea")
    statuses = sorted(full.registrations.values_list("status", flat=True))
    assert statuses == ["confirmed"] * 3 + ["waiting"] * 2


def test_seed_demo_twice_gives_the_same_counts(client):
    seed()
    first = counts()
    seed()

    assert counts() == first
    assert first["news"] >= 10
    assert_every_record_is_built()


def test_seed_demo_builds_the_site_from_the_design(client):
    seed()

    assert HomePage.objects.live().count() == 1
    titles = set(StandardPage.objects.live().values_list("title", flat=True))
    assert {"Om nätverket", "Vad är innovation i offentlig sektor?"} <= titles
    assert {"Integritetspolicy", "Tillgänglighetsredogörelse"} <= titles
    news = " ".join(NewsPage.objects.values_list("intro", flat=True))
    assert "79 procent" in news and "36 procent" in news
    assert NetworkSettings.load().contact_email
    home = client.get("/")
    assert home.status_code == 200
    assert "Nätverksträff: så sprider vi det som fungerar" in home.content.decode()
    faq = client.get("/innovation-i-offentlig-sektor/").content.decode()
    assert "komplexa" in faq
    assert_events_are_dated_from_today()


def test_news_cases_events_organisations_and_members_have_pictures(client):
    seed()

    pictures = [n.listing_image for n in NewsPage.objects.all()]
    pictures += [e.image for e in EventPage.objects.all()]
    pictures += [o.logo for o in Organisation.objects.all()]
    assert all(picture is not None and picture.description for picture in pictures)
    for case in CasePage.objects.all():
        (item,) = case.gallery_images.all()
        assert item.alt_text == item.image.description
    assert HomePage.objects.get().hero_image is not None
    case = CasePage.objects.live().public().filter(visibility="public").first()
    alt = case.gallery_images.get().alt_text
    assert f'alt="{alt}"' in client.get(case.url).content.decode()
    profiles = MemberProfile.objects.select_related("user")
    assert profiles.exists()
    for profile in profiles:
        assert profile.photo.name.startswith("members/photos/")
        assert profile.photo.storage.exists(profile.photo.name)


def test_demo_staff_get_no_password_without_debug_nor_head_the_directory(client):
    seed()

    admin = get_user_model().objects.get(email="admin@samverkan.se")
    assert not admin.has_usable_password()
    client.force_login(get_user_model().objects.get(email="anna.lindberg@boras.se"))

    listed = client.get("/medlemmar/").context["members_page"].object_list
    first = listed[0].user
    assert not first.is_staff
    assert not first.groups.filter(name__in=["Editors", "Network admins"]).exists()


def test_the_builder_publishes_a_page_once_by_its_slug(home_page):
    body = [{"type": "paragraph", "value": "<p>Text.</p>"}]
    page = make_page(home_page, "home.StandardPage", slug="om", intro="Om oss.", body=body)
    again = make_page(home_page, "home.StandardPage", slug="om", intro="Något annat.")

    assert again.pk == page.pk and again.intro == "Om oss."
    assert page.live and page.body[0].value.source == "<p>Text.</p>"
    assert Revision.objects.filter(object_id=str(page.pk)).count() == 1


def test_pictures_are_drawn_the_same_every_time():
    assert draw_picture("Nätverksträff i Umeå", (160, 90)) == draw_picture(
        "Nätverksträff i Umeå", (160, 90)
    )


def test_a_picture_is_a_wagtail_image_that_says_what_it_shows(db):
    image = make_image("Workshop")

    assert image.width == 160 and image.description.startswith("Abstrakt bild: ")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Borås Stad", "BS"),
        ("Sveriges Kommuner och Regioner", "SKR"),
        ("KTH", "KTH"),
        ("Kiruna kommun", "K"),
        ("Lina Åberg", "LÅ"),
    ],
)
def test_monograms_take_the_initials_of_the_name(name, expected):
    assert initials(name) == expected
