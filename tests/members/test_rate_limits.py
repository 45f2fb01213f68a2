"""Rate limits that hold behind a load balancer and whatever Host a request names, and
signup answers that take as long for a registered address as for a new one."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import override_settings

from tests.factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db

TOO_MANY = "För många misslyckade inloggningsförsök"
LOAD_BALANCER = "10.0.0.2"


def via_load_balancer(client, client_ip, login, password, **extra):
    """A login as the app server sees it behind one proxy: the proxy's address as the
    peer, the client's appended to X-Forwarded-For."""
    return client.post(
        "/accounts/login/",
        {"login": login, "password": password},
        REMOTE_ADDR=LOAD_BALANCER,
        HTTP_X_FORWARDED_FOR=extra.pop("forwarded", client_ip),
        **extra,
    )


def settings_under(**environment):
    """What the settings say on a server started with these environment variables."""
    code = (
        "from network.settings import base;"
        "print(base.ALLAUTH_TRUSTED_PROXY_COUNT, base.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
    )
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTED_")}
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        env={**inherited, **environment},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_the_deployment_says_how_many_proxies_to_trust():
    assert settings_under() == ["0", "None"]  # trust nothing a client could write
    assert settings_under(TRUSTED_PROXY_COUNT="1") == ["1", "None"]
    assert settings_under(TRUSTED_CLIENT_IP_HEADER="X-Real-IP") == ["0", "X-Real-IP"]


def refused(response):
    return response.status_code == 429 or TOO_MANY in response.content.decode()


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_each_client_has_its_own_login_limit(client, home_page):
    # 40 people logging in within a minute, all through the load balancer.
    answers = [
        via_load_balancer(client, f"198.51.100.{n}", f"person{n}@example.se", "fel-losenord")
        for n in range(40)
    ]

    assert [response.status_code for response in answers] == [200] * 40


def test_without_trusting_the_proxy_everyone_shares_one_bucket(client, home_page):
    answers = [
        via_load_balancer(client, f"198.51.100.{n}", f"person{n}@example.se", "fel-losenord")
        for n in range(31)
    ]

    assert answers[29].status_code == 200
    assert answers[30].status_code == 429  # "login": 30 a minute per address


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_others_failed_logins_do_not_lock_out_a_member(client, home_page):
    member = make_member("anna.lindberg@boras.se")
    for n in range(12):
        via_load_balancer(client, "203.0.113.66", f"gissning{n}@example.se", "fel-losenord")

    assert refused(via_load_balancer(client, "203.0.113.66", "ny@example.se", "fel-losenord"))
    response = via_load_balancer(client, "198.51.100.7", member.user.email, PASSWORD)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_untrusted_the_forwarded_address_changes_nothing(client, home_page):
    member = make_member("anna.lindberg@boras.se")
    for n in range(12):
        via_load_balancer(client, f"203.0.113.{n}", f"gissning{n}@example.se", "fel-losenord")

    response = via_load_balancer(client, "198.51.100.7", member.user.email, PASSWORD)

    # By default X-Forwarded-For is not believed (a client could write anything there),
    # so this deployment would need TRUSTED_PROXY_COUNT: the limit is per load balancer.
    assert refused(response)
    assert "_auth_user_id" not in client.session


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_a_client_cannot_forge_its_way_past_the_limit(client, home_page):
    for n in range(12):
        # What the client wrote comes first; the proxy appends the address it saw.
        via_load_balancer(
            client, None, f"gissning{n}@example.se", "fel", forwarded=f"192.0.2.{n}, 203.0.113.66"
        )

    response = via_load_balancer(
        client, None, "ny@example.se", "fel", forwarded="192.0.2.200, 203.0.113.66"
    )

    assert refused(response)


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_or_which_header_carries_the_clients_address(client, home_page):
    answers = [
        client.post(
            "/accounts/login/",
            {"login": f"person{n}@example.se", "password": "fel"},
            REMOTE_ADDR=LOAD_BALANCER,
            HTTP_X_REAL_IP=f"198.51.100.{n}",
        )
        for n in range(40)
    ]

    assert [response.status_code for response in answers] == [200] * 40


def test_another_port_in_host_does_not_reset_the_per_account_limit(client, home_page):
    member = make_member("anna.lindberg@boras.se")
    for n in range(5):
        response = client.post(
            "/accounts/login/", {"login": member.user.email, "password": f"fel-{n}"}
        )
        assert not refused(response)

    for host in ("testserver:8443", "localhost", "127.0.0.1:8000"):
        response = client.post(
            "/accounts/login/",
            {"login": member.user.email, "password": PASSWORD},
            HTTP_HOST=host,
        )
        assert refused(response), host
    assert "_auth_user_id" not in client.session


SIGNUP = {
    "first_name": "Lina",
    "last_name": "Åberg",
    "password1": "ett-langt-losenord-2026",
    "password2": "ett-langt-losenord-2026",
    "accept_privacy": "on",
}


def signup_seconds(client, email):
    started = time.perf_counter()
    response = client.post("/accounts/signup/", {**SIGNUP, "email": email})
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    return elapsed


@override_settings(
    PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"],
    ACCOUNT_RATE_LIMITS={"signup": "100/m/ip"},
)
def test_signup_takes_as_long_for_a_registered_address_as_for_a_new_one(client, home_page):
    registered = [make_member(f"medlem{n}@boras.se").user.email for n in range(5)]
    new, existing = [], []
    for n, email in enumerate(registered):
        # Alternating, so that the machine's load falls on both alike.
        new.append(signup_seconds(client, f"ny{n}@boras.se"))
        existing.append(signup_seconds(client, email))

    new_median, existing_median = statistics.median(new), statistics.median(existing)
    print(f"signup: new address {new_median:.3f} s, registered address {existing_median:.3f} s")
    slower, faster = max(new_median, existing_median), min(new_median, existing_median)
    assert slower / faster < 2
