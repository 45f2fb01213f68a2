"""Members submit and edit cases; every change goes through Wagtail's moderation workflow."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page, TaskState, WorkflowState

from .forms import PLAIN_FIELDS, TEXT_SECTIONS, CaseForm, ReuseForm
from .models import CaseContact, CasePage, CasePartner
from .models.cases import RESERVED_SLUGS
from .models.visibility import can_see_members_only


def members_only(request):
    """None when the person may go on; otherwise where they should go instead."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_see_members_only(request.user):
        return TemplateResponse(request, "network/members_only.html", {}, status=403)
    return None


def unique_slug(index_page, title):
    base = slugify(title)[:80] or "case"
    if base in RESERVED_SLUGS:
        base = f"{base}-case"
    slug, n = base, 1
    siblings = index_page.get_children()
    while siblings.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


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
        document = Document(title=f"{data['title']} – rapport", uploaded_by_user=user)
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


def submit_case(request, index_page):
    refused = members_only(request)
    if refused:
        return refused
    form = CaseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            case = CasePage(
                title=form.cleaned_data["title"],
                slug=unique_slug(index_page, form.cleaned_data["title"]),
                live=False,
                owner=request.user,
                submitted_by=request.user,
            )
            apply_form(case, form, request.user)
            case.contacts = [CaseContact(user=request.user)]
            index_page.add_child(instance=case)
            revision = case.save_revision(user=request.user, log_action=True)
            submit_for_moderation(case, revision, request.user)
        messages.success(
            request, _("Thank you! Your case has been sent to the editors for review.")
        )
        return redirect(index_page.url + index_page.reverse_subpage("my_cases"))
    if request.method == "POST":
        messages.error(request, _("Please correct the fields marked below."))
    return TemplateResponse(
        request,
        "network/case_form.html",
        {"form": form, "index_page": index_page, "page_title": _("Share a case")},
    )


def editable_case(request, case_id):
    case = CasePage.objects.filter(pk=case_id).first()
    if case is None or not case.can_be_edited_by(request.user):
        raise Http404
    return case


def edit_case(request, index_page, case_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # The owner and contacts (approved members) and editors; everyone else gets a 404.
    case = editable_case(request, case_id)
    draft = case.get_latest_revision_as_object()
    form = CaseForm(request.POST or None, request.FILES or None, case=draft)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            apply_form(draft, form, request.user)
            # A new revision only: the published version stays live until an editor approves.
            revision = draft.save_revision(user=request.user, log_action=True)
            submit_for_moderation(case, revision, request.user)
        messages.success(request, _("Your changes have been sent to the editors for review."))
        return redirect(index_page.url + index_page.reverse_subpage("my_cases"))
    if request.method == "POST":
        messages.error(request, _("Please correct the fields marked below."))
    return TemplateResponse(
        request,
        "network/case_form.html",
        {"form": form, "index_page": index_page, "case": case, "page_title": _("Edit case")},
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
    form = ReuseForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        reuse = form.save(commit=False)
        reuse.case = case
        reuse.recorded_by = request.user
        reuse.save()
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
