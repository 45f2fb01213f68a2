"""An approved member submits a case using the keyboard only."""

import pytest

from tests.factories import make_case_index, make_home_page, make_member, make_organisation

PASSWORD = "correct-horse-battery"


@pytest.fixture
def site(transactional_db):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    home = make_home_page()
    index = make_case_index(home)
    organisation = make_organisation()
    members, _ = Group.objects.get_or_create(name="Members")
    members.permissions.add(Permission.objects.get(codename="access_members_only"))
    # A transactional test's flush removes the workflow the migrations made; put it back.
    if home.get_workflow() is None:
        editors, _ = Group.objects.get_or_create(name="Editors")
        task = GroupApprovalTask.objects.create(name="Moderators approval")
        task.groups.add(editors)
        workflow = Workflow.objects.create(name="Moderators approval")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=home.get_parent())
    member = make_member("anna.lindberg@boras.se", organisation=organisation)
    return {"index": index, "member": member}


def press_tab_until(page, js, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(js):
            return
    raise AssertionError(f"never reached {js}")


def test_submit_a_case_with_the_keyboard_only(live_server, site, page):
    from network.models import CasePage

    page.goto(live_server.url + "/accounts/login/?next=/case/nytt/")
    press_tab_until(page, "document.activeElement.name === 'login'")
    page.keyboard.type("anna.lindberg@boras.se")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/case/nytt/") and "login" not in url)

    press_tab_until(page, "document.activeElement.name === 'title'")
    page.keyboard.type("Trygghetslarm som äldre formade")
    page.keyboard.press("Tab")
    page.keyboard.type("Äldre och anhöriga formade nya larm.")
    press_tab_until(page, "document.activeElement.name === 'challenge'")
    page.keyboard.type("Larmen användes inte.")
    press_tab_until(page, "document.activeElement.name === 'coordinator'")
    page.keyboard.press("ArrowDown")  # the first organisation in the list
    press_tab_until(page, "document.activeElement.name === 'tags'")
    page.keyboard.type("Äldreomsorg")
    press_tab_until(
        page, "document.activeElement.type === 'submit' && !!document.activeElement.closest('main')"
    )
    page.keyboard.press("Enter")

    page.wait_for_url("**/case/mina/")
    assert "Trygghetslarm som äldre formade" in page.locator("main").inner_text()
    assert "Väntar på en redaktör" in page.locator("main").inner_text()
    case = CasePage.objects.get()
    assert not case.live
    assert case.coordinator.name == "Borås Stad"
