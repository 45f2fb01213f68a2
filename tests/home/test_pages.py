"""What a visitor sees on the home page, standard pages and news pages."""

import pytest
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage
from tests.factories import (
    make_news,
    make_news_index,
    make_standard_page,
    make_user,
    network_settings,
)

pytestmark = pytest.mark.django_db


def test_home_page_shows_hero_and_latest_news(client, news_index):
    make_news(news_index, title="Gammal nyhet", slug="gammal")
    for n in range(4):
        make_news(news_index, title=f"Färsk nyhet {n}", slug=f"farsk-{n}")

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tillsammans förnyar vi offentlig sektor" in html
    assert "Senaste nytt" in html
    # The three newest, not the oldest.
    assert "Färsk nyhet 3" in html and "Färsk nyhet 1" in html
    assert "Gammal nyhet" not in html


def test_home_page_leaves_out_sections_with_nothing_to_show(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    assert "Senaste nytt" not in response.content.decode()


def test_standard_page_renders_every_body_block(client, home_page):
    image = Image.objects.create(title="Workshop", file=get_test_image_file())
    document = Document.objects.create(title="Rapport 2023", file=get_test_image_file())
    faq_target = make_standard_page(home_page, title="Om oss", slug="om-oss")
    page = make_standard_page(
        home_page,
        title="Vad är innovation?",
        slug="vad-ar-innovation",
        body=[
            ("paragraph", RichText("<p>Innovation är nytt som skapar värde.</p>")),
            ("heading", {"text": "Frågor och svar", "level": "h2"}),
            ("image", {"image": image, "alt_text": "Deltagare vid en whiteboard", "caption": ""}),
            ("quote", {"quote": "Pröva i liten skala.", "attribution": "En idécoach"}),
            (
                "call_to_action",
                {
                    "title": "Bli medlem",
                    "text": "Gå med i nätverket.",
                    "page": faq_target,
                    "url": "",
                    "button_label": "Läs mer",
                },
            ),
            ("document", {"document": document, "title": ""}),
            (
                "question_answer",
                {
                    "question": "Vad skiljer innovation från förbättring?",
                    "answer": RichText("<p>Graden av osäkerhet.</p>"),
                },
            ),
        ],
    )

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Vad är innovation?</h1>" in html
    assert "Innovation är nytt som skapar värde." in html
    assert "<h2>Frågor och svar</h2>" in html
    assert 'alt="Deltagare vid en whiteboard"' in html
    assert "<blockquote><p>Pröva i liten skala.</p></blockquote>" in html
    assert 'href="/om-oss/"' in html and "Läs mer" in html
    assert "Rapport 2023" in html
    assert "<summary>Vad skiljer innovation från förbättring?</summary>" in html


def test_every_page_shows_when_it_was_last_changed_and_its_contact_person(client, home_page):
    page = make_standard_page(
        home_page,
        contacts=[
            (
                "contact_person",
                {
                    "name": "Eva Strand",
                    "role": "Innovationsstrateg",
                    "email": "eva.strand@boras.se",
                    "phone": "033-35 70 00",
                },
            )
        ],
    )

    html = client.get(page.url).content.decode()

    assert "Senast ändrad" in html
    assert page.last_published_at.strftime("%Y-%m-%d") in html
    assert "Eva Strand" in html and "Innovationsstrateg" in html
    assert 'href="mailto:eva.strand@boras.se"' in html
    assert 'href="tel:033357000"' in html


def test_news_page_shows_date_author_tags_and_plain_share_links(client, news_index):
    author = make_user("karin@skr.se", first_name="Karin", last_name="Lindqvist")
    news = make_news(
        news_index,
        title="Idéslussen öppnar",
        slug="idesluss",
        author=author,
        tags=["Idésluss", "Tjänstedesign"],
    )

    response = client.get(news.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Idéslussen öppnar" in html
    assert "Av Karin Lindqvist" in html
    assert 'href="/nyheter/?tag=tjanstedesign"' in html
    assert "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2F" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=" in html
    assert "mailto:?subject=Id%C3%A9slussen%20%C3%B6ppnar" in html
    # Plain links only: no third-party scripts on the page at all.
    assert "<script" not in html.split("</header>", 1)[1]


def test_tags_get_ascii_slugs_and_ignore_case(news_index):
    first = make_news(news_index, tags=["Tjänstedesign"])
    second = make_news(news_index, tags=["tjänstedesign"])

    assert [t.slug for t in first.tags.all()] == ["tjanstedesign"]
    assert list(first.tags.all()) == list(second.tags.all())


def test_footer_shows_the_site_settings(client, home_page):
    privacy = make_standard_page(home_page, title="Integritetspolicy", slug="integritet")
    network_settings(
        network_name="Samverkan",
        contact_email="kontakt@samverkan.se",
        contact_phone="08-123 456 00",
        footer_text="Nätverket för användardriven innovation.",
        linkedin_url="https://www.linkedin.com/company/samverkan",
        privacy_page=privacy,
    )

    html = client.get("/").content.decode()

    footer = html.split('<footer class="site-footer">', 1)[1]
    assert "kontakt@samverkan.se" in footer
    assert "08-123 456 00" in footer
    assert "Nätverket för användardriven innovation." in footer
    assert "https://www.linkedin.com/company/samverkan" in footer
    assert 'href="/integritet/"' in footer


def test_main_navigation_and_breadcrumbs_follow_the_page_tree(client, home_page):
    about = make_standard_page(home_page, title="Om nätverket", slug="om", show_in_menus=True)
    make_standard_page(home_page, title="Dold sida", slug="dold", show_in_menus=False)
    child = make_standard_page(about, title="Styrgruppen", slug="styrgruppen")

    html = client.get(child.url).content.decode()

    nav = html.split('aria-label="Huvudmeny"', 1)[1].split("</nav>", 1)[0]
    assert "Om nätverket" in nav
    assert "Dold sida" not in nav
    assert 'aria-current="page"' in nav  # the section we are in
    crumbs = html.split('aria-label="Brödsmulor"', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index("Startsida") < crumbs.index("Om nätverket") < crumbs.index("Styrgruppen")


def test_a_draft_page_is_not_shown_to_visitors(client, home_page):
    page = make_standard_page(home_page, slug="utkast")
    page.unpublish()

    assert client.get("/utkast/").status_code == 404


class TestParentChildRules:
    def test_home_page_sits_at_the_root_and_only_once(self, home_page):
        assert HomePage.parent_page_types == ["wagtailcore.Page"]
        assert not HomePage.can_create_at(home_page.get_parent())  # max_count=1

    def test_news_pages_live_only_under_the_news_index(self, home_page):
        index = make_news_index(home_page)
        standard = make_standard_page(home_page)
        assert NewsPage.can_create_at(index)
        assert not NewsPage.can_create_at(home_page)
        assert not NewsPage.can_create_at(standard)
        assert NewsPage.allowed_subpage_models() == []

    def test_one_news_index_under_the_home_page(self, home_page):
        assert NewsIndexPage.can_create_at(home_page)
        make_news_index(home_page)
        assert not NewsIndexPage.can_create_at(home_page)

    def test_standard_pages_nest(self, home_page):
        standard = make_standard_page(home_page)
        assert StandardPage.can_create_at(home_page)
        assert StandardPage.can_create_at(standard)
        assert StandardPage.allowed_subpage_models() == [StandardPage]
