"""What members type is checked before it is stored: titles are one line, tags fit the
database (PostgreSQL refuses what SQLite stores), and a refused or failed form comes back
with every word the member wrote."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.utils.translation import gettext
from taggit.models import Tag
from wagtail.models import Workflow

from network.models import CasePage
from tests.factories import make_case, make_case_index, make_member, make_organisation

pytestmark = pytest.mark.django_db

CHALLENGE = "Larmen användes inte.\n\nDe äldre tyckte att de var krångliga."


@pytest.fixture
def setup(home_page):
    boras = make_organisation()
    index = make_case_index(home_page)
    member = make_member("anna.lindberg@boras.se", organisation=boras)
    return {"index": index, "boras": boras, "member": member}


def case_data(setup, **changes):
    data = {
        "title": "Trygghetslarm som äldre själva formade",
        "summary": "Äldre och anhöriga formade nya larm.",
        "status": "ongoing",
        "challenge": CHALLENGE,
        "coordinator": setup["boras"].pk,
        "tags": "Äldreomsorg, Tjänstedesign",
        "visibility": "public",
    }
    data.update(changes)
    return data


def assert_form_back_with_the_text(response):
    """The member sees the form again, with what they wrote, and nothing was stored."""
    html = response.content.decode()
    assert "Äldre och anhöriga formade nya larm." in html
    assert "De äldre tyckte att de var krångliga." in html
    assert not CasePage.objects.exists()


def minimal_pdf():
    """A small PDF that any reader opens: a catalogue, one empty page, a correct xref."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body


@pytest.mark.parametrize(
    "title",
    [
        "Trygghetslarm\nsom äldre själva formade",
        "Trygghetslarm\r\nBcc: alla@example.se",
        "Trygghetslarm\tsom äldre",
        "Trygghetslarm\u2028som äldre",
        "Trygghetslarm \u202eamrof\u202c",  # a right-to-left override that hides what it says
    ],
)
def test_a_title_with_a_line_break_or_control_character_is_refused_with_the_text_kept(
    client, setup, title, django_capture_on_commit_callbacks
):
    client.force_login(setup["member"].user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/case/nytt/", case_data(setup, title=title))

    assert response.status_code == 200
    assert gettext("Write the title on one line, without tabs or other control characters.") in (
        response.content.decode()
    )
    assert_form_back_with_the_text(response)
    assert mail.outbox == []  # no subject with a line break was ever built


def test_a_title_with_word_pastes_no_break_spaces_and_emoji_is_fine(client, setup):
    client.force_login(setup["member"].user)
    title = "Trygghetslarm\u00a0för äldre 👩\u200d💻"

    response = client.post("/case/nytt/", case_data(setup, title=title))

    assert response.status_code == 302
    assert CasePage.objects.get().title == title


def test_a_tag_over_100_characters_is_refused_with_a_message_and_the_text_kept(client, setup):
    client.force_login(setup["member"].user)
    long_tag = "Användardriven innovation " * 5  # 130 characters

    response = client.post("/case/nytt/", case_data(setup, tags=f"Äldreomsorg, {long_tag}"))

    assert response.status_code == 200
    message = gettext("The tag “%(tag)s…” is too long: a tag may be at most %(max)d characters.")
    assert message % {"tag": long_tag.strip()[:30], "max": 100} in response.content.decode()
    assert_form_back_with_the_text(response)
    assert not Tag.objects.exists()


def test_a_tag_whose_letters_grow_past_the_slug_limit_is_refused(client, setup):
    # 90 characters, but "ß" is "ss" in the ASCII slug: 180 characters there.
    client.force_login(setup["member"].user)

    response = client.post("/case/nytt/", case_data(setup, tags="ß" * 90))

    assert response.status_code == 200
    assert_form_back_with_the_text(response)
    assert not Tag.objects.exists()


def test_a_tag_of_exactly_100_characters_is_kept(client, setup):
    client.force_login(setup["member"].user)
    tag = "a" * 96  # the slug keeps room for taggit's "_2" on a clash

    response = client.post("/case/nytt/", case_data(setup, tags=f"Äldreomsorg, {tag}"))

    assert response.status_code == 302
    assert sorted(t.name for t in CasePage.objects.get().tags.all()) == [tag, "Äldreomsorg"]


@pytest.mark.parametrize("tags", ["Äldre\u000bomsorg, Tjänstedesign", 'Äldre"\x1b[31m"omsorg, x'])
def test_a_tag_with_control_characters_is_refused(client, setup, tags):
    client.force_login(setup["member"].user)

    response = client.post("/case/nytt/", case_data(setup, tags=tags))

    assert response.status_code == 200
    message = gettext("Tags may not contain line breaks, tabs or other control characters.")
    assert message in response.content.decode()
    assert_form_back_with_the_text(response)


def test_a_tag_without_a_letter_or_digit_is_refused(client, setup):
    client.force_login(setup["member"].user)

    response = client.post("/case/nytt/", case_data(setup, tags="Äldreomsorg, !!!"))

    assert response.status_code == 200
    message = gettext("The tag “%(tag)s” needs at least one letter or digit.")
    assert message % {"tag": "!!!"} in response.content.decode()
    assert not Tag.objects.exists()


def test_more_than_twenty_tags_are_refused(client, setup):
    client.force_login(setup["member"].user)
    tags = ", ".join(f"ämne {n}" for n in range(21))

    response = client.post("/case/nytt/", case_data(setup, tags=tags))

    assert response.status_code == 200
    assert gettext("Give at most %(count)d tags.") % {"count": 20} in response.content.decode()
    assert not Tag.objects.exists()


def test_a_long_title_with_a_report_gives_a_document_title_that_fits(
    client, setup, settings, tmp_path
):
    # The document title was the case title plus " – rapport": 265 characters, which
    # PostgreSQL refuses.
    settings.MEDIA_ROOT = tmp_path
    client.force_login(setup["member"].user)
    title = ("Trygghetslarm " * 19)[:255]  # as long as a title may be
    pdf = SimpleUploadedFile("rapport.pdf", minimal_pdf(), content_type="application/pdf")

    response = client.post("/case/nytt/", {**case_data(setup, title=title), "report": pdf})

    assert response.status_code == 302
    draft = CasePage.objects.get().get_latest_revision_as_object()
    document = draft.documents.get().document
    assert len(document.title) <= 255
    assert document.title.endswith(" – rapport")


def test_a_case_that_cannot_be_saved_comes_back_with_all_the_text(client, setup, monkeypatch):
    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Workflow, "start", database_gone)
    client.force_login(setup["member"].user)

    response = client.post("/case/nytt/", case_data(setup))

    assert response.status_code == 503
    html = response.content.decode()
    message = gettext(
        "Your case could not be saved just now. Everything you wrote is still in the form below: "
        "please send it again (attach the report again if you had one)."
    )
    assert message in html
    assert "Trygghetslarm som äldre själva formade" in html
    assert_form_back_with_the_text(response)

    monkeypatch.undo()
    resent = client.post("/case/nytt/", response.context["form"].data)

    assert resent.status_code == 302
    assert CasePage.objects.get().title == "Trygghetslarm som äldre själva formade"


@pytest.mark.parametrize("length", [101, 150, 200, 250])
def test_a_long_tag_in_the_case_filter_gives_an_empty_list_not_an_error(client, setup, length):
    make_case(setup["index"], title="Idésluss", tags=["Idésluss"])

    response = client.get("/case/", {"tag": "a" * length})

    assert response.status_code == 200
    assert "Idésluss" not in [c.title for c in response.context["cases_page"].object_list]
