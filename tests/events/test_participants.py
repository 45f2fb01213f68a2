"""The participant list: editors of an event see who is coming and download it; nobody else."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission

from events.registration import cancel, register
from tests.factories import (
    make_event,
    make_event_index,
    make_member,
    make_news_index,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home_page):
    return make_event_index(home_page)


@pytest.fixture
def workshop(calendar):
    return make_event(
        calendar, title="Verkstad", slug="verkstad", registration_enabled=True, capacity=1
    )


@pytest.fixture
def editor():
    user = make_user("redaktor@samverkan.se")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_an_editor_sees_who_is_coming_and_who_waits(client, workshop, editor):
    register(workshop, make_member("anna@boras.se").user)
    register(workshop, make_member("erik@boras.se").user)
    leaving = make_member("lena@boras.se").user
    register(workshop, leaving)
    cancel(workshop, leaving)
    client.force_login(editor)

    response = client.get(f"/admin/participants/?event={workshop.pk}")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna Test" in html and "Erik Test" in html
    assert "Lena Test" not in html  # a cancelled registration holds no seat
    assert "Anmäld" in html and "På väntelistan" in html


def test_the_event_page_in_the_admin_links_to_its_participants(client, workshop, editor):
    client.force_login(editor)

    html = client.get(f"/admin/pages/{workshop.pk}/edit/").content.decode()

    assert f"/admin/participants/?event={workshop.pk}" in html


def test_the_downloaded_list_cannot_run_formulas_in_a_spreadsheet(client, workshop, editor):
    member = make_member("anna@boras.se", organisation_name="@SUM(1+1)")
    member.user.first_name = '=HYPERLINK("http://x.se")'
    member.user.save()
    register(workshop, member.user)
    client.force_login(editor)

    response = client.get(f"/admin/events/{workshop.pk}/participants.csv")
    text = response.content.decode("utf-8")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "deltagare-verkstad.csv" in response["Content-Disposition"]
    assert text.startswith("\ufeff")
    assert "'=HYPERLINK" in text and "'@SUM(1+1)" in text
    assert '"=HYPERLINK' not in text and "\n=HYPERLINK" not in text


def test_the_list_downloads_as_a_spreadsheet_with_local_times(client, workshop, editor):
    register(workshop, make_member("anna@boras.se").user)
    client.force_login(editor)

    response = client.get(f"/admin/participants/?event={workshop.pk}&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)

    assert rows[0][:3] == ("Namn", "E-post", "Organisation")
    assert rows[1][1] == "anna@boras.se"
    assert rows[1][3] == "Verkstad"


def test_members_and_editors_of_other_pages_do_not_see_the_participants(
    client, home_page, workshop
):
    register(workshop, make_member("anna@boras.se").user)
    client.force_login(make_member("erik@boras.se").user)
    assert client.get("/admin/participants/").status_code in (302, 403)

    # An editor whose pages are the news only: the event is not theirs to see.
    news_editor = make_user("nyheter@samverkan.se")
    group = Group.objects.create(name="Nyhetsredaktörer")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=make_news_index(home_page),
        permission=Permission.objects.get(codename="change_page"),
    )
    news_editor.groups.add(group)
    client.force_login(news_editor)

    refused = client.get(f"/admin/events/{workshop.pk}/participants.csv")
    assert refused.status_code in (302, 403)  # Wagtail sends the editor back to the dashboard
    assert "anna@boras.se" not in refused.content.decode()
    listing = client.get(f"/admin/participants/?event={workshop.pk}")
    assert listing.status_code == 200
    assert "Anna Test" not in listing.content.decode()
