"""Swedish by default, English under /en/, and complete catalogues."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.factories import make_news, make_standard_page

pytestmark = pytest.mark.django_db


def test_the_interface_is_swedish_by_default(client, home_page):
    html = client.get("/").content.decode()

    assert '<html lang="sv">' in html
    assert "Hoppa till innehållet" in html
    assert "Sök" in html


def test_the_interface_is_english_under_en(client, home_page):
    html = client.get("/en/").content.decode()

    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Hoppa till innehållet" not in html


def test_a_browser_asking_for_english_still_gets_swedish_at_the_plain_address(client, home_page):
    # The address alone decides the language, so a CDN can cache every page.
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<html lang="sv">' in html


def test_the_language_switcher_links_to_the_same_page_in_the_other_language(client, news_index):
    news = make_news(news_index, slug="en-nyhet")

    swedish = client.get(news.url).content.decode()
    english = client.get("/en" + news.url).content.decode()

    assert 'href="/en/nyheter/en-nyhet/" hreflang="en"' in swedish
    assert 'href="/nyheter/en-nyhet/" hreflang="sv"' in english
    # Links inside the English pages stay in English.
    assert 'href="/en/nyheter/"' in english


@pytest.mark.parametrize(
    "path",
    ["/", "/nyheter/", "/nyheter/feed/", "/sok/?q=innovation", "/sida/", "/finns-inte/"],
)
def test_every_page_works_in_english(client, news_index, path):
    make_news(news_index)
    make_standard_page(news_index.get_parent(), slug="sida")

    response = client.get("/en" + path)

    assert response.status_code in (200, 404)
    assert response.status_code == client.get(path).status_code


def test_the_swedish_catalogue_is_complete_and_compiled():
    po_path = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path))
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))

    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert not catalogue.metadata_is_fuzzy
    # The compiled catalogue holds every translation in the source catalogue.
    compiled_ids = {entry.msgid for entry in compiled}
    assert {entry.msgid for entry in catalogue.translated_entries()} <= compiled_ids
