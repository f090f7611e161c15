"""Mutation fuzzing of the Word template reader.

Each case mutates the shipped template (byte flips, truncation, zip entries deleted or
duplicated, XML edits), loads it as a user's template and, when it is accepted, exports a
small report with it. Every case must end in success or a `UserError` (one sentence for
the user) - never another exception, never a hang - and must leave the input untouched.

About 150 cases run by default; set RRT_FUZZ_CASES=5000 for a long run. The seed is fixed,
so a failing case number reproduces: pytest -k "case-0042".
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import os
import random
import signal
import threading
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from app.errors import UserError
from app.reports.model.report import (
    Column,
    ColumnKind,
    Paragraph,
    Report,
    Row,
    Section,
    Span,
    Table,
    TitlePage,
)
from app.reports.render.docx.renderer import render_docx

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = (ROOT / "resources" / "templates" / "report.docx").read_bytes()
SEED = 20261130
CASES = int(os.environ.get("RRT_FUZZ_CASES", "150"))
CASE_SECONDS = 60  # generous: a case normally takes a fraction of a second

REPORT = Report(
    title_page=TitlePage("Fuzz review", organisation="Northfield CVS",
                         report_date=date(2026, 11, 30), author="Tester"),
    sections=(Section("Findings", (
        Paragraph.of("Plain, ", Span("bold", bold=True), " and ",
                     Span("a link", link="https://example.org")),
        Table((Column("Group"), Column("People", ColumnKind.COUNT)),
              (Row(("Irish", 12)), Row(("Total", 12), is_total=True)), caption="Table 1"),
    )),),
)


# ---------------------------------------------------------------- mutations


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(info, package.read(info)) for info in package.infolist()]


def _rezip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package, \
            contextlib.suppress(Exception):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicate names are the point
            for name, content in members:
                package.writestr(zipfile.ZipInfo(name), content)
    return buffer.getvalue()


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def delete_entry(rng: random.Random, data: bytes) -> bytes:
    members = [(info.filename, content) for info, content in _members(data)]
    members.pop(rng.randrange(len(members)))
    return _rezip(members)


def duplicate_entry(rng: random.Random, data: bytes) -> bytes:
    members = [(info.filename, content) for info, content in _members(data)]
    name, content = rng.choice(members)
    twin = content if rng.random() < 0.5 else content[: len(content) // 2]
    members.insert(rng.randrange(len(members) + 1), (name, twin))
    return _rezip(members)


XML_SNIPPETS = [
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>', b"&a;", b"<w:p>", b"</w:p>", b"<w:r><w:t>x</w:t>",
    b'<w:pStyle w:val="Heading1"/>', b'w:val=""', b'w:w="-99999999999"', b"\x00", b"\xff\xfe",
    b"<![CDATA[", b"<?xml version='1.0'?>", b'<w:tbl/>', b'<w:sectPr/>', b'r:id="rId999"',
    b'w:styleId="Normal"', b'w:type="numbering"', b"<w:numPr><w:numId w:val='7'/></w:numPr>",
]


def edit_xml(rng: random.Random, data: bytes) -> bytes:
    members = [(info.filename, content) for info, content in _members(data)]
    xml = [i for i, (name, _) in enumerate(members) if name.endswith((".xml", ".rels"))]
    index = rng.choice(xml)
    name, content = members[index]
    text = bytearray(content)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text) + 1)
        action = rng.random()
        if action < 0.4:
            text[at:at] = rng.choice(XML_SNIPPETS)
        elif action < 0.7:
            del text[at : at + rng.randint(1, 200)]
        elif action < 0.85:  # swap two slices: elements out of order
            other = rng.randrange(len(text) + 1)
            a, b = sorted((at, other))
            text[a:b] = text[a:b][::-1] if rng.random() < 0.2 else text[b:] [: b - a]
        else:
            text[at:at] = rng.choice(XML_SNIPPETS) * rng.randint(2, 50)
    members[index] = (name, bytes(text))
    return _rezip(members)


ODD_VALUES = ["", "0", "-1", "99999999999", "1.5", "auto", "Heading1", "rId1", "nil", "x" * 300,
              "\u202e", "NaN", "true", "Normal", "FFFFFF", "😀", "-0"]


def edit_xml_tree(rng: random.Random, data: bytes) -> bytes:
    """Well-formed edits (elements dropped, copied or moved, attributes changed), which get
    past the parser and test what python-docx and the renderer make of odd content."""
    from lxml import etree

    members = [(info.filename, content) for info, content in _members(data)]
    xml = [i for i, (name, _) in enumerate(members) if name.endswith((".xml", ".rels"))]
    index = rng.choice(xml)
    name, content = members[index]
    root = etree.fromstring(content)
    elements = list(root.iter())
    for _ in range(rng.randint(1, 5)):
        element = rng.choice(elements)
        parent = element.getparent()
        action = rng.random()
        if parent is not None and action < 0.3:
            parent.remove(element)
        elif parent is not None and action < 0.45:
            parent.insert(rng.randrange(len(parent) + 1), copy.deepcopy(element))
        elif parent is not None and action < 0.55:  # out of schema order
            parent.remove(element)
            parent.insert(0, element)
        elif element.attrib:
            key = rng.choice(list(element.attrib))
            if rng.random() < 0.3:
                del element.attrib[key]
            else:
                element.attrib[key] = rng.choice(ODD_VALUES)
    members[index] = (name, etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                           standalone=True))
    return _rezip(members)


MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    flip_bytes, truncate, delete_entry, duplicate_entry, edit_xml,
    edit_xml_tree, edit_xml_tree, edit_xml_tree, edit_xml_tree,
]


def mutated(case: int) -> bytes:
    rng = random.Random(SEED * 100_003 + case)
    data = TEMPLATE
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        mutate = rng.choice(MUTATIONS)
        with contextlib.suppress(Exception):  # a zip already broken cannot be re-zipped
            data = mutate(rng, data)
    return data


# ---------------------------------------------------------------- the cap on each case


@contextlib.contextmanager
def time_cap(seconds: int) -> Iterator[None]:
    """Fail a case that runs longer than `seconds` (SIGALRM where there is one)."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(_signum, _frame):
        raise TimeoutError(f"a fuzz case ran for more than {seconds} seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------- the test


@pytest.mark.parametrize("case", range(CASES), ids=lambda n: f"case-{n:04d}")
def test_mutated_template_is_used_or_refused_with_a_sentence(case: int, tmp_path: Path) -> None:
    data = mutated(case)
    template = tmp_path / "Mutated.docx"
    template.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    out = tmp_path / "Report.docx"
    with time_cap(CASE_SECONDS):
        try:
            result = render_docx(REPORT, out, template=template)
        except UserError as error:
            text = str(error)
            assert text and text[0].isupper() and text.rstrip().endswith("."), text
            assert "Traceback" not in text and "\n" not in text
            assert not out.exists()
        else:
            assert result.path == out
            with zipfile.ZipFile(out) as written:  # a sound package: one part per name
                names = written.namelist()
                assert written.testzip() is None and len(set(names)) == len(names)
    assert hashlib.sha256(template.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) in (
        ["Mutated.docx"], ["Mutated.docx", "Report.docx"]
    )


def test_the_mutations_do_mutate() -> None:
    changed = sum(mutated(case) != TEMPLATE for case in range(40))
    assert changed >= 36


@pytest.fixture(scope="module", autouse=True)
def memory_cap() -> Iterator[None]:
    # Every case in this file together may raise the process's peak memory only so far.
    from tests.support.caps import peak_memory_growth_below

    with peak_memory_growth_below(400):
        yield
