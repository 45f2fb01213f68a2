"""A case page is built from cached parts, which are made again the moment anything they
show changes: a new publish, a reuse, a renamed organisation or contact, another language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import CaseContact, CaseReuse
from tests.factories import make_case, make_case_index, make_member, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(home_page):
    index = make_case_index(home_page)
    boras = make_organisation()
    partners = [make_organisation(f"Kommun {n}", f"kommun-{n}", [f"k{n}.se"]) for n in range(4)]
    case = make_case(
        index,
        title="Trygg hemgång",
        coordinator=boras,
        partners=partners,
        tags=["Äldreomsorg", "Tjänstedesign"],
        challenge="<p>Utmaningen.</p>",
    )
    for n in range(3):
        make_case(index, title=f"Släkting {n}", coordinator=boras, tags=["Äldreomsorg"])
    return case


def test_a_second_visit_reads_the_case_from_the_cache_with_far_fewer_queries(client, case):
    with CaptureQueriesContext(connection) as first:
        client.get(case.url)
    with CaptureQueriesContext(connection) as second:
        html = client.get(case.url).content.decode()

    assert "Utmaningen." in html and "Kommun 3" in html and "Släkting 0" in html
    assert len(second) <= 15 < len(first)


def test_what_changes_outside_the_page_shows_at_once(client, case):
    member = make_member("anna.lindberg@boras.se", organisation=case.coordinator)
    CaseContact.objects.create(case=case, user=member.user)
    case.save_revision().publish()
    client.get(case.url)  # cached

    CaseReuse.objects.create(
        case=case, organisation=case.partners.first().organisation, adopted_on="2026-10-01"
    )
    member.user.first_name = "Annika"
    member.user.save()
    case.coordinator.name = "Borås kommun"
    case.coordinator.save()

    html = client.get(case.url).content.decode()
    assert "Borås kommun" in html
    assert "Annika" in html
    assert "Nobody has recorded" not in html and "Ingen har registrerat" not in html


def test_the_english_page_is_not_served_from_the_swedish_cache(client, case):
    assert "Utmaning och syfte" in client.get(case.url).content.decode()
    assert "Challenge and purpose" in client.get("/en" + case.url).content.decode()


def test_a_contact_who_deletes_their_account_leaves_the_cached_page(client, case):
    member = make_member("anna.lindberg@boras.se", organisation=case.coordinator)
    CaseContact.objects.create(case=case, user=member.user)
    case.save_revision().publish()
    assert "Lindberg" in client.get(case.url).content.decode()

    member.user.delete()

    assert "Lindberg" not in client.get(case.url).content.decode()
