"""The member directory and profiles: who sees what."""

import pytest
from django.urls import reverse

from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def boras(db):
    return make_organisation()


@pytest.fixture
def anna(boras):
    return make_member(
        "anna.lindberg@boras.se",
        organisation=boras,
        title="Innovationsstrateg",
        phone="070-123 45 67",
        bio="Leder arbetet med innovationsplattformen.",
        county="vastra-gotaland",
        is_idea_coach=True,
        expertise=["Tjänstedesign", "ISO 56002"],
        visibility="public",
    )


def test_a_visitor_is_sent_to_log_in(client, home_page, anna):
    response = client.get("/medlemmar/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/medlemmar/")


def test_a_pending_member_is_refused_with_their_status(client, home_page, anna):
    pending = make_member("nora@gmail.com", status="pending")
    client.force_login(pending.user)

    response = client.get("/medlemmar/")

    assert response.status_code == 403
    assert "anna.lindberg@boras.se" not in response.content.decode()


def test_an_approved_member_sees_the_directory_with_contact_free_cards(client, home_page, anna):
    viewer = make_member("erik@boras.se", organisation=anna.organisation)
    client.force_login(viewer.user)

    response = client.get("/medlemmar/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna Lindberg" in html and "Innovationsstrateg" in html and "Borås Stad" in html
    assert "Idécoach" in html


def test_pending_and_suspended_members_are_not_in_the_directory(client, home_page, anna):
    make_member("nora@gmail.com", status="pending")
    make_member("tobias@gmail.com", status="suspended")
    client.force_login(anna.user)

    html = client.get("/medlemmar/").content.decode()

    assert "Nora" not in html and "Tobias" not in html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("q=strateg", True),
        ("q=plattformen", True),
        ("q=lindberg+anna", True),
        ("q=ingen-sadan", False),
        ("organisation=boras-stad", True),
        ("organisation=okand", False),
        ("county=vastra-gotaland", True),
        ("county=skane", False),
        ("county=<script>", False),
        ("expertise=tjanstedesign", True),
        ("expertise=okand", False),
        ("coach=1", True),
        ("organisation=boras-stad&county=vastra-gotaland&expertise=iso-56002&coach=1", True),
        ("organisation=boras-stad&county=skane", False),
    ],
)
def test_directory_filters_combine_in_the_query_string(client, home_page, anna, query, found):
    viewer = make_member("erik@gmail.com", is_idea_coach=False)
    client.force_login(viewer.user)

    response = client.get(f"/medlemmar/?{query}")

    assert response.status_code == 200
    names = [member.name for member in response.context["members_page"].object_list]
    assert ("Anna Lindberg" in names) is found
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize("query", ["page=abc", "page=999", "q=" + "x" * 5000, "expertise=%00"])
def test_bad_directory_input_never_breaks(client, home_page, anna, query):
    client.force_login(anna.user)

    response = client.get(f"/medlemmar/?{query}")

    assert response.status_code in (200, 404)


def test_directory_queries_stay_the_same_however_many_members(
    client, home_page, boras, django_assert_max_num_queries
):
    viewer = make_member("viewer@boras.se", organisation=boras, expertise=["Idésluss"])
    client.force_login(viewer.user)
    client.get("/medlemmar/")
    with django_assert_max_num_queries(40) as few:
        client.get("/medlemmar/")
    baseline = len(few.captured_queries)  # read now: the query log is bounded
    for n in range(25):
        make_member(f"person{n}@boras.se", organisation=boras, expertise=["Idésluss", f"Ämne {n}"])

    with django_assert_max_num_queries(baseline):
        response = client.get("/medlemmar/")
    assert len(response.context["members_page"].object_list) == 20


@pytest.mark.parametrize(
    "query",
    [
        "organisation=<script>",
        "organisation=%00",
        "county=99",
        "expertise=finns-inte",
        "expertise=tj%C3%A4nstedesign",
        "coach=yes",
        "q=ingen-sadan&county=vastra-gotaland",
        "organisation=boras-stad&expertise=<script>",
    ],
)
def test_a_value_the_directory_cannot_use_gives_nobody_never_everybody(
    client, home_page, anna, query
):
    viewer = make_member("erik@boras.se", organisation=anna.organisation, county="skane")
    client.force_login(viewer.user)

    response = client.get(f"/medlemmar/?{query}")

    assert response.status_code == 200
    assert list(response.context["members_page"].object_list) == []
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize("query", ["page=abc", "page=99999", "coach=1&page=2"])
def test_a_page_past_the_directory_is_not_found(client, home_page, anna, query):
    client.force_login(anna.user)

    assert client.get(f"/medlemmar/?{query}").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Anna Lindberg", "Erik Ek"]),
        ("coach=1", ["Anna Lindberg"]),
        ("county=skane", ["Erik Ek"]),
        ("organisation=boras-stad", ["Anna Lindberg", "Erik Ek"]),
        ("organisation=boras-stad&expertise=idesluss", ["Erik Ek"]),
        ("expertise=+tjanstedesign+", ["Anna Lindberg"]),
        ("q=ek&organisation=boras-stad", ["Erik Ek"]),
        ("q=Innovations%09strateg", ["Anna Lindberg"]),
        ("q=anna%0Alindberg&coach=1&county=vastra-gotaland", ["Anna Lindberg"]),
    ],
)
def test_each_directory_filter_alone_and_combined(client, home_page, anna, query, expected):
    viewer = make_member(
        "erik.ek@boras.se", organisation=anna.organisation, county="skane", expertise=["Idésluss"]
    )
    viewer.user.first_name, viewer.user.last_name = "Erik", "Ek"
    viewer.user.save()
    client.force_login(viewer.user)

    response = client.get(f"/medlemmar/?{query}")

    assert response.status_code == 200
    names = sorted(member.name for member in response.context["members_page"].object_list)
    assert names == expected


def test_the_directory_form_keeps_what_was_chosen(client, home_page, anna):
    client.force_login(anna.user)

    response = client.get("/medlemmar/?q=++Anna%09Lindberg&county=vastra-gotaland&coach=1")

    assert response.context["query"] == "Anna Lindberg"
    assert response.context["coach"] is True
    html = response.content.decode()
    assert '<option value="vastra-gotaland" selected>' in html
    assert 'value="1" checked' in html


def test_filtered_directory_queries_stay_the_same_however_many_members(
    client, home_page, boras, django_assert_max_num_queries
):
    viewer = make_member(
        "viewer@boras.se",
        organisation=boras,
        county="skane",
        is_idea_coach=True,
        bio="En person i nätverket.",
        expertise=["Idésluss"],
    )
    client.force_login(viewer.user)
    query = "/medlemmar/?organisation=boras-stad&expertise=idesluss&county=skane&coach=1&q=person"
    client.get(query)
    with django_assert_max_num_queries(40) as few:
        client.get(query)
    baseline = len(few.captured_queries)
    for n in range(25):
        make_member(
            f"person{n}@boras.se",
            organisation=boras,
            county="skane",
            is_idea_coach=True,
            bio="En person i nätverket.",
            expertise=["Idésluss", f"Ämne {n}"],
        )

    with django_assert_max_num_queries(baseline):
        response = client.get(query)
    assert response.context["members_page"].paginator.count == 26
    assert len(response.context["members_page"].object_list) == 20


def test_a_public_profile_is_readable_by_visitors_without_contact_details(client, home_page, anna):
    response = client.get(anna.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna Lindberg" in html and "Leder arbetet" in html
    assert "anna.lindberg@boras.se" not in html
    assert "070-123 45 67" not in html
    assert "0701234567" not in html


def test_an_approved_member_sees_email_and_phone(client, home_page, anna):
    viewer = make_member("erik@boras.se")
    client.force_login(viewer.user)

    html = client.get(anna.get_absolute_url()).content.decode()

    assert "anna.lindberg@boras.se" in html
    assert "070-123 45 67" in html


def test_a_pending_member_does_not_see_contact_details(client, home_page, anna):
    pending = make_member("nora@gmail.com", status="pending")
    client.force_login(pending.user)

    html = client.get(anna.get_absolute_url()).content.decode()

    assert "anna.lindberg@boras.se" not in html


def test_a_members_only_profile_sends_visitors_to_log_in(client, home_page, anna):
    anna.visibility = "members"
    anna.save()

    response = client.get(anna.get_absolute_url())

    assert response.status_code == 302


def test_a_visitor_never_sees_email_or_phone_anywhere(client, home_page, anna):
    pages = ["/", "/medlemmar/", anna.get_absolute_url(), "/sok/?q=Anna", "/sitemap.xml"]
    for path in pages:
        html = client.get(path, follow=True).content.decode()
        assert "anna.lindberg@boras.se" not in html, path
        assert "070-123 45 67" not in html, path


def test_unknown_profile_is_not_found(client, home_page, anna):
    client.force_login(anna.user)

    assert client.get(reverse("members:profile", args=["finns-inte"])).status_code == 404


def test_home_page_shows_the_network_in_figures(client, home_page, anna):
    make_member("nora@gmail.com", status="pending")
    make_organisation("Umeå kommun", "umea-kommun", ["umea.se"])

    response = client.get("/")

    figures = {f["label"]: f["value"] for f in response.context["network_figures"]}
    assert figures == {"medlemmar": 1, "organisationer": 2}
