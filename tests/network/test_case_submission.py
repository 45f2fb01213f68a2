"""Members submit cases; editors moderate; edits wait while the live version stays."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from network.models import CasePage
from tests.factories import make_case_index, make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home_page):
    boras = make_organisation()
    index = make_case_index(home_page)
    member = make_member("anna.lindberg@boras.se", organisation=boras)
    editor = make_user("redaktor@samverkan.se")
    editor.groups.add(Group.objects.get(name="Editors"))
    return {"index": index, "boras": boras, "member": member, "editor": editor}


def case_data(setup, **changes):
    data = {
        "title": "Trygghetslarm som äldre själva formade",
        "summary": "Äldre och anhöriga formade nya larm.",
        "status": "ongoing",
        "start_date": "2024-01-15",
        "end_date": "",
        "challenge": "Larmen användes inte.\n\nDe äldre tyckte de var krångliga.",
        "approach": "Vi intervjuade <b>tjugo</b> personer.",
        "results": "",
        "innovation": "",
        "failures": "",
        "lessons": "",
        "coordinator": setup["boras"].pk,
        "users_and_beneficiaries": "Äldre i hemtjänsten",
        "funding_amount": "",
        "funding_programme": "",
        "funding_reference": "",
        "innovation_kind": "incremental",
        "tags": "Äldreomsorg, Tjänstedesign",
        "visibility": "public",
    }
    data.update(changes)
    return data


def approve(case, editor):
    state = case.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")


def reject(case, editor, comment):
    state = case.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "reject", comment=comment)


def test_a_visitor_is_sent_to_log_in_and_a_pending_member_is_refused(client, setup):
    assert client.get("/case/nytt/").status_code == 302
    client.force_login(make_member("nora@gmail.com", status="pending").user)
    assert client.get("/case/nytt/").status_code == 403


def test_submission_moderation_publish_edit_and_reapproval(client, setup):
    member, editor = setup["member"], setup["editor"]
    client.force_login(member.user)

    response = client.post("/case/nytt/", case_data(setup))

    assert response.status_code == 302
    case = CasePage.objects.get(title="Trygghetslarm som äldre själva formade")
    assert not case.live
    assert case.owner == member.user and case.submitted_by == member.user
    assert case.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get("/case/").context["cases_page"].paginator.count == 0
    mine = client.get("/case/mina/").content.decode()
    assert "Väntar på en redaktör" in mine

    approve(case, editor)
    case.refresh_from_db()
    assert case.live
    page = client.get(case.url).content.decode()
    assert "<p>Larmen användes inte.</p><p>De äldre tyckte de var krångliga.</p>" in page
    assert "Vi intervjuade &lt;b&gt;tjugo&lt;/b&gt; personer." in page
    assert sorted(t.slug for t in case.tags.all()) == ["aldreomsorg", "tjanstedesign"]

    response = client.post(
        f"/case/redigera/{case.pk}/", case_data(setup, summary="En ny sammanfattning.")
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.summary == "Äldre och anhöriga formade nya larm."  # the live version stays
    assert "Äldre och anhöriga formade nya larm." in client.get(case.url).content.decode()
    assert case.has_unpublished_changes

    approve(case, editor)
    case.refresh_from_db()
    assert case.summary == "En ny sammanfattning."


def test_a_rejection_comes_back_with_the_editors_comment_and_the_draft_can_be_edited(client, setup):
    client.force_login(setup["member"].user)
    client.post("/case/nytt/", case_data(setup))
    case = CasePage.objects.get()

    reject(case, setup["editor"], "Beskriv resultaten lite mer.")

    mine = client.get("/case/mina/").content.decode()
    assert "Ändringar efterfrågas" in mine
    assert "Beskriv resultaten lite mer." in mine
    form = client.get(f"/case/redigera/{case.pk}/").content.decode()
    assert "Trygghetslarm som äldre själva formade" in form
    client.post(f"/case/redigera/{case.pk}/", case_data(setup, results="Fler använder larmen."))
    case.refresh_from_db()
    assert case.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_another_member_cannot_edit_the_case(client, setup):
    client.force_login(setup["member"].user)
    client.post("/case/nytt/", case_data(setup))
    case = CasePage.objects.get()
    approve(case, setup["editor"])
    other = make_member("erik@boras.se", organisation=setup["boras"])
    client.force_login(other.user)

    assert client.get(f"/case/redigera/{case.pk}/").status_code == 404
    assert (
        client.post(f"/case/redigera/{case.pk}/", case_data(setup, title="Kapad")).status_code
        == 404
    )
    case.refresh_from_db()
    assert case.title != "Kapad"
    assert "Redigera caset" not in client.get(case.url).content.decode()


def test_a_contact_member_and_an_editor_can_edit(client, setup):
    client.force_login(setup["member"].user)
    client.post("/case/nytt/", case_data(setup))
    case = CasePage.objects.get()

    client.force_login(setup["editor"])
    assert client.get(f"/case/redigera/{case.pk}/").status_code == 200


def test_a_validation_error_keeps_everything_that_was_typed(client, setup):
    client.force_login(setup["member"].user)

    response = client.post(
        "/case/nytt/", case_data(setup, title="", end_date="2020-01-01", coordinator="999999")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Rätta fälten som är markerade nedan." in html
    assert "Äldre och anhöriga formade nya larm." in html
    assert "De äldre tyckte de var krångliga." in html
    assert "Äldreomsorg" in html
    assert not CasePage.objects.exists()


def test_a_report_must_be_a_real_pdf(client, setup):
    client.force_login(setup["member"].user)
    fake = SimpleUploadedFile(
        "rapport.pdf", b"MZ this is not a pdf", content_type="application/pdf"
    )

    response = client.post("/case/nytt/", {**case_data(setup), "report": fake})

    assert response.status_code == 200
    assert "Ladda upp rapporten som en PDF-fil." in response.content.decode()


def test_a_pdf_report_is_attached(client, setup, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(setup["member"].user)
    pdf = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    client.post("/case/nytt/", {**case_data(setup), "report": pdf})

    case = CasePage.objects.get()
    draft = case.get_latest_revision_as_object()
    assert [d.document.file_extension for d in draft.documents.all()] == ["pdf"]


def test_reserved_addresses_are_not_taken_by_a_case(client, setup):
    client.force_login(setup["member"].user)

    client.post("/case/nytt/", case_data(setup, title="Nytt"))

    case = CasePage.objects.get()
    assert case.slug != "nytt"
    assert client.get("/case/nytt/").status_code == 200  # still the submission form


def test_the_members_profile_and_data_export_list_their_cases(client, setup):
    client.force_login(setup["member"].user)
    client.post("/case/nytt/", case_data(setup))
    case = CasePage.objects.get()
    approve(case, setup["editor"])
    setup["member"].visibility = "public"
    setup["member"].save()

    data = client.get("/medlemmar/min-profil/mina-uppgifter.json").json()
    profile = client.get(setup["member"].get_absolute_url()).content.decode()

    assert data["submitted_cases"][0]["title"] == "Trygghetslarm som äldre själva formade"
    assert data["case_contact_for"] == ["Trygghetslarm som äldre själva formade"]
    assert "Trygghetslarm som äldre själva formade" in profile


def test_deleting_the_account_keeps_the_case_credited_to_the_organisation(client, setup):
    from tests.factories import PASSWORD

    client.force_login(setup["member"].user)
    client.post("/case/nytt/", case_data(setup))
    case = CasePage.objects.get()
    approve(case, setup["editor"])

    client.post("/medlemmar/min-profil/radera/", {"password": PASSWORD, "confirm": "on"})

    case.refresh_from_db()
    assert case.live
    assert case.submitted_by is None and case.owner is None
    assert not case.contacts.exists()
    html = client.get(case.url).content.decode()
    assert "Borås Stad" in html
    assert "Anna" not in html.split('<main id="main"', 1)[1]


def test_my_cases_queries_stay_the_same_however_many_cases(
    client, setup, django_assert_max_num_queries
):
    client.force_login(setup["member"].user)
    client.post("/case/nytt/", case_data(setup, title="Första"))
    client.get("/case/mina/")
    with django_assert_max_num_queries(40) as few:
        client.get("/case/mina/")
    baseline = len(few.captured_queries)  # read now: the query log is bounded
    for n in range(5):
        client.post("/case/nytt/", case_data(setup, title=f"Case {n}"))

    with django_assert_max_num_queries(baseline):
        response = client.get("/case/mina/")
    assert len(response.context["rows"]) == 6
