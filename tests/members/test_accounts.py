"""Signing up, confirming the address, approval by organisation, logging in and out."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from members.models import MemberProfile
from tests.factories import PASSWORD, make_member, make_organisation

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Lina",
    "last_name": "Åberg",
    "password1": "ett-langt-losenord-2026",
    "password2": "ett-langt-losenord-2026",
    "accept_privacy": "on",
}


def confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/\S*confirm-email/\S+/)", message.body).group(1)


def sign_up_and_confirm(client, email):
    response = client.post("/accounts/signup/", {**SIGNUP, "email": email})
    assert response.status_code == 302, response.content.decode()[:2000]
    link = confirmation_link(mail.outbox[-1])
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    return get_user_model().objects.get(email__iexact=email).member_profile


def test_address_at_a_registered_domain_is_approved_at_once_and_affiliated(client, home_page):
    boras = make_organisation()

    profile = sign_up_and_confirm(client, "lina.aberg@boras.se")

    assert profile.status == MemberProfile.Status.APPROVED
    assert profile.organisation == boras
    assert profile.user.has_perm("members.access_members_only")
    assert profile.privacy_accepted_at is not None
    assert profile.name == "Lina Åberg"
    # Confirming logs the member in, and the directory opens.
    assert client.get("/medlemmar/").status_code == 200


def test_domains_match_whatever_the_case(client, home_page):
    make_organisation()

    profile = sign_up_and_confirm(client, "Lina.Aberg@BORAS.SE")

    assert profile.status == MemberProfile.Status.APPROVED


def test_any_other_address_waits_for_a_network_admin(client, home_page):
    make_organisation()

    profile = sign_up_and_confirm(client, "lina@gmail.com")

    assert profile.status == MemberProfile.Status.PENDING
    assert profile.organisation is None
    response = client.get("/medlemmar/")
    assert response.status_code == 403
    assert "Väntar på godkännande" in response.content.decode()


def test_nothing_members_only_before_the_address_is_confirmed(client, home_page):
    make_organisation()
    client.post("/accounts/signup/", {**SIGNUP, "email": "lina@boras.se"})

    profile = get_user_model().objects.get(email="lina@boras.se").member_profile
    assert profile.status == MemberProfile.Status.PENDING
    assert not EmailAddress.objects.get(email="lina@boras.se").verified
    client.post("/accounts/login/", {"login": "lina@boras.se", "password": SIGNUP["password1"]})
    assert client.get("/medlemmar/").status_code != 200


def test_signup_requires_accepting_the_privacy_policy_and_keeps_what_was_typed(client, home_page):
    data = {**SIGNUP, "email": "lina@boras.se"}
    del data["accept_privacy"]

    response = client.post("/accounts/signup/", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="lina@boras.se"' in html
    assert 'value="Åberg"' in html
    assert not get_user_model().objects.filter(email="lina@boras.se").exists()


def test_signing_up_twice_with_one_address_does_not_reveal_the_account(client, home_page):
    make_member("lina@boras.se")

    response = client.post("/accounts/signup/", {**SIGNUP, "email": "lina@boras.se"})

    # Same answer as for a new address: the existing owner is emailed instead.
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="lina@boras.se").count() == 1


def test_login_by_email_and_logout(client, home_page):
    make_member("anna.lindberg@boras.se")

    response = client.post(
        "/accounts/login/", {"login": "anna.lindberg@boras.se", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/medlemmar/").status_code == 200

    client.post("/accounts/logout/")
    assert client.get("/medlemmar/").status_code == 302


def test_wrong_password_gives_a_clear_message(client, home_page):
    make_member("anna.lindberg@boras.se")

    response = client.post(
        "/accounts/login/", {"login": "anna.lindberg@boras.se", "password": "fel-losenord"}
    )

    assert response.status_code == 200
    assert "lösenordet är felaktigt" in response.content.decode()


def test_password_reset_by_email(client, home_page):
    make_member("anna.lindberg@boras.se")

    client.post("/accounts/password/reset/", {"email": "anna.lindberg@boras.se"})
    link = re.search(r"https?://[^/\s]+(/\S*password/reset/key/\S+/)", mail.outbox[-1].body).group(
        1
    )
    form_page = client.get(link, follow=True)
    new = "ett-helt-nytt-losenord-99"
    response = client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})

    assert response.status_code == 302
    assert client.login(username="anna.lindberg@boras.se", password=new)


def test_password_reset_for_an_unknown_address_looks_the_same(client, home_page):
    response = client.post("/accounts/password/reset/", {"email": "ingen@example.se"})

    assert response.status_code == 302  # no hint that the address is unknown


def test_the_account_pages_are_in_the_site_design_in_both_languages(client, home_page):
    swedish = client.get("/accounts/login/").content.decode()
    english = client.get("/en/accounts/signup/").content.decode()

    assert 'class="site-header"' in swedish and "Logga in" in swedish
    assert '<html lang="en">' in english and "Sign Up" in english


def test_a_member_adds_an_address_which_must_be_verified_again(client, home_page):
    member = make_member("anna.lindberg@boras.se")
    client.force_login(member.user)

    assert client.get("/accounts/email/").status_code == 200
    response = client.post("/accounts/email/", {"action_add": "", "email": "anna@gmail.com"})

    assert response.status_code == 302
    added = EmailAddress.objects.get(email="anna@gmail.com")
    assert not added.verified
    assert "confirm-email" in mail.outbox[-1].body
