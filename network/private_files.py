"""Who may fetch an uploaded document or image, and the views that serve them.

The rule: a file that pages use is served to whoever may see at least one live page using
it. A public page's files go to anyone, a members-only page's to approved members, the
files of a page behind one of Wagtail's view restrictions to those the restriction lets in.
A file that only drafts use, or nothing does (a member's report on a case still in
moderation, a document just uploaded), goes to the people who work on it: its uploader,
whoever may change or choose it in the admin, and whoever may edit a page that uses it.
Organisation logos (and images of site settings) are public, as organisation pages are.

Which pages use a file: Wagtail's reference index (foreign keys, inline panels, StreamField
blocks and rich text links of every page type) and, for cases, the database itself, since
the index is updated by a background task and may lag behind an editor's change.

Everyone else: a visitor is sent to log in; a signed-in person gets a 404, as on a
members-only page, so that the answer does not tell that the file exists.

Where files are: everything stays in MEDIA_ROOT, but only PUBLIC_MEDIA_FOLDERS are
published under MEDIA_URL (by network/urls.py with DEBUG on, by the web server in
production). Documents are served by Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD
"serve_view"); renditions of images at /images/<name> by serve_image below (their storage,
network.storage, links them there); original images are never served, as the site and the
admin show renditions only (the admin's "original" is a rendition too).
"""

import hashlib

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .models import CaseDocument, CaseGalleryImage, Organisation
from .models.visibility import can_see_members_only
from .storage import RENDITION_FOLDER

PUBLIC = "public"
RESTRICTED = "restricted"
# The only parts of MEDIA_ROOT a browser may fetch straight from disk: member photos
# (under random names) and the editors' avatars in the admin.
PUBLIC_MEDIA_FOLDERS = ("members/", "avatar_images/")
# A CDN may keep a public file for five minutes: nothing purges it when a page that
# uses it turns members-only. Anything else stays in no cache at all.
CACHE_CONTROL = {PUBLIC: "public, max-age=300", RESTRICTED: "private, no-store"}
# Types a browser may show in the page instead of downloading; anything else (SVG, HTML,
# office files) is an attachment, and every file comes with a policy that runs nothing.
INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp"}
FILE_POLICY = "default-src 'none'"
IMAGE_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
}


def pages_using(obj, page_ids=()):
    """Every page (live or not) whose current content uses obj, as its specific type."""
    page_type = ContentType.objects.get_for_model(Page)
    indexed = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    ids = {int(pk) for pk in indexed} | set(page_ids)
    return list(Page.objects.filter(pk__in=ids).specific()) if ids else []


def is_public(page):
    return (
        page.live
        and not getattr(page, "is_members_only", False)
        and not page.get_view_restrictions().exists()
    )


def lets_in(page, request):
    """Whether this person may see this page as it is published."""
    if not page.live:
        return False
    if getattr(page, "is_members_only", False) and not can_see_members_only(request.user):
        return False
    return all(r.accept_request(request) for r in page.get_view_restrictions())


def may_edit(page, user):
    # Cases know their own editors: the member who sent it, its contacts and editors.
    can_be_edited_by = getattr(page, "can_be_edited_by", None)
    if can_be_edited_by is not None:
        return can_be_edited_by(user)
    return page.permissions_for_user(user).can_edit()


def works_on(obj, pages, user):
    """The uploader, whoever may change or choose the file in the admin or edit its pages."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or obj.uploaded_by_user_id == user.pk:
        return True
    policy = policy_registry.get_by_type(type(obj))
    if policy.user_has_any_permission_for_instance(user, ["change", "choose"], obj):
        return True
    return any(may_edit(page, user) for page in pages)


def audience(obj, request, pages, shown_publicly=False):
    """PUBLIC, RESTRICTED (this person may, not everyone may) or None (this person may not)."""
    if shown_publicly or any(is_public(page) for page in pages):
        return PUBLIC
    if any(lets_in(page, request) for page in pages) or works_on(obj, pages, request.user):
        return RESTRICTED
    return None


def document_audience(document, request):
    cases = CaseDocument.objects.filter(document=document).values_list("case_id", flat=True)
    return audience(document, request, pages_using(document, cases))


def image_audience(image, request):
    cases = CaseGalleryImage.objects.filter(image=image).values_list("case_id", flat=True)
    return audience(image, request, pages_using(image, cases), shown_publicly(image))


def shown_publicly(image):
    """Logos and images of site settings, which appear wherever their owner does."""
    if Organisation.objects.filter(logo=image).exists():
        return True
    page_type = ContentType.objects.get_for_model(Page)
    for reference in ReferenceIndex.get_references_to(image).exclude(base_content_type=page_type):
        model = ContentType.objects.get_for_id(reference.content_type_id).model_class()
        if model is not None and issubclass(model, BaseGenericSetting | BaseSiteSetting):
            return True
    return False


def refuse(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def harden(response, audience, content_type):
    """Headers every served file carries, whoever asked and whatever it is."""
    response["Cache-Control"] = CACHE_CONTROL[audience]
    response["Content-Security-Policy"] = FILE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    disposition = response.get("Content-Disposition", "")
    if content_type not in INLINE_TYPES and not disposition.startswith("attachment"):
        response["Content-Disposition"] = "attachment" + disposition.removeprefix("inline")
    return response


def check_document(document, request):
    """Wagtail's before_serve_document hook: None to serve the document, or a refusal."""
    found = document_audience(document, request)
    if found is None:
        return refuse(request)
    request.document_audience = found
    return None


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (which asks check_document), with the file headers added."""
    response = wagtail_serve_document(request, document_id, document_filename)
    found = getattr(request, "document_audience", None)
    # Only the file itself (or its 304): a refusal or a login page keeps its own headers.
    if found is not None and (response.streaming or response.status_code == 304):
        harden(response, found, response.get("Content-Type", "").split(";")[0])
    return response


def rendition_image(name):
    """The image a rendition file belongs to, or None."""
    Rendition = get_image_model().get_rendition_model()
    # The rendition table has no index on file, but one on image: the cache remembers the
    # image, and the check that it still has this rendition is cheap (a file name can come
    # back for another image once the first is deleted).
    key = "rendition-image:" + hashlib.sha256(name.encode()).hexdigest()
    image_id = cache.get(key)
    if image_id is None or not Rendition.objects.filter(image_id=image_id, file=name).exists():
        image_id = Rendition.objects.filter(file=name).values_list("image_id", flat=True).first()
        if image_id is None:
            return None
        cache.set(key, image_id, 24 * 60 * 60)
    return get_image_model().objects.filter(pk=image_id).first()


@require_safe
def serve_image(request, filename):
    """A rendition of an image, to those who may see a page that shows it."""
    if not filename.isprintable():
        raise Http404  # no file is named with a NUL byte, and PostgreSQL cannot look for one
    name = RENDITION_FOLDER + filename
    image = rendition_image(name)
    if image is None:
        raise Http404
    found = image_audience(image, request)
    if found is None:
        return refuse(request)
    storage = get_image_model().get_rendition_model()._meta.get_field("file").storage
    try:
        modified = int(storage.get_modified_time(name).timestamp())
    except FileNotFoundError as missing:
        raise Http404 from missing
    extension = name.rpartition(".")[2].lower()
    content_type = IMAGE_TYPES.get(extension, "application/octet-stream")
    response = get_conditional_response(request, last_modified=modified)
    if response is None:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
        response["Last-Modified"] = http_date(modified)
    return harden(response, found, content_type)
