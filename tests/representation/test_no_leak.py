"""A published representation report lets no hidden count be recovered: not shown directly,
and not worked out from a share, ratio, interval or parity gap with the shown totals and
area shares. Checked in Word, PDF and Excel with the publication default rule (hide 1 to 7,
round to 5), against the internal export that shows everything."""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from app.reports.disclosure.control import INTERNAL_WARNING, DisclosurePreset
from app.reports.export.exporters import ExportFormat, ExportOptions
from app.reports.model.formatting import format_number, format_percent
from app.reports.workbook_export import prepare_export
from app.representation.statistics import metrics
from app.workbook import Workbook
from tests.representation.conftest import add_audit, add_baseline
from tests.support.office import pdf_text

# Asian 6, Black 3 and Other 4 are hidden (1 to 7); White 136, the 149 who stated and the
# 31 ethnic minorities are shown rounded (135, 150, 30); 2 preferred not to say.
BODY = (("bangladeshi", 6), ("african", 3), ("british", 118), ("irish", 18), ("arab", 4),
        ("prefer-not-to-say", 2))
AREA_SHARE = {"asian": 0.097, "black": 0.053, "white": 0.801, "other": 0.023}
HIDDEN = {"asian": 6, "black": 3, "other": 4}
EXACT = {"white": 136, "minorities": 31}  # shown only rounded
STATED, SHOWN_STATED = 149, 150
AREA_MINORITIES = 0.30
DISTINCT = {136, 149, 31}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def leak_strings() -> set[str]:
    """Every figure that would let a hidden or unrounded count be worked out: the share,
    ratio and interval ends of each exact count against the exact or the shown total."""
    out = set()
    cases = [(x, AREA_SHARE[k]) for k, x in HIDDEN.items()]
    cases += [(EXACT["white"], AREA_SHARE["white"]), (EXACT["minorities"], AREA_MINORITIES)]
    for x, p in cases:
        for n in (STATED, SHOWN_STATED):
            m = metrics(x, n, p)
            assert m.share is not None and m.ratio is not None and m.interval is not None
            out |= {format_percent(m.share), format_number(m.ratio),
                    format_percent(m.interval[0]), format_percent(m.interval[1])}
    # Figures the protected report shows legitimately (from the rounded counts, the zero
    # Mixed group or the area) are not leaks even where they coincide.
    for x, p in ((135, 0.801), (30, AREA_MINORITIES), (0, 0.026)):
        m = metrics(x, SHOWN_STATED, p)
        assert m.share is not None and m.interval is not None
        out -= {format_percent(m.share), format_number(m.ratio or 0),
                format_percent(m.interval[0]), format_percent(m.interval[1])}
    out -= {format_percent(v) for v in (*AREA_SHARE.values(), AREA_MINORITIES, 0.026, 1.0)}
    return out


def leak_values() -> list[float]:
    values = []
    cases = [(x, AREA_SHARE[k]) for k, x in HIDDEN.items()]
    cases += [(EXACT["white"], AREA_SHARE["white"]), (EXACT["minorities"], AREA_MINORITIES)]
    for x, p in cases:
        m = metrics(x, STATED, p)
        assert m.share is not None and m.ratio is not None and m.interval is not None
        values += [m.share, m.ratio, *m.interval]
    return values


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("leak")
    book = Workbook.create(folder / "leak.rrwb", title="Board monitoring",
                           organisation="Canal Side Forum")
    baseline = add_baseline(book, (("bangladeshi", 9_700), ("african", 5_300),
                                   ("white-and-asian", 2_600), ("british", 70_000),
                                   ("irish", 10_100), ("arab", 2_300)))
    add_audit(book, BODY, baseline)
    prepared = prepare_export(book, "representation")
    book.close()
    out = {}
    for fmt, suffix in ((ExportFormat.DOCX, "docx"), (ExportFormat.PDF, "pdf"),
                        (ExportFormat.XLSX, "xlsx")):
        for kind, options in (
            ("public", {"suppression": DisclosurePreset.SUPPRESS_1_TO_7_ROUND_5}),
            ("internal", {"for_publication": False}),
        ):
            path = folder / f"{kind}.{suffix}"
            prepared.run(ExportOptions(fmt, path, **options))  # type: ignore[arg-type]
            out[f"{kind}.{suffix}"] = path
    return out


def xml_text(data: bytes) -> str:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return data.decode("utf-8", "replace")
    pieces = []
    for element in root.iter():
        pieces += [element.text or "", element.tail or ""]
        pieces += [v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] in
                   {"descr", "title", "v", "val"}]
    return "\n".join(p for p in pieces if p.strip())


def text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        return pdf_text(path)
    with zipfile.ZipFile(path) as archive:
        parts = [n for n in archive.namelist() if n.endswith(".xml")
                 and not n.startswith("docProps/")]
        return "\n".join(xml_text(archive.read(n)) for n in parts)


def excel_numbers(path: Path) -> list[float]:
    book = load_workbook(path)
    return [float(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, int | float) and not isinstance(c.value, bool)]


def tokens(text: str) -> set[int]:
    return {int(t) for t in NUMBER.findall(text) if t.isdigit()}


@pytest.mark.parametrize("suffix", ["docx", "pdf", "xlsx"])
def test_no_hidden_count_can_be_recovered_from_a_published_export(
        exports: dict[str, Path], suffix: str) -> None:
    text = text_of(exports[f"public.{suffix}"])
    assert "[c]" in text
    assert INTERNAL_WARNING not in text
    shown = {s for s in leak_strings() if s in text}
    assert not shown, f"the {suffix} export shows figures worked out from exact counts: {shown}"
    assert not tokens(text) & DISTINCT, sorted(tokens(text) & DISTINCT)
    if suffix == "xlsx":
        numbers = excel_numbers(exports["public.xlsx"])
        for value in leak_values():
            assert not any(math.isclose(value, n, rel_tol=1e-9) for n in numbers), value
        assert not {n for n in numbers if n.is_integer()} & {float(d) for d in DISTINCT}


@pytest.mark.parametrize("suffix", ["docx", "pdf", "xlsx"])
def test_the_internal_export_shows_everything_and_says_so(
        exports: dict[str, Path], suffix: str) -> None:
    """Guards the guard: the same checks find the figures when nothing is hidden."""
    text = text_of(exports[f"internal.{suffix}"])
    assert INTERNAL_WARNING in " ".join(text.split())
    assert leak_strings() & {s for s in leak_strings() if s in text}
    assert tokens(text) & DISTINCT or suffix == "xlsx"
    if suffix == "xlsx":
        numbers = excel_numbers(exports["internal.xlsx"])
        assert any(math.isclose(leak_values()[0], n, rel_tol=1e-9) for n in numbers)
