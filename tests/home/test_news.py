"""The news index: tag filter, paging, RSS, and bad query strings."""

import pytest
from defusedxml.ElementTree import fromstring

from home.models import NEWS_PER_PAGE
from tests.factories import make_news

pytestmark = pytest.mark.django_db


def titles_on(response):
    return [news.title for news in response.context["news_page"].object_list]


def test_news_index_lists_the_newest_first_and_pages(client, news_index):
    for n in range(NEWS_PER_PAGE + 3):
        make_news(news_index, title=f"Nyhet {n:02d}", slug=f"n-{n}")

    first = client.get("/nyheter/")
    second = client.get("/nyheter/?page=2")

    assert first.status_code == 200
    assert titles_on(first)[0] == f"Nyhet {NEWS_PER_PAGE + 2:02d}"
    assert len(titles_on(first)) == NEWS_PER_PAGE
    assert titles_on(second) == ["Nyhet 02", "Nyhet 01", "Nyhet 00"]
    html = second.content.decode()
    assert "Sida 2 av 2" in html
    assert 'href="?page=1"' in html


def test_tag_filter_shows_only_news_with_that_tag_and_keeps_it_when_paging(client, news_index):
    for n in range(NEWS_PER_PAGE + 1):
        make_news(news_index, title=f"Idésluss {n}", slug=f"ide-{n}", tags=["Idésluss"])
    make_news(news_index, title="Om upphandling", slug="upphandling", tags=["Upphandling"])

    response = client.get("/nyheter/?tag=idesluss")

    assert response.status_code == 200
    assert "Om upphandling" not in titles_on(response)
    html = response.content.decode()
    assert "11 nyheter med taggen ”Idésluss”" in html
    assert 'href="?tag=idesluss&amp;page=2"' in html
    page_two = client.get("/nyheter/?tag=idesluss&page=2")
    assert titles_on(page_two) == ["Idésluss 0"]


def test_unknown_tag_gives_an_empty_list_with_a_way_back(client, news_index):
    make_news(news_index, title="En nyhet")

    response = client.get("/nyheter/?tag=finns-inte")

    assert response.status_code == 200
    assert titles_on(response) == []
    assert "Det finns inga nyheter med den taggen." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=99999", "page=0", "page=-1", "page=1.5", "tag=idesluss&page=zz"],
)
def test_a_page_number_that_does_not_exist_is_not_found(client, news_index, query):
    make_news(news_index)

    response = client.get(f"/nyheter/?{query}")

    assert response.status_code == 404
    assert "Sidan kunde inte hittas" in response.content.decode()


def test_markup_in_the_tag_is_never_echoed(client, news_index):
    make_news(news_index, tags=["Idésluss"])

    response = client.get("/nyheter/", {"tag": "<script>alert(1)</script>"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" not in html
    assert "Det finns inga nyheter med den taggen." in html


def test_a_nul_byte_in_the_tag_is_an_unknown_tag(client, news_index):
    response = client.get("/nyheter/", {"tag": "ide\x00sluss"})

    assert response.status_code == 200
    assert "Det finns inga nyheter med den taggen." in response.content.decode()


def test_news_index_queries_do_not_grow_with_the_list(
    client, news_index, django_assert_max_num_queries
):
    for n in range(3):
        make_news(news_index, tags=["Idésluss", f"Tagg {n}"])
    client.get("/nyheter/")  # warm Wagtail's site cache
    with django_assert_max_num_queries(25) as few:
        client.get("/nyheter/")
    baseline = len(few.captured_queries)  # read now: the query log is bounded
    for n in range(25):
        make_news(news_index, tags=["Idésluss", f"Tagg {n}"])
    with django_assert_max_num_queries(baseline):
        response = client.get("/nyheter/")
    assert len(response.context["news_page"].object_list) == 10


def test_home_page_queries_do_not_grow_with_the_news(
    client, news_index, django_assert_max_num_queries
):
    make_news(news_index)
    client.get("/")
    with django_assert_max_num_queries(25) as few:
        client.get("/")
    baseline = len(few.captured_queries)  # read now: the query log is bounded
    for _ in range(15):
        make_news(news_index)
    with django_assert_max_num_queries(baseline):
        client.get("/")


def test_rss_feed_parses_and_lists_the_news(client, news_index):
    make_news(news_index, title="Äldre nyhet", slug="aldre", tags=["Vinnova"])
    make_news(news_index, title="Ny nyhet om idéslussar", slug="ny", tags=["Idésluss"])

    response = client.get("/nyheter/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Ny nyhet om idéslussar", "Äldre nyhet"]
    assert items[0].findtext("link") == "http://localhost/nyheter/ny/"
    assert items[0].findtext("category") == "Idésluss"
    assert items[0].findtext("description")


def test_news_index_links_its_feed(client, news_index):
    html = client.get("/nyheter/").content.decode()

    assert 'type="application/rss+xml"' in html
    assert 'href="/nyheter/feed/"' in html
