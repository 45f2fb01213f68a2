"""What a browser is told about each response: which code it may run (the
Content-Security-Policy), what it may keep (Cache-Control), which features it may use."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.exceptions import EmbedUnsupportedProviderException

from events.models import CalendarToken
from tests.factories import (
    VIDEO,
    make_cached_video_embed,
    make_case,
    make_case_index,
    make_event,
    make_event_index,
    make_member,
    make_news,
    make_organisation,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page, news_index):
    organisation = make_organisation()
    cases = make_case_index(home_page)
    calendar = make_event_index(home_page)
    make_cached_video_embed()
    news = make_news(
        news_index,
        slug="med-film",
        body=[("embed", EmbedValue(VIDEO)), ("paragraph", "<p>Se filmen.</p>")],
    )
    make_case(cases, slug="idesluss", coordinator=organisation)
    make_event(calendar, slug="workshop", title="Workshop")
    make_event(calendar, slug="medlemsrad", title="Medlemsråd", visibility="members")
    member = make_member("anna.lindberg@boras.se", organisation=organisation, visibility="public")
    return {"news": news, "member": member}


def directives(response, header="Content-Security-Policy"):
    policy = {}
    for part in response[header].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


class InlineCode(HTMLParser):
    """What a strict policy refuses: inline scripts and styles without the page's nonce,
    style attributes, event-handler attributes and javascript: links."""

    def __init__(self, nonce):
        super().__init__()
        self.nonce = nonce
        self.refused = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        data_block = tag == "script" and "json" in (attributes.get("type") or "")
        inline = tag == "style" or (tag == "script" and "src" not in attributes)
        if inline and not data_block and attributes.get("nonce") != self.nonce:
            self.refused.append(f"<{tag}> without the nonce at line {self.getpos()[0]}")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.refused.append(f'<{tag} {name}="{value}">')
            if name in ("href", "src", "action") and (value or "").startswith("javascript:"):
                self.refused.append(f'<{tag} {name}="{value}">')


def refused_inline_code(response):
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    parser = InlineCode(nonce)
    parser.feed(response.content.decode())
    return parser.refused


PUBLIC_PAGES = ["/", "/nyheter/", "/nyheter/med-film/", "/case/", "/case/idesluss/"]
PUBLIC_PAGES += ["/kalender/", "/kalender/workshop/", "/sok/?q=film", "/en/"]
PUBLIC_PAGES += ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
PUBLIC_PAGES += ["/medlemmar/anna-lindberg/"]
MEMBER_PAGES = ["/", "/medlemmar/", "/medlemmar/min-profil/", "/case/nytt/", "/case/mina/"]
MEMBER_PAGES += ["/kalender/", "/kalender/medlemsrad/", "/accounts/email/"]


def test_public_pages_run_only_our_own_scripts_with_a_fresh_nonce(client, site):
    first, second = client.get("/"), client.get("/")

    policy = directives(first)
    assert policy["default-src"] == ["'self'"]
    nonce = [value for value in policy["script-src"] if value.startswith("'nonce-")]
    assert policy["script-src"] == ["'self'", *nonce] and len(nonce) == 1
    assert "'unsafe-inline'" not in first["Content-Security-Policy"]
    assert "'unsafe-eval'" not in first["Content-Security-Policy"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    # Wagtail's preview shows the page in an iframe of the admin: our own origin only.
    assert policy["frame-ancestors"] == ["'self'"]
    assert "https://www.youtube.com" in policy["frame-src"]
    assert directives(second)["script-src"] != policy["script-src"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_visitor_gets_no_inline_code_the_policy_would_refuse(client, site, path):
    response = client.get(path)

    assert response.status_code == 200, path
    assert refused_inline_code(response) == []


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_a_member_gets_no_inline_code_the_policy_would_refuse(client, site, path):
    client.force_login(site["member"].user)
    response = client.get(path)

    assert response.status_code == 200, path
    assert refused_inline_code(response) == []


def test_a_member_changing_their_address_gets_no_inline_style(client, site):
    from allauth.account.models import EmailAddress

    user = site["member"].user
    EmailAddress.objects.create(user=user, email="anna@lund.se", verified=False, primary=False)
    client.force_login(user)
    response = client.get("/accounts/email/")

    assert "anna@lund.se" in response.content.decode()
    assert refused_inline_code(response) == []


def test_an_editor_sees_public_pages_with_the_wagtail_bar_under_the_strict_policy(client, site):
    client.force_login(make_user("redaktor@samverkan.se", is_superuser=True))
    response = client.get("/nyheter/med-film/")

    assert "wagtail-userbar" in response.content.decode()
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert refused_inline_code(response) == []


def test_an_embedded_video_keeps_its_shape_without_a_style_attribute(client, site):
    html = client.get("/nyheter/med-film/").content.decode()

    assert 'class="responsive-object responsive-object--wide"' in html
    assert "youtube.com/embed/dQw4w9WgXcQ" in html
    assert "/static/css/embeds.css" in html


def test_editors_can_embed_only_what_the_policy_lets_in():
    with pytest.raises(EmbedUnsupportedProviderException):
        embeds.get_embed("https://twitter.com/skr/status/1234567890")


def test_the_wagtail_admin_has_its_own_relaxed_policy(client, site):
    client.force_login(make_user("redaktor@samverkan.se", is_superuser=True))
    response = client.get("/admin/")

    assert response.status_code == 200
    policy = directives(response)
    # Wagtail's admin templates carry inline scripts; a nonce would switch that off.
    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'self'" in policy["frame-src"]  # the page preview


def test_sign_in_through_sso_and_uploads_elsewhere_are_let_in_by_the_environment():
    """A login form posts to us and is redirected on to the identity provider, which
    browsers hold to form-action; uploads may come from another origin."""
    idps = [
        {"organisation": "boras-stad", "entity_id": "x", "sso_url": "https://idp.boras.se/sso"},
        {"organisation": "kth", "entity_id": "y", "metadata_url": "https://login.kth.se/meta"},
    ]
    ignored = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(
        OIDC_CLIENT_ID="samverkan",
        OIDC_SERVER_URL="https://login.microsoftonline.com/tenant/v2.0",
        SAML_IDPS=json.dumps(idps),
        MEDIA_URL="https://media.samverkan.se/uploads/",
        AWS_S3_CUSTOM_DOMAIN="filer.samverkan.se",
    )
    script = (
        "import json; from network.settings import base;"
        "print(json.dumps(base.CONTENT_SECURITY_POLICY['DIRECTIVES'], default=str))"
    )
    result = subprocess.run(  # noqa: S603 - our own settings module, fixed arguments
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    policy = json.loads(result.stdout)
    assert policy["form-action"] == [
        "'self'",
        "https://login.microsoftonline.com",
        "https://idp.boras.se",
        "https://login.kth.se",
    ], result.stderr
    assert "https://media.samverkan.se" in policy["img-src"]
    assert "https://filer.samverkan.se" in policy["img-src"]


def test_browsers_are_told_which_features_and_windows_the_site_uses(client, site):
    response = client.get("/")

    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def no_store(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.mark.parametrize("path", MEMBER_PAGES + ["/accounts/password/change/"])
def test_nothing_a_member_is_shown_is_kept_by_a_cache(client, site, path):
    client.force_login(site["member"].user)
    response = client.get(path)

    assert response.status_code == 200, path
    assert no_store(response), (path, response.get("Cache-Control"))


def test_the_calendar_address_shown_on_the_profile_is_kept_by_no_cache(client, site):
    client.force_login(site["member"].user)
    token = CalendarToken.issue(site["member"].user)
    response = client.get("/medlemmar/min-profil/")

    assert token in response.content.decode()
    assert no_store(response)


def test_a_public_profile_is_not_cached_either_so_a_member_can_take_it_back(client, site):
    response = client.get("/medlemmar/anna-lindberg/")

    assert response.status_code == 200
    assert no_store(response)


def test_public_pages_stay_cacheable_for_visitors(client, site):
    for path in ("/", "/nyheter/med-film/", "/kalender/"):
        assert "no-store" not in client.get(path).get("Cache-Control", ""), path


def test_a_members_only_event_file_is_stored_by_no_cache(client, site):
    client.force_login(site["member"].user)
    response = client.get("/kalender/medlemsrad/event.ics")

    assert response.status_code == 200
    assert no_store(response)
    assert "public" not in response["Cache-Control"]


def test_public_calendar_files_stay_public_for_members_too(client, site):
    client.force_login(site["member"].user)
    for path in ("/kalender/feed.ics", "/kalender/workshop/event.ics"):
        response = client.get(path)
        assert response.status_code == 200
        assert "public" in response["Cache-Control"], path
        assert "no-store" not in response["Cache-Control"], path
