"""Network admins approve and suspend members in the Wagtail admin; members are told."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from members.models import MemberProfile
from tests.factories import PASSWORD, make_member, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_admin(home_page):
    admin = make_member("nils@skr.se")
    admin.user.groups.add(Group.objects.get(name="Network admins"))
    return admin


def test_network_admins_see_the_queue_of_pending_members(client, network_admin):
    make_member("nora@gmail.com", status="pending")
    make_member("anna@boras.se")
    client.force_login(network_admin.user)

    response = client.get("/admin/membership/queue/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "nora@gmail.com" in html
    assert "anna@boras.se" not in html


def test_approving_adds_the_member_and_emails_them(client, network_admin):
    nora = make_member("nora@gmail.com", status="pending")
    client.force_login(network_admin.user)

    response = client.post(f"/admin/membership/{nora.pk}/approve/")

    assert response.status_code == 302
    nora.refresh_from_db()
    assert nora.status == MemberProfile.Status.APPROVED
    assert nora.user.groups.filter(name="Members").exists()
    assert mail.outbox[-1].to == ["nora@gmail.com"]
    assert "godkänt" in mail.outbox[-1].subject
    assert "/medlemmar/" in mail.outbox[-1].body


def test_suspending_ends_the_members_session_at_once_and_emails_them(client, network_admin):
    from django.test import Client

    anna = make_member("anna@boras.se")
    anna_browser = Client()
    assert anna_browser.login(username="anna@boras.se", password=PASSWORD)
    assert anna_browser.get("/medlemmar/").status_code == 200
    client.force_login(network_admin.user)

    client.post(f"/admin/membership/{anna.pk}/suspend/")

    anna.refresh_from_db()
    assert anna.status == MemberProfile.Status.SUSPENDED
    assert not anna.user.has_perm("members.access_members_only")
    assert "avstängt" in mail.outbox[-1].subject
    response = anna_browser.get("/medlemmar/")
    assert response.status_code == 302
    assert response["Location"] == "/medlemmar/avstangd/"
    assert "_auth_user_id" not in anna_browser.session
    assert "Medlemskapet är avstängt" in anna_browser.get("/medlemmar/avstangd/").content.decode()


def test_a_suspended_member_who_logs_in_again_is_sent_out(client, network_admin):
    make_member("tobias@gmail.com", status="suspended")

    client.post("/accounts/login/", {"login": "tobias@gmail.com", "password": PASSWORD})
    response = client.get("/medlemmar/")

    assert response.status_code == 302
    assert response["Location"] == "/medlemmar/avstangd/"


def test_members_cannot_approve_anyone(client, home_page):
    member = make_member("anna@boras.se")
    nora = make_member("nora@gmail.com", status="pending")
    client.force_login(member.user)

    response = client.post(f"/admin/membership/{nora.pk}/approve/")

    assert response.status_code in (302, 403)
    nora.refresh_from_db()
    assert nora.status == MemberProfile.Status.PENDING
    assert client.get("/admin/membership/queue/").status_code in (302, 403)


def test_an_unknown_decision_is_not_found(client, network_admin):
    nora = make_member("nora@gmail.com", status="pending")
    client.force_login(network_admin.user)

    assert client.post(f"/admin/membership/{nora.pk}/delete-everything/").status_code == 404
    assert client.post("/admin/membership/999999/approve/").status_code == 404


def test_network_admins_manage_organisations_and_their_domains(client, network_admin):
    client.force_login(network_admin.user)

    response = client.post(
        "/admin/snippets/network/organisation/add/",
        {
            "name": "Umeå kommun",
            "slug": "umea-kommun",
            "kind": "municipality",
            "county": "vasterbotten",
            "website": "https://www.umea.se",
            "organisation_number": "212000-2627",
            "email_domains-TOTAL_FORMS": "1",
            "email_domains-INITIAL_FORMS": "0",
            "email_domains-MIN_NUM_FORMS": "0",
            "email_domains-MAX_NUM_FORMS": "1000",
            "email_domains-0-domain": "UMEA.se",
            "email_domains-0-ORDER": "1",
            "email_domains-0-DELETE": "",
            "email_domains-0-id": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    from network.models import Organisation

    umea = Organisation.objects.get(slug="umea-kommun")
    assert [d.domain for d in umea.email_domains.all()] == ["umea.se"]
    listing = client.get("/admin/snippets/network/organisation/?q=Umeå")
    assert "Umeå kommun" in listing.content.decode()


def test_a_bad_domain_is_refused_with_a_message(client, network_admin):
    client.force_login(network_admin.user)

    response = client.post(
        "/admin/snippets/network/organisation/add/",
        {
            "name": "Lunds kommun",
            "slug": "lunds-kommun",
            "kind": "municipality",
            "email_domains-TOTAL_FORMS": "1",
            "email_domains-INITIAL_FORMS": "0",
            "email_domains-MIN_NUM_FORMS": "0",
            "email_domains-MAX_NUM_FORMS": "1000",
            "email_domains-0-domain": "@lund.se",
            "email_domains-0-ORDER": "1",
            "email_domains-0-DELETE": "",
            "email_domains-0-id": "",
        },
    )

    assert response.status_code == 200
    assert "boras.se" in response.content.decode()  # the message shows the expected form


def test_a_domain_registered_later_approves_at_the_next_confirmation(client, home_page):
    make_organisation("Lunds kommun", "lunds-kommun", ["lund.se"])
    pending = make_member("karin@lund.se", status="pending")
    from members.approval import approve_by_verified_domain

    assert approve_by_verified_domain(pending.user)
    pending.refresh_from_db()
    assert pending.status == MemberProfile.Status.APPROVED
    assert pending.organisation.slug == "lunds-kommun"


def test_network_admins_find_members_in_the_admin(client, network_admin):
    make_member("nora.ali@gmail.com", status="pending")
    client.force_login(network_admin.user)

    listing = client.get("/admin/snippets/members/memberprofile/?q=nora")
    filtered = client.get("/admin/snippets/members/memberprofile/?status=pending")

    assert listing.status_code == 200 and "nora.ali@gmail.com" in listing.content.decode()
    assert "nora.ali@gmail.com" in filtered.content.decode()
    assert "nils@skr.se" not in filtered.content.decode()
