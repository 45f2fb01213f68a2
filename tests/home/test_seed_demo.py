"""The demo content loads, and loading it again changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from taggit.models import Tag
from wagtail.models import Page, Revision

from home.models import HomePage, NetworkSettings, NewsPage, StandardPage

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "news": NewsPage.objects.live().count(),
        "standard": StandardPage.objects.live().count(),
        "revisions": Revision.objects.count(),
        "tags": Tag.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_seed_demo_twice_gives_the_same_counts(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert counts() == first
    assert first["news"] >= 10


def test_seed_demo_builds_the_site_from_the_design(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

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


def test_demo_users_get_no_password_without_debug(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    admin = get_user_model().objects.get(email="admin@samverkan.se")
    assert not admin.has_usable_password()
