"""The proofing benchmark's draft: a 50,000-word .docx built from varied sentences.

Sentences are assembled from parts chosen by a seeded generator, so the text varies like a
real strategy (headings, lists, tables, runs split by formatting) and every run builds the
same file. About one sentence in forty carries wording the rules (or the peers) react to.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

SUBJECTS = ("The council", "Our partners", "The library service", "Each neighbourhood team",
            "The housing board", "The regeneration partnership", "Public health staff",
            "The skills programme", "Youth services", "The voluntary sector forum",
            "Schools in the borough", "The transport authority", "Adult social care")
VERBS = ("will review", "aims to improve", "plans to extend", "is committed to widening",
         "will publish", "expects to reduce", "will fund", "intends to simplify",
         "will measure", "has agreed to strengthen", "will co-ordinate", "should reconsider")
OBJECTS = ("access to advice for older residents", "the quality of temporary housing",
           "waiting times for adaptations", "take-up of free school meals",
           "apprenticeships for young people leaving care", "digital skills in the east wards",
           "the number of volunteers in community centres", "support for carers",
           "bus routes to the hospital", "use of green spaces in the town centre",
           "mental health support for men", "the condition of council homes",
           "English classes for new arrivals", "grants for small community groups")
TAILS = ("by March next year", "over the next three years", "within existing budgets",
         "with help from local employers", "as part of the wider strategy",
         "in line with the corporate plan", "subject to funding", "across the borough",
         "starting with a pilot in two wards", "after the summer review")
FLAGGED = ("We will run outreach for hard to reach groups.",
           "BME residents will be invited to a single event.",
           "The service will treat everyone the same.",
           "Results will be broken down by race where possible.",
           "Mixed race young people and non-White applicants were surveyed.",
           "The target is 500 more people in work.",
           "We will consult residents through the umbrella body for the voluntary sector.",
           "Race equality will be taken forward by the Equality Sub-Group.",
           "Whites and Blacks were asked the same questions.",
           "Gypsy/Roma families will be offered pitches.")

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.025:
        return rng.choice(FLAGGED)
    return (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(TAILS)}.")


def _runs(text: str, rng: random.Random) -> str:
    """The paragraph as Word writes it: split into runs, some of them bold."""
    words = text.split(" ")
    out = []
    while words:
        take = rng.randint(3, 12)
        chunk, words = words[:take], words[take:]
        piece = " ".join(chunk) + (" " if words else "")
        props = "<w:rPr><w:b/></w:rPr>" if rng.random() < 0.15 else ""
        out.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


def _p(text: str, rng: random.Random, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{_runs(text, rng)}</w:p>"


def build_text(words: int, seed: int = 12) -> list[tuple[str, str]]:
    """(style, text) paragraphs totalling about `words` words."""
    rng = random.Random(seed)
    paragraphs: list[tuple[str, str]] = [("Title", "Borough Community Strategy 2026 to 2030")]
    count = 0
    section = 0
    while count < words:
        section += 1
        paragraphs.append(("Heading1", f"{section}. {rng.choice(OBJECTS).capitalize()}"))
        for _ in range(rng.randint(3, 7)):
            text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))
            paragraphs.append(("", text))
            count += len(text.split())
        if section % 3 == 0:
            for _ in range(rng.randint(2, 5)):
                text = _sentence(rng)
                paragraphs.append(("ListBullet", text))
                count += len(text.split())
        if section % 5 == 0:
            for _ in range(3):
                text = f"{rng.choice(OBJECTS)} | {rng.randint(10, 900)} | {rng.choice(TAILS)}"
                paragraphs.append(("cell", text))
                count += len(text.split())
    return paragraphs


def build_docx(path: Path, words: int = 50_000) -> Path:
    rng = random.Random(7)
    body = []
    for style, text in build_text(words):
        if style == "cell":
            cells = "".join(f"<w:tc>{_p(cell.strip(), rng)}</w:tc>" for cell in text.split("|"))
            body.append(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")
        else:
            body.append(_p(text, rng, style))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}>'
                f'<w:body>{"".join(body)}<w:sectPr/></w:body></w:document>')
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>'
              '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://'
             'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
             'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
             'document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
             'styles+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
            'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
                'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/styles" Target="styles.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", rels)
        package.writestr("word/_rels/document.xml.rels", doc_rels)
        package.writestr("word/styles.xml", styles)
        package.writestr("word/document.xml", document)
    return path


# ---------------------------------------------------------------- the peers

PROOF_WORDS = 50_000
NOTES: list[str] = []  # lines for the report: finding counts, peers that could not be had


def draft(work: Path, words: int) -> Path:
    return work / f"proof-{words}.docx"


def extracted(work: Path, words: int) -> Path:
    """The draft's text as our reader extracts it: what the peers are given."""
    return work / f"proof-{words}.txt"


def alex_bin(work: Path) -> Path:
    return work / "alex" / "node_modules" / ".bin" / "alex"


def proselint_bin(work: Path) -> Path:
    return work / "proselint-venv" / "bin" / "proselint"


def prepare(words: int, work: Path) -> None:
    """Build the draft and its text, install the peers (once per run) and count what each
    tool finds on it (untimed)."""
    import json
    import shutil
    import subprocess
    import sys

    path = draft(work, words)
    if path.exists():
        return
    build_docx(path, words)
    from app.proofing.readers import read_draft

    document = read_draft(path)
    extracted(work, words).write_text(document.text, encoding="utf-8")
    if not alex_bin(work).exists():
        npm = shutil.which("npm")
        folder = work / "alex"
        folder.mkdir(exist_ok=True)
        done = subprocess.run([npm or "npm", "install", "--no-audit", "--no-fund", "--silent",
                               "alex"], cwd=folder, capture_output=True, text=True,
                              timeout=600, check=False) if npm else None
        if done is None or done.returncode != 0:
            NOTES.append("alex could not be installed from npm here, so it was not compared"
                         + (f" ({done.stderr.strip()[:200]})" if done else " (no npm)."))
    if not proselint_bin(work).exists():
        venv = work / "proselint-venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
        done = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"],
                              capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            NOTES.append("proselint could not be installed from PyPI here, so it was not "
                         f"compared ({done.stderr.strip()[:200]}).")
    ours = subprocess.run([sys.executable, "-m", "app", "proof", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=300, check=False)
    [result] = json.loads(ours.stdout)["drafts"]
    by_rule: dict[str, int] = {}
    for finding in result["findings"]:
        by_rule[finding["rule"]] = by_rule.get(finding["rule"], 0) + 1
    counts = [f"ours {len(result['findings'])} ("
              + ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items())) + ")"]
    text = str(extracted(work, words))
    if alex_bin(work).exists():
        done = subprocess.run([str(alex_bin(work)), text], capture_output=True, text=True,
                              timeout=600, check=False)
        summary = re.search(r"(\d+) warnings?", done.stderr + done.stdout)
        counts.append(f"alex {summary.group(1) if summary else 0}")
    if proselint_bin(work).exists():
        done = subprocess.run([str(proselint_bin(work)), "check", text], capture_output=True,
                              text=True, timeout=600, check=False)
        found = sum(1 for line in done.stdout.splitlines() if line.startswith(text + ":"))
        counts.append(f"proselint {found}")
    NOTES.append(f"Findings on the {words:,}-word draft ({document.word_count:,} words "
                 "as read): " + "; ".join(counts) + ".")


def peer_command(tool: Path, *args: str) -> list[str]:
    """A peer run as a whole process; both exit 1 when they find something, which the
    harness would take for a crash, so a tiny shell reports 0 once the tool has finished."""
    return ["/bin/sh", "-c", '"$@" >/dev/null 2>&1; exit 0', "peer", str(tool), *args]
