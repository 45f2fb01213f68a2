"""One login path: the admin's login, Wagtail's private-page login and the admin's password
reset all lead to allauth, with its rate limits and mandatory email verification."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import PageViewRestriction

from tests.factories import PASSWORD, make_member, make_standard_page, make_user

pytestmark = pytest.mark.django_db

TOO_MANY = "För många misslyckade inloggningsförsök"


@pytest.fixture
def editor(home_page):
    editor = make_member("redaktor@samverkan.se")
    editor.user.groups.add(Group.objects.get(name="Editors"))
    return editor.user


def logged_in(client):
    return "_auth_user_id" in client.session


def test_the_admin_login_page_leads_to_allauths_login_and_back(client, editor):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    # Someone who came to the admin is sent there, and back after logging in.
    assert client.get("/admin/")["Location"] == "/accounts/login/?next=/admin/"
    # Only addresses on this site are carried along.
    assert client.get("/admin/login/?next=https://evil.example/")["Location"] == (
        "/accounts/login/?next=%2Fadmin%2F"
    )


def test_fifty_wrong_passwords_at_the_admin_login_are_never_checked_there(client, editor):
    for attempt in range(50):
        response = client.post(
            "/admin/login/", {"username": editor.email, "password": f"fel-losenord-{attempt}"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    # Not even the right password logs anyone in there: only allauth's form does.
    client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    assert not logged_in(client)


def test_whoever_follows_the_admin_login_meets_allauths_limit(client, editor):
    refused = []
    for attempt in range(50):
        login_page = client.post(
            "/admin/login/", {"username": editor.email, "password": f"fel-{attempt}"}
        )["Location"]
        response = client.post(login_page, {"login": editor.email, "password": f"fel-{attempt}"})
        refused.append(response.status_code == 429 or TOO_MANY in response.content.decode())

    assert refused[:5] == [False] * 5
    assert all(refused[5:])  # per account: 5 failures in 5 minutes
    response = client.post("/accounts/login/", {"login": editor.email, "password": PASSWORD})
    assert not logged_in(client)


def test_wagtails_private_page_login_leads_to_allauth(client, home_page):
    member = make_member("anna.lindberg@boras.se")
    private = make_standard_page(home_page, title="Internt", slug="internt")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/internt/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/internt/"
    for attempt in range(50):
        response = client.post(
            "/_util/login/?next=/internt/",
            {"username": member.user.email, "password": f"fel-{attempt}"},
        )
        assert response["Location"] == "/accounts/login/?next=%2Finternt%2F"
    client.post("/_util/login/", {"username": member.user.email, "password": PASSWORD})
    assert not logged_in(client)

    response = client.post(
        "/accounts/login/?next=/internt/", {"login": member.user.email, "password": PASSWORD}
    )
    assert response["Location"] == "/internt/"
    assert client.get("/internt/").status_code == 200


def test_the_admin_password_reset_sends_nothing_and_leads_to_allauths(client, editor):
    for _ in range(12):
        response = client.post("/admin/password_reset/", {"email": editor.email})
        assert response.status_code == 302
        assert response["Location"] == "/accounts/password/reset/"

    assert mail.outbox == []
    # allauth's reset limits how many emails one address gets.
    answers = [
        client.post("/accounts/password/reset/", {"email": editor.email}).status_code
        for _ in range(12)
    ]
    assert len(mail.outbox) == 5
    assert answers[5:] == [429] * 7
    assert client.get("/admin/password_reset/done/").status_code == 404


def test_an_unverified_account_cannot_get_into_the_admin(client, home_page):
    user = make_user("ny.redaktor@samverkan.se")
    user.groups.add(Group.objects.get(name="Editors"))
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    login_page = client.post("/admin/login/", {"username": user.email, "password": PASSWORD})[
        "Location"
    ]
    response = client.post(login_page, {"login": user.email, "password": PASSWORD})

    assert response["Location"] == "/accounts/confirm-email/"
    assert not logged_in(client)
    assert client.get("/admin/")["Location"] == "/accounts/login/?next=/admin/"


def test_a_member_turned_away_by_the_admin_sees_the_login_page_not_a_loop(client, home_page):
    member = make_member("anna.lindberg@boras.se")
    client.post("/accounts/login/", {"login": member.user.email, "password": PASSWORD})

    response = client.get("/admin/", follow=True)

    assert response.status_code == 200
    assert len(response.redirect_chain) == 1
    assert response.redirect_chain[0][0] == "/accounts/login/?next=/admin/"
    assert 'name="password"' in response.content.decode()
