"""Editors run the site through Wagtail's admin, with moderation in place."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from tests.factories import make_news, make_user

pytestmark = pytest.mark.django_db


def test_editors_group_can_work_with_pages_images_documents_and_settings(home_page):
    editor = make_user("redaktor@skr.se")
    editor.groups.add(Group.objects.get(name="Editors"))

    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("home.change_networksettings")
    permissions = home_page.permissions_for_user(editor)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert permissions.can_publish()
    assert (
        Group.objects.get(name="Editors")
        .collection_permissions.filter(permission__codename="add_image")
        .exists()
    )
    assert (
        Group.objects.get(name="Editors")
        .collection_permissions.filter(permission__codename="add_document")
        .exists()
    )


def test_an_editor_reaches_the_admin_and_a_member_does_not(client, home_page):
    editor = make_user("redaktor@skr.se")
    editor.groups.add(Group.objects.get(name="Editors"))
    member = make_user("medlem@boras.se")

    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    client.force_login(member)
    assert client.get("/admin/").status_code == 302


def test_moderation_workflow_covers_every_page_and_reaches_editors(news_index):
    news = make_news(news_index)
    workflow = news.get_workflow()

    assert isinstance(workflow, Workflow)
    assert workflow.active
    task = workflow.tasks.first().specific
    assert "Editors" in set(task.groups.values_list("name", flat=True))
    assert Page.get_first_root_node().get_workflow() == workflow


def test_a_page_submitted_for_moderation_stays_unpublished_until_an_editor_approves(news_index):
    author = make_user("skribent@umea.se")
    editor = make_user("redaktor@skr.se")
    editor.groups.add(Group.objects.get(name="Editors"))
    news = make_news(news_index, title="Första versionen")
    news.title = "Andra versionen"
    revision = news.save_revision(user=author)
    workflow_state = news.get_workflow().start(news, author)

    news.refresh_from_db()
    assert news.title == "Första versionen"  # the live page is unchanged
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    news.refresh_from_db()
    assert news.title == "Andra versionen"
    assert news.live_revision_id == revision.pk


def test_an_editor_can_open_the_edit_form_of_every_page_type_and_the_settings(client, news_index):
    editor = make_user("redaktor@skr.se")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    news = make_news(news_index)
    home = news_index.get_parent()

    for page in (home, news_index, news):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    assert client.get(f"/admin/pages/add/home/standardpage/{home.pk}/").status_code == 200
    assert client.get(f"/admin/pages/add/home/newspage/{news_index.pk}/").status_code == 200
    assert client.get("/admin/settings/home/networksettings/", follow=True).status_code == 200


def test_an_editor_publishes_news_through_the_admin(client, news_index):
    editor = make_user("redaktor@skr.se")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.post(
        f"/admin/pages/add/home/newspage/{news_index.pk}/",
        {
            "title": "Ny nyhet från redaktören",
            "slug": "ny-nyhet",
            "date": "2026-11-20",
            "intro": "En kort ingress.",
            "tags": "Idésluss, Tjänstedesign",
            "body-count": "0",
            "contacts-count": "0",
            "action-publish": "publish",
        },
    )

    assert response.status_code == 302
    page = client.get("/nyheter/ny-nyhet/")
    assert page.status_code == 200
    assert "Ny nyhet från redaktören" in page.content.decode()
