"""In a real browser nothing on the site trips its Content-Security-Policy: visitors'
and members' pages under the strict policy, and the Wagtail admin's editor, its
preview and the repetition preview under the admin's own policy."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.embeds.blocks import EmbedValue

from tests.factories import (
    VIDEO,
    make_cached_video_embed,
    make_case,
    make_case_index,
    make_event,
    make_event_index,
    make_home_page,
    make_member,
    make_news,
    make_news_index,
    make_organisation,
    make_user,
)

PASSWORD = "correct-horse-battery"

# Runs in every frame before the page's own scripts (Playwright's init scripts stand
# outside the page's policy), so that each refusal is counted where it happens.
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(
        `${event.violatedDirective} refused ${event.blockedURI || "inline"} in ${event.documentURI}`
    );
});
"""


@pytest.fixture
def site(transactional_db):
    from django.contrib.auth.models import Group, Permission

    home = make_home_page()
    members, _ = Group.objects.get_or_create(name="Members")
    members.permissions.add(Permission.objects.get(codename="access_members_only"))
    organisation = make_organisation()
    make_cached_video_embed()
    news = make_news(
        make_news_index(home),
        title="Nätverket startar om",
        slug="omstart",
        body=[("embed", EmbedValue(VIDEO)), ("paragraph", "<p>Se filmen.</p>")],
    )
    make_case(make_case_index(home), slug="idesluss", coordinator=organisation)
    when = (timezone.localtime() + datetime.timedelta(days=3)).replace(hour=10, minute=0)
    event = make_event(
        make_event_index(home),
        title="Nätverksträff",
        slug="natverkstraff",
        start=when,
        end=when + datetime.timedelta(hours=2),
        registration_enabled=True,
        capacity=10,
    )
    member = make_member("anna.lindberg@boras.se", organisation=organisation)
    editor = make_user("redaktor@samverkan.se", is_superuser=True, is_staff=True)
    return {"news": news, "event": event, "member": member, "editor": editor}


@pytest.fixture
def watched(page):
    """The tab, and what it was refused: CSP events in any frame and the console's word."""
    refused = []
    page.add_init_script(COLLECT_VIOLATIONS)

    def on_console(message):
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", on_console)

    def violations():
        found = list(refused)
        for frame in page.frames:
            try:
                found += frame.evaluate("window.__violations || []")
            except Exception:  # noqa: S112 - a frame of another origin (the video) says nothing
                continue
        return found

    page.violations = violations
    return page


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")
    assert "Content-Security-Policy" in {name.title() for name in response.headers}, url


def signed_in_as(page, live_server, user):
    """The session of a user, as the test client makes it, given to the browser."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def leave(page):
    """Away from the admin, whose preview keeps asking the server, before the test ends."""
    page.goto("about:blank")
    page.wait_for_timeout(300)


def test_visitors_pages_run_under_the_strict_policy(live_server, site, watched):
    for path in (
        "/",
        "/nyheter/",
        "/nyheter/omstart/",
        "/case/",
        "/case/idesluss/",
        "/kalender/",
        "/kalender/natverkstraff/",
        "/sok/?q=natverk",
        "/accounts/signup/",
        "/accounts/login/",
    ):
        visit(watched, live_server.url + path)

    # The embedded player has its shape from our style sheet, not from a style attribute.
    watched.goto(live_server.url + "/nyheter/omstart/")
    box = watched.locator(".responsive-object").bounding_box()
    assert box["height"] == pytest.approx(box["width"] * 9 / 16, abs=2)
    assert watched.violations() == []


def test_a_member_signs_in_submits_and_browses_under_the_strict_policy(live_server, site, watched):
    watched.goto(live_server.url + "/accounts/login/?next=/case/nytt/")
    watched.fill("input[name=login]", "anna.lindberg@boras.se")
    watched.fill("input[name=password]", PASSWORD)
    watched.locator("main form [type=submit]").first.click()
    watched.wait_for_url("**/case/nytt/")
    watched.fill("input[name=title]", "Trygghetslarm som äldre formade")
    watched.keyboard.press("Tab")

    for path in ("/case/mina/", "/medlemmar/", "/medlemmar/min-profil/", "/kalender/"):
        visit(watched, live_server.url + path)
    visit(watched, live_server.url + "/kalender/natverkstraff/")
    watched.get_by_role("button", name="Anmäl dig").click()
    watched.wait_for_load_state("networkidle")
    assert watched.violations() == []


def test_an_editor_edits_and_previews_in_the_admin_under_its_policy(live_server, site, watched):
    signed_in_as(watched, live_server, site["editor"])

    # On the public site an editor has Wagtail's bar, still under the strict policy.
    visit(watched, live_server.url + "/nyheter/omstart/")
    watched.locator("wagtail-userbar").wait_for(state="attached")
    watched.locator("#wagtail-userbar-trigger").click()
    watched.get_by_role("menuitem").first.wait_for()

    visit(watched, live_server.url + "/admin/")
    visit(watched, live_server.url + f"/admin/pages/{site['news'].pk}/edit/")
    watched.fill("#id_title", "Nätverket startar om i höst")
    watched.get_by_role("button", name="Spara utkast").click()
    watched.wait_for_load_state("networkidle")
    assert "Nätverket startar om i höst" in watched.locator("#id_title").input_value()
    assert watched.locator(".messages .success").count() == 1

    # The preview panel shows the page in an iframe of the admin.
    watched.locator("[data-side-panel-toggle='preview']").click()
    watched.locator("#w-preview-iframe").wait_for()
    watched.wait_for_load_state("networkidle")
    assert watched.violations() == []
    leave(watched)


def test_the_repetition_preview_works_under_the_admin_policy(live_server, site, watched):
    signed_in_as(watched, live_server, site["editor"])

    visit(watched, live_server.url + f"/admin/pages/{site['event'].pk}/edit/")
    watched.select_option("select[name=repeat]", "weekly")
    watched.locator(".repetition-preview li").nth(1).wait_for()
    assert watched.locator(".repetition-preview li").count() > 1
    assert watched.violations() == []
    leave(watched)
