"""The demo network, built from the apps' data files in home/fixtures/demo/ and the other
apps' fixtures/demo/, by the builder in network.demo_builder.

Safe to run again: what exists already (found by slug or email) is left as it is, so an
editor's changes survive and a second run creates nothing new.
"""

from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from events.demo import seed_events
from members.demo import seed_members
from network.demo import seed_cases, seed_organisations
from network.demo_builder import fixture, picture, publish_child

from .models import HomePage, NetworkSettings, NewsPage

HERO_SIZE = (1600, 600)


def seed_demo(password=None):
    """The whole network, in the order its parts depend on each other."""
    home = seed_home()
    organisations = seed_organisations()
    seed_members(organisations, password=password)
    seed_pages(home)
    seed_cases(home, organisations)
    seed_events(home, organisations)
    return home


def seed_home():
    """The network's home page, as the default site's root."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's placeholder welcome page gives way to the network's home page.
        for placeholder in (
            root.get_children().filter(slug="home").exclude(content_type__model="homepage")
        ):
            placeholder.delete()
        record = fixture("home", "home")["home"]
        home = publish_child(
            root,
            HomePage,
            **record,
            hero_image=lambda: picture(record["hero_title"], "startsida", size=HERO_SIZE),
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        # The public address, so that feeds and exports carry working links.
        address = urlparse(settings.SITE_URL)
        Site.objects.create(
            hostname=address.hostname or "localhost",
            port=address.port or (443 if address.scheme == "https" else 80),
            root_page=home,
            is_default_site=True,
            site_name="Samverkan",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or "Samverkan"
        site.save()
    return home


def seed_pages(home):
    """The standard pages and the news index under home, the news, and the site settings."""
    data = fixture("home", "home")
    pages = {}
    for record in data["pages"]:
        fields = dict(record)
        page = publish_child(home, fields.pop("type"), **fields)
        pages[page.slug] = page
    link_call_to_action(pages[data["call_to_action"]["on"]], pages[data["call_to_action"]["to"]])
    if home.hero_link_id is None:
        home.hero_link = pages[data["hero_link"]["page"]]
        home.hero_link_label = data["hero_link"]["label"]
        home.save_revision().publish()
    seed_news(pages)
    seed_settings(data["settings"], pages)


def seed_news(pages):
    data = fixture("home", "news")
    authors = get_user_model().objects
    for record in data["news"]:
        fields = dict(record)
        fields["author"] = authors.filter(email=record["author"]).first()
        fields["listing_image"] = lambda record=record: picture(record["title"], record["slug"])
        publish_child(pages[data["index"]], NewsPage, **fields)


def seed_settings(values, pages):
    """The site settings, once: pages are named by slug."""
    network_settings = NetworkSettings.load()
    if network_settings.contact_email:
        return
    for name, value in values.items():
        if NetworkSettings._meta.get_field(name).is_relation:
            value = pages[value]
        setattr(network_settings, name, value)
    network_settings.save()


def link_call_to_action(page, target):
    """Point the page's call to action at the target once both exist."""
    for block in page.body:
        if block.block_type == "call_to_action" and not block.value.get("page"):
            block.value["page"] = target
            page.save_revision().publish()
            break
