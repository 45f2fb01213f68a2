"""Single sign-on through allauth's OpenID Connect provider, against a stand-in identity provider.

No real identity provider is contacted: the provider's HTTP calls (discovery,
token, userinfo) are answered from here, the way allauth's own tests do it.
"""

import json
from unittest import mock
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth import get_user_model

from members.models import MemberProfile
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db

SERVER = "https://login.example-idp.test/tenant/v2.0"
DISCOVERY = {
    "issuer": SERVER,
    "authorization_endpoint": f"{SERVER}/authorize",
    "token_endpoint": f"{SERVER}/token",
    "userinfo_endpoint": f"{SERVER}/userinfo",
    "jwks_uri": f"{SERVER}/keys",
    "token_endpoint_auth_methods_supported": ["client_secret_post"],
}


@pytest.fixture
def oidc(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "VERIFIED_EMAIL": True,
            "APPS": [
                {
                    "provider_id": "entra",
                    "name": "Microsoft Entra ID",
                    "client_id": "samverkan",
                    "secret": "not-a-real-secret",
                    "settings": {"server_url": SERVER, "token_auth_method": "client_secret_post"},
                }
            ],
        }
    }


def fake_identity_provider(userinfo):
    def respond(session, method, url, *args, **kwargs):
        response = requests.Response()
        response.status_code = 200
        response.headers["Content-Type"] = "application/json"
        if url.startswith(SERVER + "/.well-known") or url == SERVER:
            body = DISCOVERY
        elif url == DISCOVERY["token_endpoint"]:
            body = {"access_token": "access-123", "token_type": "Bearer", "expires_in": 3600}
        elif url == DISCOVERY["userinfo_endpoint"]:
            body = userinfo
        else:  # pragma: no cover - anything else would be a real network call
            raise AssertionError(f"unexpected request to {url}")
        response._content = json.dumps(body).encode()
        response.url = url
        return response

    return mock.patch.object(requests.Session, "request", respond)


def sign_in_through_the_identity_provider(client, userinfo):
    with fake_identity_provider(userinfo):
        response = client.post("/accounts/oidc/entra/login/")
        assert response.status_code == 302, response.content.decode()[:500]
        authorize = urlparse(response["Location"])
        assert authorize.netloc == "login.example-idp.test"
        state = parse_qs(authorize.query)["state"][0]
        return client.get("/accounts/oidc/entra/login/callback/", {"code": "abc", "state": state})


def test_sso_from_a_registered_organisation_is_approved_like_a_signup(client, home_page, oidc):
    boras = make_organisation()

    response = sign_in_through_the_identity_provider(
        client,
        {
            "sub": "entra-user-1",
            "email": "eva.strand@boras.se",
            "email_verified": True,
            "given_name": "Eva",
            "family_name": "Strand",
        },
    )

    assert response.status_code == 302
    user = get_user_model().objects.get(email="eva.strand@boras.se")
    assert user.member_profile.status == MemberProfile.Status.APPROVED
    assert user.member_profile.organisation == boras
    assert client.get("/medlemmar/").status_code == 200


def test_sso_from_an_unregistered_domain_waits_for_approval(client, home_page, oidc):
    make_organisation()

    sign_in_through_the_identity_provider(
        client,
        {"sub": "entra-user-2", "email": "per@konsult.se", "email_verified": True},
    )

    user = get_user_model().objects.get(email="per@konsult.se")
    assert user.member_profile.status == MemberProfile.Status.PENDING
    assert client.get("/medlemmar/").status_code == 403


def test_the_login_page_offers_single_sign_on_only_when_configured(client, home_page, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    assert "Microsoft Entra ID" not in client.get("/accounts/login/").content.decode()


def test_saml_identity_providers_come_from_the_environment():
    import os
    import subprocess
    import sys

    from django.conf import settings

    idps = [
        {
            "organisation": "boras-stad",
            "name": "Borås Stad",
            "entity_id": "https://idp.boras.example/saml",
            "metadata_url": "https://idp.boras.example/metadata",
        }
    ]
    ignored = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ignored},
        "SAML_IDPS": json.dumps(idps),
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings;"
            "app = settings.SOCIALACCOUNT_PROVIDERS['saml']['APPS'][0];"
            "print(app['provider_id'], app['settings']['idp']['metadata_url'])",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert "boras-stad https://idp.boras.example/metadata" in result.stdout, result.stderr


def test_a_saml_identity_provider_gets_its_service_provider_metadata(client, home_page, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "saml": {
            "VERIFIED_EMAIL": True,
            "APPS": [
                {
                    "provider_id": "boras-stad",
                    "name": "Borås Stad",
                    "client_id": "boras-stad",
                    "settings": {
                        "idp": {
                            "entity_id": "https://idp.boras.example/saml",
                            "sso_url": "https://idp.boras.example/sso",
                            "x509cert": "",
                        }
                    },
                }
            ],
        }
    }

    settings.ALLOWED_HOSTS = ["samverkan.example.se"]
    response = client.get("/accounts/saml/boras-stad/metadata/", HTTP_HOST="samverkan.example.se")

    assert response.status_code == 200
    assert b"EntityDescriptor" in response.content
    assert b"/accounts/saml/boras-stad/acs/" in response.content
