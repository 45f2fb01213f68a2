"""Wagtail's audit log (Reports → Site history) records failed logins, approvals,
suspensions and case moderation, each with who acted."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import ModelLogEntry, PageLogEntry

from network.models import CasePage
from tests.factories import make_case_index, make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "hemligt-fel-losenord"


@pytest.fixture
def superuser(home_page):
    return make_user("admin@samverkan.se", is_staff=True, is_superuser=True)


@pytest.fixture
def network_admin(home_page):
    admin = make_member("nils.nilsson@skr.se")
    admin.user.groups.add(Group.objects.get(name="Network admins"))
    return admin.user


def site_history(client, user):
    client.force_login(user)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_failed_login_is_logged_with_the_address_and_client_but_not_the_password(
    client, superuser
):
    anna = make_member("anna.lindberg@boras.se")

    client.post(
        "/accounts/login/",
        {"login": "anna.lindberg@boras.se", "password": WRONG_PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )

    entry = ModelLogEntry.objects.get(action="members.login_failed")
    assert entry.object_id == str(anna.pk)
    assert entry.data == {"email": "anna.lindberg@boras.se", "ip": "203.0.113.9"}
    assert entry.user is None
    html = site_history(client, superuser)
    assert "anna.lindberg@boras.se" in html and "203.0.113.9" in html
    assert WRONG_PASSWORD not in html
    assert not ModelLogEntry.objects.filter(data__icontains=WRONG_PASSWORD).exists()


def test_guesses_at_unknown_addresses_are_logged_too(client, superuser):
    client.post(
        "/accounts/login/",
        {"login": "vem@example.se", "password": WRONG_PASSWORD},
        REMOTE_ADDR="203.0.113.10",
    )

    entry = ModelLogEntry.objects.get(action="members.login_failed")
    assert entry.data == {"email": "vem@example.se", "ip": "203.0.113.10"}
    assert "vem@example.se" in site_history(client, superuser)


def test_a_successful_login_is_not_logged_as_failed(client, home_page):
    anna = make_member("anna.lindberg@boras.se")

    client.post("/accounts/login/", {"login": anna.user.email, "password": "correct-horse-battery"})

    assert "_auth_user_id" in client.session
    assert not ModelLogEntry.objects.filter(action="members.login_failed").exists()


def test_an_approval_is_logged_with_the_network_admin_who_decided(client, network_admin, superuser):
    nora = make_member("nora@gmail.com", status="pending")
    client.force_login(network_admin)

    client.post(f"/admin/membership/{nora.pk}/approve/")

    entry = ModelLogEntry.objects.get(action="members.approve")
    assert entry.object_id == str(nora.pk)
    assert entry.user == network_admin
    assert entry.data["from"] == "pending"
    # The network admin finds it in the member's history, a superuser in the site's.
    history = client.get(f"/admin/snippets/members/memberprofile/history/{nora.pk}/")
    assert history.status_code == 200
    assert "Nils Nilsson" in history.content.decode()
    html = site_history(client, superuser)
    assert "Nora" in html and "Nils Nilsson" in html


def test_a_suspension_is_logged_with_the_network_admin_who_decided(client, network_admin):
    anna = make_member("anna.lindberg@boras.se")
    client.force_login(network_admin)

    client.post(f"/admin/membership/{anna.pk}/suspend/")

    entry = ModelLogEntry.objects.get(action="members.suspend")
    assert entry.object_id == str(anna.pk)
    assert entry.user == network_admin
    assert entry.data["from"] == "approved"


def test_a_decision_that_changes_nothing_is_not_logged(client, network_admin):
    anna = make_member("anna.lindberg@boras.se")
    client.force_login(network_admin)

    client.post(f"/admin/membership/{anna.pk}/approve/")

    assert not ModelLogEntry.objects.filter(action="members.approve").exists()


def test_an_approval_by_email_domain_is_logged_as_automatic(client, home_page):
    make_organisation()
    client.post(
        "/accounts/signup/",
        {
            "first_name": "Lina",
            "last_name": "Åberg",
            "email": "lina.aberg@boras.se",
            "password1": "ett-langt-losenord-2026",
            "password2": "ett-langt-losenord-2026",
            "accept_privacy": "on",
        },
    )
    link = re.search(r"https?://[^/\s]+(/\S*confirm-email/\S+/)", mail.outbox[-1].body).group(1)

    client.post(link)

    entry = ModelLogEntry.objects.get(action="members.approve")
    assert entry.user is None
    assert entry.data == {"from": "pending", "automatic": True, "organisation": "Borås Stad"}


CASE = {
    "title": "Trygghetslarm som äldre själva formade",
    "summary": "Äldre och anhöriga formade nya larm.",
    "status": "ongoing",
    "start_date": "2024-01-15",
    "end_date": "",
    "challenge": "Larmen användes inte.",
    "approach": "Vi intervjuade tjugo personer.",
    "results": "",
    "innovation": "",
    "failures": "",
    "lessons": "",
    "users_and_beneficiaries": "Äldre i hemtjänsten",
    "funding_amount": "",
    "funding_programme": "",
    "funding_reference": "",
    "innovation_kind": "incremental",
    "tags": "Äldreomsorg",
    "visibility": "public",
}


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_case_moderation_decisions_are_logged_with_the_editor(client, home_page, action):
    boras = make_organisation()
    make_case_index(home_page)
    member = make_member("anna.lindberg@boras.se", organisation=boras)
    editor = make_user("redaktor@samverkan.se", first_name="Rut", last_name="Redaktör")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(member.user)
    assert client.post("/case/nytt/", {**CASE, "coordinator": boras.pk}).status_code == 302
    case = CasePage.objects.get()
    task_state = case.current_workflow_state.current_task_state
    client.force_login(editor)

    response = client.post(
        f"/admin/pages/workflow/action/{case.pk}/{action}/{task_state.pk}/",
        {"comment": "Bra, men beskriv resultaten."},
    )

    assert response.status_code in (200, 302)
    entry = PageLogEntry.objects.get(page=case, action=f"wagtail.workflow.{action}")
    assert entry.user == editor
    assert entry.data["comment"] == "Bra, men beskriv resultaten."
