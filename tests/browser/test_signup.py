"""A new member signs up, confirms and reaches the directory with the keyboard only."""

import re

import pytest
from django.core import mail

from tests.factories import make_home_page, make_organisation


@pytest.fixture
def site(transactional_db):
    from django.contrib.auth.models import Group

    # A transactional test's flush removes the groups the migrations made.
    Group.objects.get_or_create(name="Members")
    make_organisation()
    return make_home_page()


def tab_to(page, predicate_js, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"never reached {predicate_js}")


def test_sign_up_confirm_and_reach_the_directory_by_keyboard(live_server, site, page):
    from django.contrib.auth.models import Group, Permission

    members = Group.objects.get(name="Members")
    members.permissions.add(Permission.objects.get(codename="access_members_only"))
    page.goto(live_server.url + "/")

    tab_to(page, "document.activeElement.textContent.trim() === 'Bli medlem'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/signup/")

    tab_to(page, "document.activeElement.name === 'first_name'")
    page.keyboard.type("Lina")
    page.keyboard.press("Tab")
    page.keyboard.type("Åberg")
    page.keyboard.press("Tab")
    page.keyboard.type("lina.aberg@boras.se")
    page.keyboard.press("Tab")
    page.keyboard.type("ett-langt-losenord-2026")
    page.keyboard.press("Tab")
    page.keyboard.type("ett-langt-losenord-2026")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "accept_privacy"
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/confirm-email/")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    page.goto(live_server.url + path)
    tab_to(
        page, "document.activeElement.type === 'submit' && !!document.activeElement.closest('main')"
    )
    page.keyboard.press("Enter")

    page.wait_for_url("**/medlemmar/")
    assert page.get_by_role("heading", name="Medlemmar", level=1).is_visible()
    assert "Lina Åberg" in page.locator("main").inner_text()
