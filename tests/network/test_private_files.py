"""Documents and images go only to those who may see a page that uses them.

Who gets what, for a document or image that is refused: a visitor is sent to log in (302),
a signed-in person who may not see it gets a 404 (as for a members-only page). Served files
carry Content-Security-Policy `default-src 'none'`, `nosniff`, and `Cache-Control`
`public, max-age=300` when anyone may see them, `private, no-store` otherwise.
"""

import importlib
import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

import network.urls
from network.models import CaseDocument, CaseGalleryImage, CasePage
from tests.factories import make_case, make_case_index, make_member, make_organisation, make_user
from tests.network.test_case_submission import approve, case_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
PUBLIC_CACHE = "public, max-age=300"
PRIVATE_CACHE = "private, no-store"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def site(home_page):
    boras = make_organisation()
    index = make_case_index(home_page)
    editor = make_user("redaktor@samverkan.se")
    editor.groups.add(Group.objects.get(name="Editors"))
    return {
        "index": index,
        "boras": boras,
        "member": make_member("anna.lindberg@boras.se", organisation=boras),
        "other_member": make_member("erik.holm@boras.se", organisation=boras),
        "pending": make_member("nora@gmail.com", status="pending"),
        "editor": editor,
    }


def document(title="Rapport", name="rapport.pdf", content=PDF, uploader=None):
    doc = get_document_model()(title=title, uploaded_by_user=uploader)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


def case_with(index, doc=None, image=None, **fields):
    case = make_case(index, **fields)
    if doc is not None:
        case.documents.add(CaseDocument(document=doc, title="Slutrapport"))
    if image is not None:
        case.gallery_images.add(CaseGalleryImage(image=image, alt_text="En workshop"))
    case.save_revision().publish()
    return case


def fetch(client, url, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def outcome(response):
    """What the person sees: the file, the login page, or nothing."""
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
        return "login"
    return {200: "file", 404: "not found"}[response.status_code]


def who(site):
    return {
        "visitor": None,
        "pending member": site["pending"].user,
        "member": site["member"].user,
        "editor": site["editor"],
    }


def test_a_public_cases_document_is_for_everyone(client, site):
    doc = document()
    case_with(site["index"], doc)

    for person, user in who(site).items():
        response = fetch(client, doc.url, user)
        assert outcome(response) == "file", person
        assert b"".join(response.streaming_content) == PDF
        assert response["Cache-Control"] == PUBLIC_CACHE
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline")  # opens in the browser


def test_a_members_only_cases_document_is_for_approved_members(client, site):
    doc = document()
    case_with(site["index"], doc, visibility="members")
    seen = {person: outcome(fetch(client, doc.url, user)) for person, user in who(site).items()}

    assert seen == {
        "visitor": "login",
        "pending member": "not found",
        "member": "file",
        "editor": "file",
    }
    assert fetch(client, doc.url, site["member"].user)["Cache-Control"] == PRIVATE_CACHE


def test_a_document_follows_its_case_when_the_case_turns_members_only(client, site):
    doc = document()
    case = case_with(site["index"], doc)
    assert outcome(fetch(client, doc.url)) == "file"

    case.visibility = "members"
    case.save_revision().publish()

    assert outcome(fetch(client, doc.url)) == "login"


def test_a_report_on_a_case_in_moderation_is_for_its_author_and_the_editors(client, site):
    member = site["member"]
    client.force_login(member.user)
    report = SimpleUploadedFile("slutrapport.pdf", PDF, content_type="application/pdf")
    data = {**case_data({"boras": site["boras"]}), "report": report}
    assert client.post("/case/nytt/", data).status_code == 302
    case = CasePage.objects.get()
    url = case.documents.get().document.url

    seen = {person: outcome(fetch(client, url, user)) for person, user in who(site).items()}
    seen["another member"] = outcome(fetch(client, url, site["other_member"].user))

    assert seen == {
        "visitor": "login",
        "pending member": "not found",
        "member": "file",  # the author
        "editor": "file",
        "another member": "not found",
    }
    assert fetch(client, url, site["editor"])["Cache-Control"] == PRIVATE_CACHE

    approve(case, site["editor"])

    assert outcome(fetch(client, url)) == "file"  # published as a public case


def test_a_document_no_page_uses_is_for_editors_and_its_uploader(client, site):
    member = site["member"]
    doc = document(uploader=member.user)
    seen = {person: outcome(fetch(client, doc.url, user)) for person, user in who(site).items()}
    seen["another member"] = outcome(fetch(client, doc.url, site["other_member"].user))

    assert seen == {
        "visitor": "login",
        "pending member": "not found",
        "member": "file",  # the uploader
        "editor": "file",
        "another member": "not found",
    }


def test_a_document_on_an_unpublished_page_stays_private(client, site):
    doc = document()
    case = case_with(site["index"], doc)
    case.unpublish()

    assert outcome(fetch(client, doc.url)) == "login"
    assert outcome(fetch(client, doc.url, site["member"].user)) == "not found"
    assert outcome(fetch(client, doc.url, site["editor"])) == "file"


def test_an_svg_is_downloaded_never_shown(client, site):
    # An SVG from before the allow-list, or one a superuser let in: a script in it never runs.
    svg = document(title="Karta", name="karta.svg", content=SVG)
    case_with(site["index"], svg)

    response = fetch(client, svg.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_files_of_documents_are_not_published_under_media(client, site, settings):
    doc = document()
    case_with(site["index"], doc)
    photo_folder = settings.MEDIA_ROOT / "members" / "photos"
    photo_folder.mkdir(parents=True)
    (photo_folder / "abc.jpg").write_bytes(b"jpeg")
    try:
        # With DEBUG, runserver publishes MEDIA_ROOT: only the member photos' folder.
        settings.DEBUG = True
        importlib.reload(network.urls)
        clear_url_caches()
        assert client.get(f"/media/{doc.file.name}").status_code == 404
        assert client.get("/media/members/photos/abc.jpg").status_code == 200
    finally:
        settings.DEBUG = False
        importlib.reload(network.urls)
        clear_url_caches()


def rendition_urls(html):
    return re.findall(r'<img[^>]* src="(/images/[^"]+)"', html)


def test_a_members_only_cases_images_are_for_approved_members(client, site):
    image = get_image_model().objects.create(title="Workshop", file=jpeg("workshop.jpg"))
    case = case_with(site["index"], image=image, visibility="members")
    client.force_login(site["member"].user)
    [url] = rendition_urls(client.get(case.url).content.decode())

    seen = {person: outcome(fetch(client, url, user)) for person, user in who(site).items()}

    assert seen == {
        "visitor": "login",
        "pending member": "not found",
        "member": "file",
        "editor": "file",
    }
    response = fetch(client, url, site["member"].user)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == PRIVATE_CACHE
    assert response["Content-Security-Policy"] == "default-src 'none'"
    # The original is not at an address under MEDIA_URL either.
    assert fetch(client, f"/media/{image.file.name}").status_code == 404


def test_a_public_cases_images_are_for_everyone(client, site):
    image = get_image_model().objects.create(title="Workshop", file=jpeg("workshop.jpg"))
    case = case_with(site["index"], image=image)
    [url] = rendition_urls(client.get(case.url).content.decode())

    response = fetch(client, url)

    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC_CACHE
    assert PILImage.open(io.BytesIO(b"".join(response.streaming_content))).format == "JPEG"


def test_an_organisation_logo_is_public(client, site):
    logo = get_image_model().objects.create(title="Logotyp", file=jpeg("logotyp.jpg"))
    site["boras"].logo = logo
    site["boras"].save()

    html = client.get(f"/organisationer/{site['boras'].slug}/").content.decode()
    [url] = rendition_urls(html)

    assert fetch(client, url).status_code == 200


def jpeg(name):
    output = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (30, 90, 160)).save(output, format="JPEG")
    return ContentFile(output.getvalue(), name=name)


# Uploads: a file is what its content is, not what its name says.


def test_a_member_cannot_send_an_svg_with_a_script_as_the_report(client, site):
    client.force_login(site["member"].user)
    for name in ("rapport.pdf", "rapport.svg"):
        svg = SimpleUploadedFile(name, SVG, content_type="application/pdf")
        data = {**case_data({"boras": site["boras"]}), "report": svg}

        response = client.post("/en/case/nytt/", data)

        assert response.status_code == 200
        assert "Upload the report as a PDF file." in response.content.decode()
    assert not CasePage.objects.exists()
    assert not get_document_model().objects.exists()


def test_a_member_is_told_to_rename_a_pdf_named_docx(client, site):
    client.force_login(site["member"].user)
    pdf = SimpleUploadedFile("rapport.docx", PDF, content_type="application/msword")
    data = {**case_data({"boras": site["boras"]}), "report": pdf}

    response = client.post("/en/case/nytt/", data)

    assert response.status_code == 200
    assert "The file is a PDF, but its name does not end in .pdf." in response.content.decode()
    assert not CasePage.objects.exists()


def test_a_report_over_the_size_limit_is_refused(client, site):
    client.force_login(site["member"].user)
    big = SimpleUploadedFile("rapport.pdf", PDF + b"0" * (20 * 1024 * 1024), "application/pdf")
    data = {**case_data({"boras": site["boras"]}), "report": big}

    response = client.post("/en/case/nytt/", data)

    assert "The report may be at most 20 MB." in response.content.decode()
    assert not CasePage.objects.exists()


def docx_bytes():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return output.getvalue()


def admin_upload(client, editor, name, content):
    client.force_login(editor)
    collection = Collection.get_first_root_node()
    upload = SimpleUploadedFile(name, content)
    return client.post(
        "/admin/documents/add/", {"title": name, "file": upload, "collection": collection.pk}
    )


@pytest.mark.parametrize(
    "name, content",
    [("rapport.docx", PDF), ("anteckningar.txt", SVG), ("data.csv", b"a,b\x00\x01")],
)
def test_an_editor_cannot_upload_a_file_whose_content_is_not_what_its_name_says(
    client, site, name, content
):
    response = admin_upload(client, site["editor"], name, content)

    assert response.status_code == 200  # the form again, with the error
    assert "." + name.rpartition(".")[2] in str(response.context["form"].errors["file"])
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [("rapport.pdf", PDF), ("rapport.docx", docx_bytes()), ("data.csv", "å,ä\n1,2\n".encode())],
)
def test_an_editor_uploads_real_documents(client, site, name, content):
    response = admin_upload(client, site["editor"], name, content)

    assert response.status_code == 302
    assert get_document_model().objects.get().file_extension == name.rpartition(".")[2]


# Private pages: accounts and groups, never a password shared around.


def test_the_admin_offers_no_shared_password_for_a_private_page(client, site):
    client.force_login(site["editor"])
    case = make_case(site["index"])

    page_form = client.get(f"/admin/pages/{case.pk}/privacy/").json()["html"]
    # Collections' privacy is for whoever manages collections: here the site's superuser.
    client.force_login(make_user("admin@samverkan.se", is_superuser=True))
    collection = Collection.get_first_root_node()
    collection_form = client.get(f"/admin/collections/{collection.pk}/privacy/").json()["html"]

    for html in (page_form, collection_form):
        assert 'value="login"' in html
        assert 'value="password"' not in html
        assert 'name="password"' not in html
