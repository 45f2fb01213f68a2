"""Members submit cases; editors moderate; edits wait while the live version stays."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from network.forms import TEXT_SECTIONS
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


# Member edits are lossless: unchanged sections keep their stored rich text byte for byte.

EDITOR_HTML = (
    '<p data-block-key="a1">Vi <b>intervjuade</b> tjugo personer, se '
    '<a href="https://example.se/rapport?a=1&amp;b=2">rapporten</a> om R&amp;D.</p>'
    '<ul><li data-block-key="a2">Hembesök</li><li data-block-key="a3">Workshoppar</li></ul>'
)


class FormReader(HTMLParser):
    """What a browser would send back from the edit form's text fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values, self.name = {}, None

    def handle_starttag(self, tag, attrs):
        if tag == "textarea":
            self.name = dict(attrs)["name"]
            self.values[self.name] = ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.name = None

    def handle_data(self, data):
        if self.name:
            self.values[self.name] += data


def textareas(html):
    reader = FormReader()
    reader.feed(html)
    # A browser drops the newline right after <textarea> and sends line breaks as CRLF.
    return {
        name: value.removeprefix("\n").replace("\n", "\r\n")
        for name, value in reader.values.items()
    }


def save_unchanged(client, setup, case, **changes):
    form = client.get(f"/case/redigera/{case.pk}/").content.decode()
    data = {**case_data(setup), **textareas(form), **changes}
    response = client.post(f"/case/redigera/{case.pk}/", data)
    assert response.status_code == 302
    return form


def latest(case):
    return CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()


def publish_editors_text(case, editor, **sections):
    draft = case.get_latest_revision_as_object()
    for name, html in sections.items():
        setattr(draft, name, html)
    draft.save_revision(user=editor).publish(user=editor)


def main_of(html):
    return html.split('<main id="main"', 1)[1]


@pytest.fixture
def published_case(client, setup):
    client.force_login(setup["member"].user)
    client.post("/case/nytt/", case_data(setup))
    case = CasePage.objects.get()
    approve(case, setup["editor"])
    return CasePage.objects.get(pk=case.pk)


def test_an_editors_link_bold_and_list_survive_ten_unchanged_saves(client, setup, published_case):
    publish_editors_text(published_case, setup["editor"], approach=EDITOR_HTML)
    before = {name: getattr(latest(published_case), name) for name in TEXT_SECTIONS}

    for _ in range(10):
        form = save_unchanged(client, setup, published_case)

    assert "om R&amp;D." in form  # shown decoded, escaped once by the textarea
    draft = latest(published_case)
    assert draft.approach == EDITOR_HTML
    assert {name: getattr(draft, name) for name in TEXT_SECTIONS} == before
    approve(published_case, setup["editor"])
    page = main_of(client.get(published_case.url).content.decode())
    assert '<a href="https://example.se/rapport?a=1&amp;b=2">rapporten</a>' in page
    assert "<b>intervjuade</b>" in page and "<li" in page


def test_text_a_member_types_is_escaped_exactly_once_however_often_it_is_saved(
    client, setup, published_case
):
    typed = 'R&D <tag> "quotes"\nrad två\n\nStycke två'
    save_unchanged(client, setup, published_case, results=typed)
    stored = latest(published_case).results
    assert stored == ("<p>R&amp;D &lt;tag&gt; &quot;quotes&quot;<br/>rad två</p><p>Stycke två</p>")

    for _ in range(10):
        form = save_unchanged(client, setup, published_case)

    assert latest(published_case).results == stored
    assert textareas(form)["results"] == typed.replace("\n", "\r\n")
    assert "R&amp;D &lt;tag&gt; &quot;quotes&quot;" in form
    approve(published_case, setup["editor"])
    page = main_of(client.get(published_case.url).content.decode())
    assert "<p>R&amp;D &lt;tag&gt; &quot;quotes&quot;<br/>rad två</p>" in page
    assert "&amp;amp;" not in page and "<tag>" not in page


def test_changing_one_section_leaves_the_others_stored_text_untouched(
    client, setup, published_case
):
    publish_editors_text(
        published_case, setup["editor"], approach=EDITOR_HTML, lessons="<p>Lär av <i>oss</i></p>"
    )
    before = latest(published_case)

    form = save_unchanged(client, setup, published_case, results="Fler använder larmen.")

    assert 'id="id_approach_helptext"' in form  # the member is told about the formatting
    assert 'id="id_challenge_helptext"' not in form
    draft = latest(published_case)
    assert draft.results == "<p>Fler använder larmen.</p>"
    for name in ["challenge", "approach", "innovation", "failures", "lessons"]:
        assert getattr(draft, name) == getattr(before, name)
    assert draft.approach == EDITOR_HTML


def test_a_changed_section_with_formatting_is_stored_as_escaped_plain_text(
    client, setup, published_case
):
    publish_editors_text(published_case, setup["editor"], approach=EDITOR_HTML)

    save_unchanged(client, setup, published_case, approach="Vi intervjuade 25 personer & fler.")

    assert latest(published_case).approach == "<p>Vi intervjuade 25 personer &amp; fler.</p>"


def test_markup_a_member_types_never_reaches_the_page_as_markup(client, setup, published_case):
    publish_editors_text(published_case, setup["editor"], approach=EDITOR_HTML)
    attack = {
        "challenge": "<script>alert(1)</script>",
        "results": '<a href="javascript:alert(1)" onclick="alert(2)">klick</a>',
        # The stored HTML typed as text is a change, not a way to keep markup.
        "approach": EDITOR_HTML + '<img src=x onerror="alert(3)">',
        "lessons": "</p><p onmouseover=alert(4)>x",
    }

    save_unchanged(client, setup, published_case, **attack)
    for _ in range(3):
        save_unchanged(client, setup, published_case)
    approve(published_case, setup["editor"])

    page = main_of(client.get(published_case.url).content.decode())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;a href=&quot;javascript:alert(1)&quot; onclick=&quot;alert(2)&quot;&gt;" in page
    elements = ElementReader()
    elements.feed(page)
    assert "script" not in elements.tags and "img" not in elements.tags
    for tag, attrs in elements.found:
        assert not any(name.startswith("on") for name, _ in attrs), (tag, attrs)
        assert not any("javascript:" in (value or "") for _, value in attrs), (tag, attrs)
    assert latest(published_case).approach.startswith("<p>&lt;p data-block-key=")


class ElementReader(HTMLParser):
    """Every element (with its attributes) a browser would build from a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    @property
    def tags(self):
        return {tag for tag, _ in self.found}

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))
