"""Members submit and edit cases; every change goes through Wagtail's moderation workflow.

A member's text is never lost: a form sent twice (or in several tabs at once) makes one case,
parallel submissions with the same title get slugs of their own, and when saving fails anyway
the member gets the form back with everything they wrote.
"""

import logging
import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model
from wagtail.models import Page, TaskState, WorkflowState

from .forms import PLAIN_FIELDS, TEXT_SECTIONS, CaseForm, ReuseForm
from .models import CaseContact, CasePage, CasePartner, CaseReuse, CaseSubmission
from .models.cases import RESERVED_SLUGS
from .models.visibility import can_see_members_only

logger = logging.getLogger(__name__)
# Clashes that another attempt resolves: a slug or tree position taken by a parallel
# submission, a new tag created at the same moment, a lock given up on (SQLite).
RETRYABLE = (IntegrityError, OperationalError, ValidationError)
SAVE_ATTEMPTS = 3
NOT_SAVED = gettext_lazy(
    "Your case could not be saved just now. Everything you wrote is still in the form below: "
    "please send it again (attach the report again if you had one)."
)


def members_only(request):
    """None when the person may go on; otherwise where they should go instead."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_see_members_only(request.user):
        return TemplateResponse(request, "network/members_only.html", {}, status=403)
    return None


def unique_slug(index_page, title):
    """An address under the case index that no case and no route of the index has taken."""
    base = slugify(title)[:80] or "case"
    if base in RESERVED_SLUGS:
        base = f"{base}-case"
    # Wagtail's own numbering (-1, -2, …), found in one query.
    return find_available_slug(index_page, base)


def apply_form(case, form, user):
    """Copy the form onto a case (a draft object, not yet saved as a revision)."""
    data = form.cleaned_data
    for name in PLAIN_FIELDS:
        setattr(case, name, data[name])
    for name in TEXT_SECTIONS:
        setattr(case, name, form.section_html(name))
    case.partners = [CasePartner(organisation=o) for o in data["partners"]]
    case.methods = data["methods"]
    case.tags.set(data["tags"])
    if data.get("report"):
        Document = get_document_model()
        suffix = " – rapport"  # the content's language, as the case's own text
        title_length = Document._meta.get_field("title").max_length - len(suffix)
        # A 255-character case title must still give a document title that fits.
        document = Document(title=data["title"][:title_length] + suffix, uploaded_by_user=user)
        document.file.save(data["report"].name, data["report"], save=False)
        document.save()
        case.documents.add(case.documents.model(document=document, title=_("Report")))


def submit_for_moderation(case, revision, user):
    """Start (or restart) the moderation workflow for the newest revision."""
    state = case.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    workflow = case.get_workflow()
    if workflow is not None:
        workflow.start(case, user)
    return revision


def create_case(index_page, form, user, token):
    """The case, its first revision and its moderation, all or nothing.

    The submission's token is written first: a second sending of the same form waits at the
    unique index until the first is saved, then fails there and finds the first's case."""
    with transaction.atomic():
        submission = CaseSubmission.objects.create(token=token, user=user)
        # Parallel submissions take turns under the case index (a row lock on PostgreSQL;
        # SQLite writes one at a time), so the free slug found here is still free when saved.
        Page.objects.select_for_update().filter(pk=index_page.pk).first()
        case = CasePage(
            title=form.cleaned_data["title"],
            slug=unique_slug(index_page, form.cleaned_data["title"]),
            live=False,
            owner=user,
            submitted_by=user,
        )
        apply_form(case, form, user)
        case.contacts = [CaseContact(user=user)]
        index_page.add_child(instance=case)
        revision = case.save_revision(user=user, log_action=True)
        submit_for_moderation(case, revision, user)
        submission.case = case
        submission.save(update_fields=["case"])
    return case


def save_submission(index_page, form, user):
    """Save a valid form: "created", "repeat" (sent before) or "failed"; never raises."""
    token = form.cleaned_data.get("submission_token") or uuid.uuid4()
    for attempt in range(1, SAVE_ATTEMPTS + 1):
        try:
            create_case(index_page, form, user, token)
            return "created"
        except RETRYABLE:
            earlier = CaseSubmission.objects.filter(token=token, case__isnull=False).first()
            if earlier is not None:
                # The same form, sent again; someone else's token only a forger sends.
                return "repeat" if earlier.user_id == user.pk else "failed"
            logger.warning("Case submission clashed (attempt %d)", attempt, exc_info=True)
        except Exception:
            logger.exception("A case submission could not be saved")
            return "failed"
    logger.error("A case submission clashed %d times; the form is shown again", SAVE_ATTEMPTS)
    return "failed"


def submit_case(request, index_page):
    refused = members_only(request)
    if refused:
        return refused
    form = CaseForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        outcome = save_submission(index_page, form, request.user)
        if outcome != "failed":
            # A repeat lands where the first sending did: one case, one thank-you.
            messages.success(
                request, _("Thank you! Your case has been sent to the editors for review.")
            )
            return redirect(index_page.url + index_page.reverse_subpage("my_cases"))
        messages.error(request, NOT_SAVED)
        status = 503
    elif request.method == "POST":
        messages.error(request, _("Please correct the fields marked below."))
    return TemplateResponse(
        request,
        "network/case_form.html",
        {"form": form, "index_page": index_page, "page_title": _("Share a case")},
        status=status,
    )


def editable_case(request, case_id):
    case = CasePage.objects.filter(pk=case_id).first()
    if case is None or not case.can_be_edited_by(request.user):
        raise Http404
    return case


def save_edit(case, form, user):
    """A new revision and a restarted moderation, or False (logged) when saving failed."""
    for attempt in range(1, SAVE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                # Edits of one case take turns: two at once would both restart the workflow.
                Page.objects.select_for_update().filter(pk=case.pk).first()
                # The draft read afresh each attempt: a failed one may have left it half-changed.
                draft = case.get_latest_revision_as_object()
                apply_form(draft, form, user)
                # A new revision only: the published version stays live until an editor approves.
                revision = draft.save_revision(user=user, log_action=True)
                submit_for_moderation(case, revision, user)
            return True
        except RETRYABLE:
            logger.warning("Case edit clashed (attempt %d)", attempt, exc_info=True)
        except Exception:
            logger.exception("A case edit could not be saved")
            return False
    return False


def edit_case(request, index_page, case_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # The owner and contacts (approved members) and editors; everyone else gets a 404.
    case = editable_case(request, case_id)
    draft = case.get_latest_revision_as_object()
    form = CaseForm(request.POST or None, request.FILES or None, case=draft)
    status = 200
    if request.method == "POST" and form.is_valid():
        if save_edit(case, form, request.user):
            messages.success(request, _("Your changes have been sent to the editors for review."))
            return redirect(index_page.url + index_page.reverse_subpage("my_cases"))
        messages.error(request, NOT_SAVED)
        status = 503
    elif request.method == "POST":
        messages.error(request, _("Please correct the fields marked below."))
    return TemplateResponse(
        request,
        "network/case_form.html",
        {"form": form, "index_page": index_page, "case": case, "page_title": _("Edit case")},
        status=status,
    )


def moderation_state(case):
    """What the member sees about where their case stands."""
    state = case.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = (
            TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
            .order_by("-finished_at")
            .first()
        )
        return "needs_changes", rejected.get_comment() if rejected else ""
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return "in_moderation", ""
    if case.live:
        return "published", ""
    return "draft", ""


def my_cases(request, index_page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    mine = CasePage.objects.filter(
        Q(submitted_by=request.user) | Q(contacts__user=request.user)
    ).values("pk")
    # Plain pages: Wagtail prefetches workflow states through the base page only,
    # and the list needs nothing case-specific.
    cases = (
        Page.objects.filter(pk__in=mine)
        .order_by("-latest_revision_created_at")
        .prefetch_workflow_states()
    )
    rows = []
    for case in cases:
        state, comment = moderation_state(case)
        rows.append({"case": case, "state": state, "comment": comment})
    return TemplateResponse(
        request,
        "network/my_cases.html",
        {"rows": rows, "index_page": index_page, "page_title": _("My cases")},
    )


def record_reuse(request, index_page, case_id):
    refused = members_only(request)
    if refused:
        return refused
    case = CasePage.objects.live().filter(pk=case_id).first()
    if case is None or (case.is_members_only and not can_see_members_only(request.user)):
        raise Http404
    form = ReuseForm(request.POST or None, case=case, user=request.user)
    if request.method == "POST" and form.is_valid():
        if form.repeat is None and not save_reuse(form, case, request.user):
            form.add_error("organisation", _("This organisation's reuse is already recorded."))
        else:
            messages.success(
                request, _("Thank you! The reuse is recorded and the case's contacts are told.")
            )
            return redirect(case.url)
    return TemplateResponse(
        request,
        "network/reuse_form.html",
        {"form": form, "case": case, "page_title": _("We reuse this case")},
        status=400 if request.method == "POST" else 200,
    )


def save_reuse(form, case, user):
    """Whether this member's reuse is recorded, the first time or by a parallel sending."""
    try:
        with transaction.atomic():
            reuse = form.save(commit=False)
            reuse.case = case
            reuse.recorded_by = user
            reuse.save()
        return True
    except IntegrityError:
        # One reuse per organisation and case: a parallel sending got there first.
        return CaseReuse.objects.filter(
            case=case, organisation=form.cleaned_data["organisation"], recorded_by=user
        ).exists()
