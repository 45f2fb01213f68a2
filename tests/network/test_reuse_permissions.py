"""Only an organisation's own members record that it reuses a case: the form offers their
organisation alone, and a forged choice saves nothing and tells no one."""

import pytest
from django.core import mail
from django.utils.translation import gettext

from network.models import CaseContact, CaseReuse
from tests.factories import make_case, make_case_index, make_member, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home_page):
    index = make_case_index(home_page)
    boras = make_organisation()
    pitea = make_organisation("Piteå kommun", slug="pitea-kommun", domains=("pitea.se",))
    umea = make_organisation("Umeå kommun", slug="umea-kommun", domains=("umea.se",))
    case = make_case(index, title="Innovationsplattformen i Borås", coordinator=boras)
    contact = make_member("anna.lindberg@boras.se", organisation=boras)
    CaseContact.objects.create(case=case, user=contact.user)
    return {
        "case": case,
        "boras": boras,
        "pitea": pitea,
        "umea": umea,
        "ida": make_member("ida@pitea.se", organisation=pitea),
        "url": f"/case/ateranvand/{case.pk}/",
    }


def reuse(organisation, **changes):
    return {
        "organisation": organisation.pk,
        "adopted_on": "2025-03-01",
        "adaptation": "Anpassat för en mindre kommun.",
        **changes,
    }


def test_the_form_offers_only_the_members_own_organisation(client, setup):
    client.force_login(setup["ida"].user)

    response = client.get(setup["url"])

    choices = list(response.context["form"].fields["organisation"].queryset)
    assert choices == [setup["pitea"]]
    html = response.content.decode()
    assert f'<option value="{setup["pitea"].pk}">Piteå kommun</option>' in html
    assert "Umeå kommun" not in html


def test_a_member_records_their_own_organisations_reuse(
    client, setup, django_capture_on_commit_callbacks
):
    client.force_login(setup["ida"].user)

    with django_capture_on_commit_callbacks(execute=True):  # emails leave after the commit
        response = client.post(setup["url"], reuse(setup["pitea"]))

    assert response.status_code == 302
    saved = CaseReuse.objects.get()
    assert (saved.organisation, saved.recorded_by) == (setup["pitea"], setup["ida"].user)
    assert mail.outbox[-1].to == ["anna.lindberg@boras.se"]


def test_a_forged_post_for_another_organisation_saves_nothing_and_tells_no_one(
    client, setup, django_capture_on_commit_callbacks
):
    client.force_login(setup["ida"].user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(setup["url"], reuse(setup["umea"]))

    assert response.status_code == 400
    assert response.context["form"].errors["organisation"]
    assert "form-field--error" in response.content.decode()
    assert not CaseReuse.objects.exists()
    assert mail.outbox == []
    assert "Umeå kommun" not in client.get(setup["case"].url).content.decode()


def test_a_member_cannot_claim_the_cases_own_coordinator_reuses_it(client, setup):
    client.force_login(setup["ida"].user)

    response = client.post(setup["url"], reuse(setup["boras"]))

    assert response.status_code == 400
    assert not CaseReuse.objects.exists()


def test_a_member_without_an_organisation_is_told_why_and_can_record_nothing(client, setup):
    # "Other organisation" is free text anyone can type: it gives no right to speak for one.
    member = make_member("nils@gmail.com", organisation_name="Piteå kommun")
    client.force_login(member.user)

    page = client.get(setup["url"]).content.decode()
    response = client.post(setup["url"], reuse(setup["pitea"]))

    assert (
        gettext(
            "Only members of an organisation can record that it reuses a case. Choose "
            "your organisation from the list on your profile first."
        )
        in page
    )
    assert response.status_code == 400
    assert not CaseReuse.objects.exists()


def test_a_pending_member_of_the_organisation_cannot_record_a_reuse(client, setup):
    pending = make_member("per@pitea.se", status="pending", organisation=setup["pitea"])
    client.force_login(pending.user)

    response = client.post(setup["url"], reuse(setup["pitea"]))

    assert response.status_code == 403
    assert not CaseReuse.objects.exists()


def test_sending_the_form_twice_records_one_reuse_and_thanks_once_more(
    client, setup, django_capture_on_commit_callbacks
):
    client.force_login(setup["ida"].user)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(setup["url"], reuse(setup["pitea"]))
        second = client.post(setup["url"], reuse(setup["pitea"]))

    assert first.status_code == second.status_code == 302
    assert CaseReuse.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_colleague_is_told_the_reuse_is_already_recorded(client, setup):
    client.force_login(setup["ida"].user)
    client.post(setup["url"], reuse(setup["pitea"]))
    colleague = make_member("olle@pitea.se", organisation=setup["pitea"])
    client.force_login(colleague.user)

    response = client.post(setup["url"], reuse(setup["pitea"]))

    assert response.status_code == 400
    assert gettext("This organisation's reuse is already recorded.") in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert CaseReuse.objects.count() == 1
