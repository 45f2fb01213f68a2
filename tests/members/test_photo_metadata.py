"""A member's photo keeps its pixels and nothing else: no comment, no location, no camera."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

COMMENT = b"Hemma hos Anna, Storgatan 1, portkod 1234"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>Anna Lindberg</rdf:Description>'
CAMERA = "Telefonmodell X"


def photo_with_metadata():
    """A JPEG as phones send them: a comment (COM), EXIF with GPS and camera, XMP."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA
    exif[ExifTags.Base.Orientation] = 1
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (57.0, 43.0, 16.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (12.0, 56.0, 22.0)
    output = io.BytesIO()
    Image.new("RGB", (1600, 1200), (200, 120, 40)).save(
        output, format="JPEG", comment=COMMENT, exif=exif, xmp=XMP
    )
    data = output.getvalue()
    # The test photo really carries what the member's must lose.
    with Image.open(io.BytesIO(data)) as original:
        assert original.info["comment"] == COMMENT
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def test_a_members_photo_is_stored_without_comment_location_or_camera(
    client, home_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    anna = make_member("anna.lindberg@boras.se", organisation=make_organisation())
    client.force_login(anna.user)
    upload = SimpleUploadedFile("IMG_0001.jpg", photo_with_metadata(), content_type="image/jpeg")

    response = client.post(
        "/medlemmar/min-profil/",
        {
            "first_name": "Anna",
            "last_name": "Lindberg",
            "county": "vastra-gotaland",
            "visibility": "public",
            "photo": upload,
        },
    )

    assert response.status_code == 302
    anna.refresh_from_db()
    stored = anna.photo.read()
    # What anyone who opens the photo's address gets: the picture, and nothing else.
    assert COMMENT not in stored and b"Storgatan" not in stored
    assert b"\xff\xfe" not in stored  # no comment segment at all
    assert b"Exif\x00\x00" not in stored and CAMERA.encode() not in stored
    assert b"Anna Lindberg" not in stored and b"adobe:ns:meta" not in stored
    with Image.open(io.BytesIO(stored)) as photo:
        assert photo.format == "JPEG"
        assert max(photo.size) == 800
        assert "comment" not in photo.info
        assert not photo.getexif()
        assert not photo.getexif().get_ifd(ExifTags.IFD.GPSInfo)
