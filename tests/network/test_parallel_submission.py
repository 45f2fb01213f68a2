"""Repeat and parallel submissions are safe: a form sent twice (or six times at once) gives
one case, members sending cases with the same title at the same moment each get their own
case and address, and nobody sees an error page or loses their text.

The parallel tests send real requests from threads, each with its own database connection,
against PostgreSQL (as CI runs the suite); SQLite writes one transaction at a time, so there
only the sequential repeats run."""

import threading
import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection, connections
from django.test import Client
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from network.models import CaseContact, CasePage, CaseReuse, CaseSubmission
from tests.factories import make_case, make_case_index, make_member, make_organisation, make_user

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel requests need PostgreSQL"
)


def case_data(organisation, token=None, **changes):
    data = {
        "title": "Trygghetslarm som äldre själva formade",
        "summary": "Äldre och anhöriga formade nya larm.",
        "status": "ongoing",
        "challenge": "Larmen användes inte.\n\nDe äldre tyckte att de var krångliga.",
        "coordinator": organisation.pk,
        "tags": "Äldreomsorg, Tjänstedesign",
        "visibility": "public",
    }
    if token is not None:
        data["submission_token"] = str(token)
    data.update(changes)
    return data


def token_of(response):
    return response.context["form"]["submission_token"].value()


def in_parallel(requests):
    """Send each request (user, url, data) from its own thread and connection, all released
    at once once logged in; the status codes, with 500 for anything that raised."""
    barrier = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def run(number, user, url, data):
        client = Client()
        try:
            client.force_login(user)
            barrier.wait()
            statuses[number] = client.post(url, data).status_code
        except Exception:
            statuses[number] = 500
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(n, *request)) for n, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def groups_and_workflow(home_page):
    """What the data migrations give and a transactional test's flush takes away: the
    members' permission and the editors' moderation workflow."""
    members, _ = Group.objects.get_or_create(name="Members")
    members.permissions.add(
        Permission.objects.get(content_type__app_label="members", codename="access_members_only")
    )
    editors, _ = Group.objects.get_or_create(name="Editors")
    make_user("redaktor@samverkan.se").groups.add(editors)
    workflow = Workflow.objects.create(name="Granskning")
    task = GroupApprovalTask.objects.create(name="Redaktörernas granskning")
    task.groups.add(editors)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=home_page, defaults={"workflow": workflow})


# Sequential repeats: both databases.


@pytest.mark.django_db
def test_a_form_sent_twice_gives_one_case_and_the_same_thank_you(client, home_page):
    boras = make_organisation()
    make_case_index(home_page)
    client.force_login(make_member("anna.lindberg@boras.se", organisation=boras).user)
    token = token_of(client.get("/case/nytt/"))

    first = client.post("/case/nytt/", case_data(boras, token), follow=True)
    second = client.post("/case/nytt/", case_data(boras, token), follow=True)

    assert first.status_code == second.status_code == 200
    assert first.redirect_chain == second.redirect_chain == [("/case/mina/", 302)]
    assert CasePage.objects.count() == 1
    assert CaseSubmission.objects.get().case == CasePage.objects.get()
    assert "Trygghetslarm som äldre själva formade" in second.content.decode()


@pytest.mark.django_db
def test_each_new_form_has_its_own_token_and_a_refused_form_keeps_it(client, home_page):
    boras = make_organisation()
    make_case_index(home_page)
    client.force_login(make_member("anna.lindberg@boras.se", organisation=boras).user)

    first, second = token_of(client.get("/case/nytt/")), token_of(client.get("/case/nytt/"))
    refused = client.post("/case/nytt/", case_data(boras, first, summary=""))
    sent_again = client.post("/case/nytt/", case_data(boras, token_of(refused)))

    assert first != second
    assert f'name="submission_token" value="{first}"' in refused.content.decode()
    assert sent_again.status_code == 302
    assert CasePage.objects.count() == 1


@pytest.mark.django_db
def test_two_forms_with_the_same_title_give_two_cases_with_their_own_addresses(client, home_page):
    boras = make_organisation()
    make_case_index(home_page)
    client.force_login(make_member("anna.lindberg@boras.se", organisation=boras).user)

    for summary in ("Den första.", "Den andra."):
        token = token_of(client.get("/case/nytt/"))
        response = client.post("/case/nytt/", case_data(boras, token, summary=summary))
        assert response.status_code == 302
    cases = CasePage.objects.order_by("pk")

    assert [c.slug for c in cases] == [
        "trygghetslarm-som-aldre-sjalva-formade",
        "trygghetslarm-som-aldre-sjalva-formade-1",
    ]
    assert [c.summary for c in cases] == ["Den första.", "Den andra."]


@pytest.mark.django_db
def test_someone_elses_token_makes_no_case_for_them(client, home_page):
    boras = make_organisation()
    make_case_index(home_page)
    client.force_login(make_member("anna.lindberg@boras.se", organisation=boras).user)
    token = uuid.uuid4()
    client.post("/case/nytt/", case_data(boras, token))
    client.force_login(make_member("ida@boras.se", organisation=boras).user)

    response = client.post("/case/nytt/", case_data(boras, token, title="Kapad"))

    assert response.status_code == 503
    assert "Kapad" in response.content.decode()  # the text comes back
    assert list(CasePage.objects.values_list("title", flat=True)) == [
        "Trygghetslarm som äldre själva formade"
    ]


# Parallel requests: PostgreSQL.


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_six_simultaneous_sendings_of_one_form_give_one_case(home_page):
    groups_and_workflow(home_page)
    boras = make_organisation()
    make_case_index(home_page)
    member = make_member("anna.lindberg@boras.se", organisation=boras)
    data = case_data(boras, uuid.uuid4())

    statuses = in_parallel([(member.user, "/case/nytt/", data)] * 6)

    assert statuses == [302] * 6
    case = CasePage.objects.get()
    assert case.summary == "Äldre och anhöriga formade nya larm."
    assert CaseSubmission.objects.get().case == case
    assert WorkflowState.objects.filter(object_id=str(case.pk)).count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_twelve_members_with_the_same_title_at_once_each_get_their_case(home_page):
    groups_and_workflow(home_page)
    boras = make_organisation()
    make_case_index(home_page)
    members = [make_member(f"medlem{n}@boras.se", organisation=boras) for n in range(12)]
    # The same new tags for everyone: created once, by whoever comes first.
    requests = [
        (
            member.user,
            "/case/nytt/",
            case_data(boras, uuid.uuid4(), summary=f"Vad medlem {n} skrev.", tags="Ny, Helt ny"),
        )
        for n, member in enumerate(members)
    ]

    statuses = in_parallel(requests)

    assert statuses == [302] * 12
    cases = list(CasePage.objects.all())
    assert len(cases) == 12
    assert len({case.slug for case in cases}) == 12
    assert {case.summary for case in cases} == {f"Vad medlem {n} skrev." for n in range(12)}
    for case in cases:
        assert sorted(t.name for t in case.tags.all()) == ["Helt ny", "Ny"]
        assert WorkflowState.objects.filter(object_id=str(case.pk)).count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_edits_of_one_case_all_go_to_review(home_page):
    groups_and_workflow(home_page)
    boras = make_organisation()
    index = make_case_index(home_page)
    member = make_member("anna.lindberg@boras.se", organisation=boras)
    case = make_case(index, title="Trygghetslarm", coordinator=boras, submitted_by=member.user)
    url = f"/case/redigera/{case.pk}/"
    requests = [(member.user, url, case_data(boras, summary=f"Version {n}.")) for n in range(4)]

    statuses = in_parallel(requests)

    assert statuses == [302] * 4
    active = WorkflowState.objects.filter(object_id=str(case.pk)).active()
    assert active.count() == 1
    latest = CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()
    assert latest.summary in {f"Version {n}." for n in range(4)}


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_reuse_sent_four_times_at_once_is_recorded_once(home_page):
    groups_and_workflow(home_page)
    boras = make_organisation()
    pitea = make_organisation("Piteå kommun", slug="pitea-kommun", domains=("pitea.se",))
    case = make_case(make_case_index(home_page), title="Idésluss", coordinator=boras)
    CaseContact.objects.create(case=case, user=make_member("anna@boras.se").user)
    member = make_member("ida@pitea.se", organisation=pitea)
    data = {"organisation": pitea.pk, "adopted_on": "2025-03-01"}

    statuses = in_parallel([(member.user, f"/case/ateranvand/{case.pk}/", data)] * 4)

    assert statuses == [302] * 4
    assert CaseReuse.objects.filter(case=case).count() == 1
