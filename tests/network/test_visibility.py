"""Wagtail's privacy settings hide a section from every list at once, and back again,
though the lists read the private sections from the cache rather than asking each time."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import make_case, make_case_index, make_organisation
from tests.responses import body

pytestmark = pytest.mark.django_db


def test_a_case_made_private_leaves_the_lists_at_once_and_returns_when_opened(client, home_page):
    index = make_case_index(home_page)
    boras = make_organisation()
    make_case(index, title="Öppen pilot", coordinator=boras)
    hidden = make_case(index, title="Pilot bakom lösenord", coordinator=boras)
    assert "Pilot bakom lösenord" in client.get("/case/").content.decode()  # now in the cache

    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )

    listing = client.get("/case/").content.decode()
    assert "Öppen pilot" in listing
    assert "Pilot bakom lösenord" not in listing
    assert "Pilot bakom lösenord" not in body(client.get("/case/export.json")).decode()

    restriction.delete()

    assert "Pilot bakom lösenord" in client.get("/case/").content.decode()
