"""Open data: every public case as CSV and JSON, with stable column names (see README)."""

import csv
import json

from django.http import HttpResponse
from django.utils.html import strip_tags

from .models import CaseIndexPage, CasePage
from .pages import page_for_site
from .spreadsheets import QUOTING, formula_safe, formula_safe_row

COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "status",
    "start_date",
    "end_date",
    "coordinator",
    "coordinator_county",
    "partners",
    "funder",
    "funding_amount_sek",
    "funding_programme",
    "funding_reference",
    "innovation_kind",
    "methods",
    "tags",
    "challenge",
    "approach",
    "results",
    "innovation",
    "failures",
    "lessons",
    "users_and_beneficiaries",
    "reused_by",
    "first_published",
    "last_published",
]


def public_cases(index_page):
    # Members-only cases and their data never leave through the open data.
    return (
        CasePage.objects.live()
        .child_of(index_page)
        .visible_to(None)
        .select_related("coordinator", "funder")
        .prefetch_related("tags", "methods", "partners__organisation", "reuses__organisation")
        .order_by("pk")
    )


def text(html):
    return " ".join(strip_tags(html or "").split())


def case_row(case, request):
    return {
        "id": case.pk,
        "url": case.get_full_url(request),
        "title": case.title,
        "summary": case.summary,
        "status": case.status,
        "start_date": case.start_date.isoformat() if case.start_date else "",
        "end_date": case.end_date.isoformat() if case.end_date else "",
        "coordinator": case.coordinator.name if case.coordinator else "",
        "coordinator_county": case.coordinator.county if case.coordinator else "",
        "partners": [p.organisation.name for p in case.partners.all()],
        "funder": case.funder.name if case.funder else "",
        "funding_amount_sek": case.funding_amount,
        "funding_programme": case.funding_programme,
        "funding_reference": case.funding_reference,
        "innovation_kind": case.innovation_kind,
        "methods": sorted(m.name for m in case.methods.all()),
        "tags": sorted(t.name for t in case.tags.all()),
        "challenge": text(case.challenge),
        "approach": text(case.approach),
        "results": text(case.results),
        "innovation": text(case.innovation),
        "failures": text(case.failures),
        "lessons": text(case.lessons),
        "users_and_beneficiaries": case.users_and_beneficiaries,
        "reused_by": [r.organisation.name for r in case.reuses.all()],
        "first_published": case.first_published_at.isoformat() if case.first_published_at else "",
        "last_published": case.last_published_at.isoformat() if case.last_published_at else "",
    }


def case_export_json(index_page, request):
    rows = [case_row(case, request) for case in public_cases(index_page)]
    body = json.dumps({"columns": COLUMNS, "cases": rows}, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"  # open data, readable from anywhere
    return response


def case_export_csv(index_page, request):
    # A byte-order mark so that Excel opens å, ä and ö correctly.
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="case.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    response.write("\ufeff")
    # Members write these cells: none may turn into a formula in a spreadsheet (OWASP).
    writer = csv.DictWriter(response, fieldnames=COLUMNS, quoting=QUOTING)
    writer.writeheader()
    for case in public_cases(index_page):
        row = case_row(case, request)
        for name in ("partners", "methods", "tags", "reused_by"):
            # Each name too: a program that splits the list must not find a formula either.
            row[name] = "; ".join(formula_safe(item) for item in row[name])
        writer.writerow(formula_safe_row(row))
    return response


def export_csv(request):
    return case_export_csv(page_for_site(request, CaseIndexPage), request)


def export_json(request):
    return case_export_json(page_for_site(request, CaseIndexPage), request)
