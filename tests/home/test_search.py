"""Site search at /sok/."""

import pytest
from django.db import connection

from home.views import SEARCH_RESULTS_PER_PAGE
from tests.factories import make_news, make_standard_page

pytestmark = pytest.mark.django_db


def test_search_finds_public_pages_of_every_kind(client, news_index):
    make_news(news_index, title="Idésluss i Fyrbodal", intro="Medarbetarnas idéer prövas.")
    make_standard_page(news_index.get_parent(), title="Om idéslussar", intro="Så fungerar det.")
    make_news(news_index, title="Något helt annat", intro="Upphandling.")

    response = client.get("/sok/", {"q": "idésluss"})

    assert response.status_code == 200
    titles = [page.title for page in response.context["results_page"].object_list]
    assert "Idésluss i Fyrbodal" in titles
    assert "Något helt annat" not in titles
    assert "resultat för ”idésluss”" in response.content.decode()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Swedish stemming needs PostgreSQL's full-text search"
)
def test_on_postgresql_search_understands_swedish_word_forms(client, news_index):
    make_news(news_index, title="Idéslussen i Fyrbodal öppnar", intro="Idéerna prövas.")

    response = client.get("/sok/", {"q": "idésluss"})

    titles = [page.title for page in response.context["results_page"].object_list]
    assert titles == ["Idéslussen i Fyrbodal öppnar"]


def test_search_leaves_out_drafts(client, news_index):
    draft = make_news(news_index, title="Hemlig idésluss")
    draft.unpublish()

    response = client.get("/sok/", {"q": "hemlig"})

    assert list(response.context["results_page"].object_list) == []


def test_search_without_results_says_so_and_suggests_what_to_do(client, home_page):
    response = client.get("/sok/", {"q": "zyxwvut"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Inga träffar för ”zyxwvut”." in html
    assert "Pröva andra eller färre ord" in html


def test_search_without_a_query_shows_the_form(client, home_page):
    response = client.get("/sok/")

    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert response.context["results_page"] is None


def test_search_results_are_paged(client, news_index):
    for n in range(SEARCH_RESULTS_PER_PAGE + 2):
        make_news(news_index, title=f"Tjänstedesign del {n}", slug=f"td-{n}")

    first = client.get("/sok/", {"q": "tjänstedesign"})
    second = client.get("/sok/", {"q": "tjänstedesign", "page": 2})

    assert len(first.context["results_page"].object_list) == SEARCH_RESULTS_PER_PAGE
    assert len(second.context["results_page"].object_list) == 2
    assert "q=tj%C3%A4nstedesign&amp;page=2" in first.content.decode()


@pytest.mark.parametrize(
    "q",
    [
        "<script>alert('x')</script>",
        "x" * 5000,
        '"unbalanced',
        "AND OR NOT ( ) * : ^ ~",
        "\x00nul",
        "   ",
    ],
)
def test_strange_queries_never_break_the_search(client, news_index, q):
    make_news(news_index)

    response = client.get("/sok/", {"q": q})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    main = html.split('<main id="main"', 1)[1]
    assert "x" * 201 not in main  # the query is cut to 200 characters


def test_a_quoted_phrase_finds_the_phrase(client, news_index):
    make_news(news_index, title="Idésluss för hållbar samhällsutveckling")

    response = client.get("/sok/", {"q": '"hållbar samhällsutveckling"'})

    titles = [page.title for page in response.context["results_page"].object_list]
    assert titles == ["Idésluss för hållbar samhällsutveckling"]


def test_search_page_number_that_does_not_exist_is_not_found(client, news_index):
    make_news(news_index, title="Idésluss")

    assert client.get("/sok/", {"q": "idésluss", "page": "abc"}).status_code == 404
    assert client.get("/sok/", {"q": "idésluss", "page": "99999"}).status_code == 404
