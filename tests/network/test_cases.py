"""Cases: the index and its filters, case pages, open data, and who sees what."""

import csv
import io
import json

import pytest
from defusedxml.ElementTree import fromstring
from django.core import mail

from network.models import CaseContact, CaseIndexPage, CasePage, CaseReuse
from tests.factories import (
    make_case,
    make_case_index,
    make_member,
    make_method,
    make_news_index,
    make_organisation,
)
from tests.responses import body

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(db):
    return {
        "boras": make_organisation(
            "Borås Stad", "boras-stad", ["boras.se"], county="vastra-gotaland"
        ),
        "pitea": make_organisation(
            "Piteå kommun", "pitea-kommun", ["pitea.se"], county="norrbotten"
        ),
        "skelleftea": make_organisation(
            "Skellefteå kommun", "skelleftea-kommun", ["skelleftea.se"], county="vasterbotten"
        ),
    }


@pytest.fixture
def index(home_page):
    return make_case_index(home_page)


@pytest.fixture
def cases(index, orgs):
    sluice = make_method("Idésluss", "idesluss")
    design = make_method("Tjänstedesign", "tjanstedesign")
    return {
        "sluice": make_case(
            index,
            title="Idésluss för hållbar samhällsutveckling",
            slug="idesluss-hallbar",
            coordinator=orgs["pitea"],
            partners=[orgs["skelleftea"]],
            status="completed",
            methods=[sluice],
            tags=["Idésluss", "Digitalisering"],
            summary="Ett nätverk av idécoacher i Piteå och Skellefteå.",
        ),
        "platform": make_case(
            index,
            title="Innovationsplattformen i Borås",
            slug="plattformen",
            coordinator=orgs["boras"],
            status="ongoing",
            methods=[design],
            tags=["Innovationsledning"],
        ),
        "secret": make_case(
            index,
            title="Hemlig pilot om försörjningsstöd",
            slug="hemlig-pilot",
            coordinator=orgs["boras"],
            status="ongoing",
            methods=[design],
            tags=["Idésluss"],
            visibility="members",
            summary="Bara för medlemmar.",
        ),
    }


def titles(response):
    return sorted(case.title for case in response.context["cases_page"].object_list)


class TestPageTree:
    def test_case_index_sits_once_under_the_home_page(self, home_page):
        assert CaseIndexPage.can_create_at(home_page)
        make_case_index(home_page)
        assert not CaseIndexPage.can_create_at(home_page)

    def test_cases_live_only_under_the_case_index(self, home_page, index):
        news_index = make_news_index(home_page)
        assert CasePage.can_create_at(index)
        assert not CasePage.can_create_at(home_page)
        assert not CasePage.can_create_at(news_index)
        assert CasePage.allowed_subpage_models() == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Idésluss för hållbar samhällsutveckling", "Innovationsplattformen i Borås"]),
        ("tag=idesluss", ["Idésluss för hållbar samhällsutveckling"]),
        ("organisation=skelleftea-kommun", ["Idésluss för hållbar samhällsutveckling"]),
        ("organisation=boras-stad", ["Innovationsplattformen i Borås"]),
        ("status=completed", ["Idésluss för hållbar samhällsutveckling"]),
        ("county=vastra-gotaland", ["Innovationsplattformen i Borås"]),
        ("method=tjanstedesign", ["Innovationsplattformen i Borås"]),
        ("q=idécoacher", ["Idésluss för hållbar samhällsutveckling"]),
        (
            "tag=idesluss&status=completed&county=norrbotten&method=idesluss",
            ["Idésluss för hållbar samhällsutveckling"],
        ),
        ("tag=idesluss&organisation=boras-stad", []),
        ("tag=digitalisering", ["Idésluss för hållbar samhällsutveckling"]),
        ("tag=idesluss&method=idesluss", ["Idésluss för hållbar samhällsutveckling"]),
        ("organisation=pitea-kommun&status=completed", ["Idésluss för hållbar samhällsutveckling"]),
        (
            "organisation=skelleftea-kommun&county=norrbotten",
            ["Idésluss för hållbar samhällsutveckling"],
        ),
        ("county=vastra-gotaland&method=tjanstedesign&sort=az", ["Innovationsplattformen i Borås"]),
        ("status=ongoing&q=idécoacher", []),
        ("tag=+idesluss+&sort=", ["Idésluss för hållbar samhällsutveckling"]),
    ],
)
def test_filters_combine_in_the_query_string(client, cases, query, expected):
    response = client.get(f"/case/?{query}")

    assert response.status_code == 200
    assert titles(response) == sorted(expected)


@pytest.mark.parametrize(
    "query",
    [
        "tag=finns-inte",
        "organisation=okand",
        "status=paused",
        "county=atlantis",
        "method=magi",
        "tag=<script>alert(1)</script>",
        "organisation=%00",
        "sort=drop-table",
        # The filter layer (network/filters.py) refuses what it cannot use: nothing, never all.
        "organisation=<script>",
        "county=99",
        "status=99",
        "method=%00",
        "sort=drop table",
        "sort=-title",
        "tag=ides%0Aluss",
        "tag=idesluss&county=99",
        "q=x&organisation=<script>&sort=az",
    ],
)
def test_unknown_filter_values_give_an_empty_result_never_an_error(client, cases, query):
    response = client.get(f"/case/?{query}")

    assert response.status_code == 200
    # An unknown sort too: it gives nothing rather than a silently different order.
    assert titles(response) == []
    assert response.context["cases_page"].paginator.count == 0
    assert "<script>alert(1)" not in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize(
    "query", ["page=abc", "page=999", "page=0", "page=99999", "tag=idesluss&page=2"]
)
def test_a_page_that_does_not_exist_is_not_found(client, cases, query):
    assert client.get(f"/case/?{query}").status_code == 404


def test_each_choice_shows_how_many_cases_it_gives(client, cases):
    response = client.get("/case/?tag=idesluss")

    facets = response.context["facets"]
    assert ("completed", "Avslutat", 1) in facets["status"]
    assert ("ongoing", "Pågående", 0) in facets["status"]
    # A filter's own choices count without it, so other tags stay reachable.
    assert ("innovationsledning", "Innovationsledning", 1) in facets["tag"]
    assert ("pitea-kommun", "Piteå kommun", 1) in facets["organisation"]


def test_sorting_by_most_reused_and_a_to_z(client, cases, orgs):
    CaseReuse.objects.create(
        case=cases["platform"], organisation=orgs["pitea"], adopted_on="2024-01-01"
    )

    reused = client.get("/case/?sort=reused").context["cases_page"].object_list
    az = client.get("/case/?sort=az").context["cases_page"].object_list

    assert reused[0].title == "Innovationsplattformen i Borås"
    assert [c.title for c in az] == sorted(c.title for c in az)


def test_the_case_page_shows_what_the_record_holds(client, cases, orgs):
    case = cases["sluice"]
    case.funder = orgs["pitea"]
    case.funding_amount = 400000
    case.funding_programme = "Idéslussar i kommuner – förstudier"
    case.challenge = "<p>Idéer saknade en väg.</p>"
    case.save_revision().publish()

    html = client.get(case.url).content.decode()

    assert "Idésluss för hållbar samhällsutveckling" in html
    assert "Idéer saknade en väg." in html
    assert "Skellefteå kommun" in html
    assert "400\xa0000 kr" in html or "400 000 kr" in html
    assert "Idéslussar i kommuner – förstudier" in html


def test_related_cases_share_tags_or_methods(client, cases, index, orgs):
    other = make_case(
        index, title="Idéslussen i Skellefteå", tags=["Idésluss"], coordinator=orgs["skelleftea"]
    )
    make_case(index, title="Helt orelaterad", tags=["Parkering"])

    response = client.get(cases["sluice"].url)

    related = [case.title for case in response.context["related_cases"]]
    assert other.title in related
    assert "Helt orelaterad" not in related
    assert "Hemlig pilot om försörjningsstöd" not in related  # members-only, visitor


class TestMembersOnlyCases:
    def test_a_visitor_never_sees_a_members_only_case_anywhere(self, client, cases, orgs):
        secret = "Hemlig pilot"
        assert secret not in client.get("/case/").content.decode()
        assert client.get(cases["secret"].url).status_code == 302  # to the login page
        assert secret not in client.get("/sok/?q=hemlig").content.decode()
        assert secret not in client.get("/case/feed/").content.decode()
        assert secret not in body(client.get("/case/export.csv")).decode()
        assert secret not in body(client.get("/case/export.json")).decode()
        assert secret not in client.get("/organisationer/boras-stad/").content.decode()
        assert secret not in client.get("/sitemap.xml").content.decode()
        assert secret not in client.get("/").content.decode()
        assert secret not in client.get("/case/?q=hemlig").content.decode()

    def test_an_approved_member_sees_it(self, client, cases):
        member = make_member("anna@boras.se")
        client.force_login(member.user)

        assert "Hemlig pilot" in client.get("/case/").content.decode()
        assert client.get(cases["secret"].url).status_code == 200
        assert "Hemlig pilot" in client.get("/sok/?q=hemlig").content.decode()

    def test_a_pending_member_does_not(self, client, cases):
        pending = make_member("nora@gmail.com", status="pending")
        client.force_login(pending.user)

        assert "Hemlig pilot" not in client.get("/case/").content.decode()
        assert client.get(cases["secret"].url).status_code == 404

    def test_members_only_cases_stay_out_of_the_open_data_even_for_members(self, client, cases):
        client.force_login(make_member("anna@boras.se").user)

        assert "Hemlig pilot" not in body(client.get("/case/export.json")).decode()


def test_the_csv_export_has_stable_columns_and_keeps_swedish_letters(client, cases):
    response = client.get("/case/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0].keys())[:5] == ["id", "url", "title", "summary", "status"]
    sluice = next(row for row in rows if row["title"].startswith("Idésluss"))
    assert sluice["coordinator"] == "Piteå kommun"
    assert sluice["partners"] == "Skellefteå kommun"
    assert sluice["tags"] == "Digitalisering; Idésluss"
    assert sluice["methods"] == "Idésluss"


def test_the_json_export_lists_public_cases_with_the_same_columns(client, cases):
    data = json.loads(body(client.get("/case/export.json")))

    assert data["columns"][:3] == ["id", "url", "title"]
    titles = {case["title"] for case in data["cases"]}
    assert titles == {"Idésluss för hållbar samhällsutveckling", "Innovationsplattformen i Borås"}
    sluice = next(case for case in data["cases"] if case["title"].startswith("Idésluss"))
    assert sluice["partners"] == ["Skellefteå kommun"]
    assert set(sluice) == set(data["columns"])


def test_the_rss_feed_of_new_cases_parses(client, cases):
    response = client.get("/case/feed/")

    assert response.status_code == 200
    items = fromstring(response.content).find("channel").findall("item")
    assert {item.findtext("title") for item in items} == {
        "Idésluss för hållbar samhällsutveckling",
        "Innovationsplattformen i Borås",
    }


def test_the_index_queries_stay_the_same_with_200_cases(
    client, index, orgs, django_assert_max_num_queries
):
    design = make_method("Tjänstedesign", "tjanstedesign")
    for n in range(3):
        make_case(
            index,
            coordinator=orgs["boras"],
            partners=[orgs["pitea"]],
            methods=[design],
            tags=[f"Ämne {n}"],
            publish_revision=False,
        )
    client.get("/case/")
    with django_assert_max_num_queries(60) as few:
        client.get("/case/?tag=amne-1&sort=reused")
    baseline = len(few.captured_queries)  # read now: the query log is bounded
    for n in range(197):
        make_case(
            index,
            coordinator=orgs["boras"],
            partners=[orgs["pitea"]],
            methods=[design],
            tags=[f"Ämne {n % 40}"],
            publish_revision=False,
        )

    with django_assert_max_num_queries(baseline):
        response = client.get("/case/?tag=amne-1&sort=reused")
    with django_assert_max_num_queries(baseline):
        full = client.get("/case/")
    assert full.context["cases_page"].paginator.count == 200
    assert len(full.context["cases_page"].object_list) == 20
    assert response.status_code == 200


def test_a_reuse_shows_on_the_case_and_both_organisations_and_emails_the_contacts(
    client, cases, orgs
):
    case = cases["platform"]
    contact = make_member("anna.lindberg@boras.se", organisation=orgs["boras"])
    CaseContact.objects.create(case=case, user=contact.user)
    reuser = make_member("ida@pitea.se", organisation=orgs["pitea"])
    client.force_login(reuser.user)

    response = client.post(
        f"/case/ateranvand/{case.pk}/",
        {
            "organisation": orgs["pitea"].pk,
            "adopted_on": "2025-03-01",
            "adaptation": "Anpassat för en mindre kommun.",
        },
    )

    assert response.status_code == 302
    assert "Piteå kommun" in client.get(case.url).content.decode()
    assert "Anpassat för en mindre kommun." in client.get(case.url).content.decode()
    assert case.title in client.get("/organisationer/pitea-kommun/").content.decode()
    assert case.title in client.get("/organisationer/boras-stad/").content.decode()
    assert mail.outbox[-1].to == ["anna.lindberg@boras.se"]
    assert "Piteå kommun" in mail.outbox[-1].subject


def test_a_reuse_needs_an_approved_member_and_a_valid_form(client, cases, orgs):
    case = cases["platform"]
    assert client.post(f"/case/ateranvand/{case.pk}/", {}).status_code == 302  # to login
    client.force_login(make_member("ida@pitea.se").user)

    response = client.post(
        f"/case/ateranvand/{case.pk}/", {"organisation": "", "adopted_on": "inte ett datum"}
    )

    assert response.status_code == 400
    assert not CaseReuse.objects.exists()
    assert client.post("/case/ateranvand/999999/", {}).status_code == 404


# The filter layer (network/filters.py): one FilterSet, strict about what it cannot use.


def test_the_form_shows_what_was_chosen_and_the_cleaned_text(client, cases):
    response = client.get("/case/?status=completed&sort=az&q=++id%C3%A9coacher%09i++Pite%C3%A5")

    assert response.context["query"] == "idécoacher i Piteå"
    assert response.context["sort"] == "az"
    assert response.context["selected"]["status"] == "completed"
    assert response.context["is_filtered"]
    html = response.content.decode()
    assert '<option value="completed" selected>' in html
    assert '<option value="az" selected>' in html


def test_a_case_with_many_partners_is_listed_and_counted_once(client, index, orgs):
    make_case(
        index,
        title="Gemensam idésluss",
        coordinator=orgs["pitea"],
        partners=[orgs["skelleftea"], orgs["boras"], orgs["pitea"]],
        tags=["Idésluss"],
    )

    response = client.get("/case/?organisation=pitea-kommun&tag=idesluss&sort=reused")

    assert titles(response) == ["Gemensam idésluss"]
    assert response.context["cases_page"].paginator.count == 1


def test_an_organisation_counts_a_case_once_when_it_coordinates_and_partners_in_it(
    client, cases, index, orgs
):
    make_case(
        index,
        title="Borås och Piteå tillsammans",
        coordinator=orgs["boras"],
        partners=[orgs["boras"], orgs["pitea"]],
        status="idea",
    )

    facets = client.get("/case/").context["facets"]["organisation"]

    # Borås: the platform and the joint case (the members-only pilot is hidden from visitors);
    # Piteå: the sluice it coordinates and the joint case it partners in.
    assert facets == [
        ("boras-stad", "Borås Stad", 2),
        ("pitea-kommun", "Piteå kommun", 2),
        ("skelleftea-kommun", "Skellefteå kommun", 1),
    ]
    # Each count is what choosing the organisation gives.
    for slug, _name, n in facets:
        response = client.get(f"/case/?organisation={slug}")
        assert response.context["cases_page"].paginator.count == n


def test_the_counts_follow_the_text_query_and_the_other_filters(client, cases):
    facets = client.get("/case/?q=idécoacher").context["facets"]

    assert ("completed", "Avslutat", 1) in facets["status"]
    assert ("ongoing", "Pågående", 0) in facets["status"]
    assert [slug for slug, _name, _n in facets["organisation"]] == [
        "pitea-kommun",
        "skelleftea-kommun",
    ]
    assert facets["county"] == [("norrbotten", "Norrbottens län", 1)]


def test_every_filter_at_once_keeps_the_queries_bounded(
    client, index, orgs, django_assert_max_num_queries
):
    design = make_method("Tjänstedesign", "tjanstedesign")
    query = (
        "/case/?tag=amne-1&organisation=pitea-kommun&status=ongoing&county=vastra-gotaland"
        "&method=tjanstedesign&q=kommun&sort=reused"
    )

    def add_cases(count):
        for n in range(count):
            make_case(
                index,
                summary="En kommun provar.",
                coordinator=orgs["boras"],
                partners=[orgs["pitea"], orgs["skelleftea"]],
                methods=[design],
                tags=[f"Ämne {n % 3}"],
                status="ongoing",
                publish_revision=False,
            )

    add_cases(3)
    client.get(query)
    with django_assert_max_num_queries(60) as few:
        client.get(query)
    baseline = len(few.captured_queries)
    add_cases(60)

    with django_assert_max_num_queries(baseline):
        response = client.get(query)
    assert response.context["cases_page"].paginator.count == 21
    assert ("pitea-kommun", "Piteå kommun", 21) in response.context["facets"]["organisation"]
