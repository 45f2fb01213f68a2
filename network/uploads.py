"""What may be uploaded as a document: a file whose content is what its name says.

Wagtail checks the extension (WAGTAILDOCS_EXTENSIONS) and the size
(WAGTAILDOCS_MAX_UPLOAD_SIZE); a name is only a claim, though, so the content is checked
too, by its first bytes and, for office files, by the parts inside the zip. An SVG with a
script renamed to .pdf or .txt, or a PDF named .docx, is refused with a message saying so.
Editors' uploads in the admin go through DocumentForm (WAGTAILDOCS_DOCUMENT_FORM_BASE),
members' reports through the case form (network/forms.py), both through content_matches.
"""

import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# The office formats are zip files whose parts say which program wrote them.
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_TYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
TEXT_EXTENSIONS = {"csv", "txt"}
# A text file that opens like this is a web page or an image a browser would render.
MARKUP_STARTS = (b"<?xml", b"<svg", b"<!doctype", b"<html", b"<script", b"<!--")


def extension_of(name):
    return name.rpartition(".")[2].lower() if "." in name else ""


def _head(upload, size):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _is_ooxml(upload, folder):
    # The zip's directory is read, nothing is unpacked: a zip bomb stays harmless.
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)


def _is_odf(upload, mimetype):
    # An OpenDocument file starts with an uncompressed part "mimetype" naming its kind.
    head = _head(upload, 30 + len("mimetype") + len(mimetype))
    return head.startswith(b"PK\x03\x04") and head[30:] == b"mimetype" + mimetype


def _is_text(upload):
    try:
        upload.seek(0)
        for number, chunk in enumerate(upload.chunks()):
            start = chunk.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
            if number == 0 and start.startswith(MARKUP_STARTS):
                return False
            if b"\x00" in chunk:
                return False  # binary, or UTF-16 text, which spreadsheets misread anyway
        return True
    finally:
        upload.seek(0)


def content_matches(upload, extension):
    """Whether the uploaded file's content is a file of this kind; unknown kinds are not."""
    if extension == "pdf":
        return _head(upload, 5) == b"%PDF-"
    if extension == "rtf":
        return _head(upload, 5) == b"{\\rtf"
    if extension in OOXML_FOLDERS:
        return _is_ooxml(upload, OOXML_FOLDERS[extension])
    if extension in ODF_TYPES:
        return _is_odf(upload, ODF_TYPES[extension])
    if extension in TEXT_EXTENSIONS:
        return _is_text(upload)
    return False


class DocumentForm(BaseDocumentForm):
    """The admin's document form: the content must be what the extension says."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # A new upload only: an unchanged file on the edit form was checked when it came.
        if upload and hasattr(upload, "content_type"):
            extension = extension_of(upload.name)
            # Extensions outside the allow-list are Wagtail's to refuse, with its own message.
            allowed = extension in getattr(settings, "WAGTAILDOCS_EXTENSIONS", ())
            if allowed and not content_matches(upload, extension):
                raise forms.ValidationError(
                    _(
                        "The content of this file is not a .%(extension)s file, whatever its "
                        "name says. Save it again in its own program, or choose the right file."
                    ),
                    code="content_mismatch",
                    params={"extension": extension},
                )
        return upload


class ImageField(WagtailImageField):
    """Wagtail's image field, refusing a file that only starts like an image (a GIF header
    before a web page, a cut-off PNG): Wagtail's own lets Pillow's error through, a 500."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (OSError, SyntaxError, ValueError) as error:  # UnidentifiedImageError: OSError
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    """The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), with the field above."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = ImageField  # the field as Wagtail built it, with the check added
