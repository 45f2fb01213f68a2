"""A member's own profile, their data, and leaving the network."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import MemberProfile
from tests.factories import PASSWORD, make_member, make_news, make_organisation

pytestmark = pytest.mark.django_db


def profile_data(**changes):
    data = {
        "first_name": "Anna",
        "last_name": "Lindberg",
        "title": "Innovationsstrateg",
        "organisation": "",
        "organisation_name": "",
        "county": "vastra-gotaland",
        "bio": "Jag leder innovationsplattformen.",
        "expertise": "Tjänstedesign, ISO 56002",
        "phone": "070-123 45 67",
        "linkedin_url": "https://www.linkedin.com/in/anna",
        "website": "",
        "languages": "svenska, English",
        "visibility": "members",
    }
    data.update(changes)
    return data


def jpeg_bytes(size=(1200, 900)):
    output = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(output, format="JPEG")
    return output.getvalue()


@pytest.fixture
def anna(home_page):
    return make_member("anna.lindberg@boras.se", organisation=make_organisation())


def test_a_member_edits_their_profile(client, anna):
    client.force_login(anna.user)

    response = client.post(
        "/medlemmar/min-profil/",
        profile_data(organisation=anna.organisation_id, is_idea_coach="on", visibility="public"),
    )

    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.title == "Innovationsstrateg"
    assert anna.is_idea_coach
    assert anna.visibility == MemberProfile.Visibility.PUBLIC
    assert sorted(tag.slug for tag in anna.expertise.all()) == ["iso-56002", "tjanstedesign"]
    page = client.get(response["Location"])
    assert "Din profil har sparats." in page.content.decode()


def test_a_pending_member_can_edit_their_profile(client, home_page):
    pending = make_member("nora@gmail.com", status="pending")
    client.force_login(pending.user)

    response = client.post("/medlemmar/min-profil/", profile_data(first_name="Nora"))

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.user.first_name == "Nora"


def test_a_photo_is_resized_and_stripped_of_metadata(client, anna, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(anna.user)
    photo = SimpleUploadedFile("me.jpg", jpeg_bytes((2400, 1800)), content_type="image/jpeg")

    response = client.post("/medlemmar/min-profil/", {**profile_data(), "photo": photo})

    assert response.status_code == 302
    anna.refresh_from_db()
    with Image.open(anna.photo.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 800
        assert not stored.getexif()
    assert "me.jpg" not in anna.photo.name


def test_the_profile_form_is_only_ever_the_owners(client, anna):
    other = make_member("erik@boras.se")
    client.force_login(other.user)

    client.post("/medlemmar/min-profil/", profile_data(title="Ändrad av någon annan"))

    anna.refresh_from_db()
    assert anna.title != "Ändrad av någon annan"


def test_a_member_cannot_edit_someone_else_in_the_admin(client, anna):
    other = make_member("erik@boras.se")
    client.force_login(other.user)

    response = client.post(
        f"/admin/snippets/members/memberprofile/edit/{anna.pk}/", {"title": "Hackad"}
    )

    assert response.status_code in (302, 403)
    anna.refresh_from_db()
    assert anna.title != "Hackad"


def test_editing_needs_a_login(client, anna):
    response = client.get("/medlemmar/min-profil/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("changes", "files", "error"),
    [
        ({"title": "x" * 500}, {}, "som mest 150 tecken"),
        ({"bio": "y" * 5000}, {}, "som mest 3000 tecken"),
        ({"phone": "<b>ring mig</b>"}, {}, "Använd bara siffror"),
        ({"linkedin_url": "javascript:alert(1)"}, {}, "Fyll i en giltig URL"),
        ({"first_name": ""}, {}, "Det här fältet är obligatoriskt"),
        (
            {},
            {"photo": SimpleUploadedFile("cv.jpg", b"just text, not a picture", "image/jpeg")},
            "Ladda upp en giltig bild",
        ),
        (
            {},
            {"photo": SimpleUploadedFile("huge.jpg", b"\xff\xd8" + b"0" * (50 * 1024 * 1024))},
            "Ladda upp en giltig bild",
        ),
    ],
)
def test_bad_input_gives_form_errors_and_keeps_what_was_typed(client, anna, changes, files, error):
    client.force_login(anna.user)
    data = profile_data(**{"bio": "Min text som ska finnas kvar.", **changes})

    response = client.post("/medlemmar/min-profil/", {**data, **files})

    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert "Rätta fälten som är markerade nedan." in html
    if "bio" not in changes:
        assert "Min text som ska finnas kvar." in html
    anna.refresh_from_db()
    assert anna.bio != "Min text som ska finnas kvar."


def test_an_oversized_real_photo_is_refused(client, anna, monkeypatch):
    monkeypatch.setattr("members.forms.PHOTO_MAX_BYTES", 1000)
    client.force_login(anna.user)
    photo = SimpleUploadedFile("me.jpg", jpeg_bytes(), content_type="image/jpeg")

    response = client.post("/medlemmar/min-profil/", {**profile_data(), "photo": photo})

    assert response.status_code == 200
    assert "högst 5 MB" in response.content.decode()


def test_script_in_the_bio_is_shown_as_text(client, anna):
    client.force_login(anna.user)
    client.post(
        "/medlemmar/min-profil/",
        profile_data(bio="<script>alert('x')</script> Hej!", visibility="public"),
    )

    html = client.get(anna.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_the_export_holds_the_members_data_and_nobody_elses(client, anna):
    make_member("erik.ek@boras.se", bio="Eriks hemlighet", phone="070-999 99 99")
    anna.bio = "Annas text"
    anna.phone = "070-123 45 67"
    anna.save()
    anna.expertise.set(["Tjänstedesign"])
    client.force_login(anna.user)

    response = client.get("/medlemmar/min-profil/mina-uppgifter.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "anna.lindberg@boras.se"
    assert data["email_addresses"] == [
        {"email": "anna.lindberg@boras.se", "verified": True, "primary": True}
    ]
    assert data["profile"]["bio"] == "Annas text"
    assert data["profile"]["expertise"] == ["Tjänstedesign"]
    assert data["profile"]["organisation"] == "Borås Stad"
    text = response.content.decode()
    assert "Eriks hemlighet" not in text and "erik.ek" not in text and "999 99 99" not in text


def test_the_export_needs_a_login(client, anna):
    assert client.get("/medlemmar/min-profil/mina-uppgifter.json").status_code == 302


def test_deleting_the_account_asks_for_the_password(client, anna):
    client.force_login(anna.user)

    response = client.post("/medlemmar/min-profil/radera/", {"password": "fel", "confirm": "on"})

    assert response.status_code == 200
    assert "Lösenordet stämmer inte." in response.content.decode()
    assert get_user_model().objects.filter(pk=anna.user_id).exists()


def test_deleting_removes_the_person_and_keeps_what_they_published(client, anna, home_page):
    from tests.factories import make_news_index

    news = make_news(make_news_index(home_page), title="Annas nyhet", author=anna.user)
    client.force_login(anna.user)

    response = client.post("/medlemmar/min-profil/radera/", {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(email="anna.lindberg@boras.se").exists()
    assert not MemberProfile.objects.filter(pk=anna.pk).exists()
    news.refresh_from_db()
    assert news.author is None
    assert client.get(news.url).status_code == 200
    assert client.get("/medlemmar/min-profil/").status_code == 302  # logged out
