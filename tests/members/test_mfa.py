"""Editors and network admins use two-factor authentication (an authenticator app, with
recovery codes) before the admin opens; members may use it too."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group

from tests.factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db


def current_code(secret):
    """What the editor's authenticator app shows now."""
    if time.time() % 30 > 28:
        time.sleep(3)  # not at the edge of a 30-second period
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture
def editor(home_page):
    editor = make_member("redaktor@samverkan.se")
    editor.user.groups.add(Group.objects.get(name="Editors"))
    return editor.user


@pytest.fixture
def editor_with_app(editor):
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    codes = RecoveryCodes.activate(editor).get_unused_codes()
    return editor, secret, codes


def log_in(client, user, next_url="/admin/"):
    return client.post(
        f"/accounts/login/?next={next_url}", {"login": user.email, "password": PASSWORD}
    )


def test_an_editor_without_two_factor_authentication_is_sent_to_set_it_up(client, editor):
    response = log_in(client, editor)
    assert response["Location"] == "/admin/"

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # allauth asks for the password once more before changing how one logs in.
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    assert "message--warning" in page.content.decode()  # why the admin sent them here
    response = client.post(page.redirect_chain[-1][0], {"password": PASSWORD})
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Aktivera autentiseringsapp" in html  # allauth's own Swedish
    assert 'class="skip-link"' in html  # the site's own layout
    assert not Authenticator.objects.filter(user=editor).exists()


def test_setting_up_the_app_opens_the_admin_and_gives_recovery_codes(client, editor):
    log_in(client, editor)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]

    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    codes_page = client.get("/accounts/2fa/recovery-codes/").content.decode()
    codes = RecoveryCodes(
        Authenticator.objects.get(user=editor, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()
    assert all(code in codes_page for code in codes)
    assert client.get("/admin/").status_code == 200


def test_an_editor_with_the_app_logs_in_with_a_code_and_reaches_the_admin(client, editor_with_app):
    editor, secret, _ = editor_with_app

    response = log_in(client, editor)

    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone is not enough
    assert client.get("/admin/")["Location"] == "/accounts/login/?next=/admin/"
    form = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "Tvåfaktorsautentisering" in form
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_keeps_the_admin_closed(client, editor_with_app):
    editor, _, _ = editor_with_app
    log_in(client, editor)

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})

    assert response.status_code == 200
    assert "Felaktig kod." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_works_once(client, editor_with_app):
    editor, _, codes = editor_with_app
    log_in(client, editor)
    response = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.post("/accounts/logout/")

    log_in(client, editor)
    response = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})

    assert response.status_code == 200
    assert "Felaktig kod." in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/2fa/authenticate/", {"code": codes[1]})
    assert response["Location"] == "/admin/"


def test_network_admins_need_it_too(client, home_page):
    network_admin = make_member("nils@skr.se")
    network_admin.user.groups.add(Group.objects.get(name="Network admins"))
    log_in(client, network_admin.user, next_url="/admin/membership/queue/")

    response = client.get("/admin/membership/queue/")

    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_members_need_no_second_factor_but_may_set_one_up(client, home_page):
    member = make_member("anna.lindberg@boras.se")

    response = log_in(client, member.user, next_url="/medlemmar/")

    assert response["Location"] == "/medlemmar/"
    assert client.get("/medlemmar/").status_code == 200
    overview = client.get("/accounts/2fa/")
    assert overview.status_code == 200
    assert "Tvåfaktorsautentisering" in overview.content.decode()
    assert 'class="skip-link"' in overview.content.decode()


def test_the_admins_account_page_leads_to_allauths_settings(client, editor_with_app):
    editor, secret, _ = editor_with_app
    log_in(client, editor)
    client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})

    html = client.get("/admin/account/").content.decode()

    assert 'href="/accounts/2fa/"' in html
    assert 'href="/accounts/password/change/"' in html
    assert 'href="/accounts/email/"' in html
    assert 'name="new_password1"' not in html  # the admin's own password form is off
