"""A member finds an event in the month view with the keyboard and registers."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_event, make_event_index, make_home_page, make_member

PASSWORD = "correct-horse-battery"


@pytest.fixture
def site(transactional_db):
    from django.contrib.auth.models import Group, Permission

    home = make_home_page()
    calendar = make_event_index(home)
    members, _ = Group.objects.get_or_create(name="Members")
    members.permissions.add(Permission.objects.get(codename="access_members_only"))
    when = (timezone.localtime() + datetime.timedelta(days=1)).replace(hour=13, minute=0)
    event = make_event(
        calendar,
        title="Studiebesök i Piteå",
        slug="studiebesok",
        start=when,
        end=when + datetime.timedelta(hours=3),
        registration_enabled=True,
        capacity=10,
    )
    member = make_member("anna.lindberg@boras.se")
    return {"event": event, "member": member, "month": when.strftime("%Y-%m")}


def press_tab_until(page, js, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(js):
            return
    raise AssertionError(f"never reached {js}")


def test_find_an_event_in_the_month_view_and_register(live_server, site, page):
    from events.models import Registration

    page.goto(live_server.url + "/accounts/login/")
    press_tab_until(page, "document.activeElement.name === 'login'")
    page.keyboard.type("anna.lindberg@boras.se")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(live_server.url + f"/kalender/?month={site['month']}")
    press_tab_until(page, "document.activeElement.textContent.includes('Studiebesök i Piteå')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kalender/studiebesok/")

    press_tab_until(page, "document.activeElement.textContent.trim() === 'Anmäl dig'")
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    assert "Du är anmäld" in page.locator("main").inner_text()
    assert Registration.objects.get(user=site["member"].user).status == "confirmed"
