"""Open data: every public case as CSV and JSON, with stable column names (see README)."""

import csv
import json

from django.utils.html import strip_tags

from .conditional import conditional
from .models import CaseIndexPage, CasePage, ContentVersion
from .models.versions import CASES
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


# Cases read from the database at a time, their tags and partners with them.
CHUNK = 200


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


class Echo:
    """A file for csv.writer that hands each line back instead of keeping it."""

    def write(self, value):
        return value


def json_chunks(index_page, request):
    """The JSON document a case at a time: the whole never sits in memory."""
    yield '{"columns": ' + json.dumps(COLUMNS, ensure_ascii=False) + ', "cases": ['
    for n, case in enumerate(public_cases(index_page).iterator(chunk_size=CHUNK)):
        yield ("," if n else "") + "\n  " + json.dumps(case_row(case, request), ensure_ascii=False)
    yield "\n]}\n"


def csv_lines(index_page, request):
    # A byte-order mark so that Excel opens å, ä and ö correctly.
    yield "\ufeff"
    # Members write these cells: none may turn into a formula in a spreadsheet (OWASP).
    writer = csv.DictWriter(Echo(), fieldnames=COLUMNS, quoting=QUOTING)
    yield writer.writeheader()
    for case in public_cases(index_page).iterator(chunk_size=CHUNK):
        row = case_row(case, request)
        for name in ("partners", "methods", "tags", "reused_by"):
            # Each name too: a program that splits the list must not find a formula either.
            row[name] = "; ".join(formula_safe(item) for item in row[name])
        yield writer.writerow(formula_safe_row(row))


def export(request, chunks, content_type, suffix):
    """Streamed as it is made, with validators that move only when a case changes."""
    index_page = page_for_site(request, CaseIndexPage)
    version = ContentVersion.current(CASES)
    response = conditional(
        request,
        etag=f'"cases-{version.number}-{suffix}"',
        last_modified=version.changed_at,
        build=lambda: chunks(index_page, request),
        content_type=content_type,
        max_age=3600,
        stream=True,
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data, readable from anywhere
    return response


def export_csv(request):
    response = export(request, csv_lines, "text/csv; charset=utf-8", "csv")
    response["Content-Disposition"] = 'attachment; filename="case.csv"'
    return response


def export_json(request):
    return export(request, json_chunks, "application/json; charset=utf-8", "json")
