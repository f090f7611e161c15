"""`rrt questionnaire`: answer the representation questionnaire's five questions (a rating,
an answer and evidence files) or show the answers, through the undoable `SetAnswer`."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.errors import UsageError
from app.representation.vocabulary import QUESTIONS, RATINGS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="show|answer")
    show = verbs.add_parser("show", help="the five questions and their answers")
    show.add_argument("path")
    show.add_argument("--json", action="store_true", help="print JSON")
    answer = verbs.add_parser("answer", help="rate or answer one question")
    answer.add_argument("path")
    answer.add_argument("question", help="its number (1-5) or id: "
                                         + ", ".join(q.id for q in QUESTIONS))
    answer.add_argument("--rating", choices=[r for r in RATINGS if r] + ["none"],
                        help="how far it is in place ('none' clears the rating)")
    answer.add_argument("--text", help="the answer in your own words")
    answer.add_argument("--evidence", action="append", default=[], metavar="FILE",
                        help="link an evidence file kept in the workbook, by name (repeat)")
    answer.add_argument("--unlink", action="append", default=[], metavar="FILE",
                        help="unlink an evidence file, by name (repeat)")


def run(args: argparse.Namespace) -> int:
    from app.representation.operations import SetAnswer
    from app.representation.store import Answer, get_answers
    from app.representation.vocabulary import question
    from app.workbook import Workbook
    from app.workbook.evidence import list_evidence
    from app.workbook.operations import run_operation

    read_only = args.verb == "show"
    with Workbook.open(Path(args.path), read_only=read_only) as workbook:
        with workbook.session() as session:
            answers = get_answers(session)
            files = {e.name: e.id for e in list_evidence(session)}
        names = {v: k for k, v in files.items()}
        if args.verb == "show":
            rows = [_as_json(q, answers.get(q.id, Answer(q.id)), names) for q in QUESTIONS]
            if args.json:
                print(json.dumps(rows, indent=2, ensure_ascii=False))
            else:
                for row in rows:
                    print(f"{row['number']}. {row['question']}\n   {row['rating_label']}"
                          + (f": {row['answer']}" if row["answer"] else "")
                          + (f"\n   Evidence: {'; '.join(row['evidence'])}"
                             if row["evidence"] else ""))
            return 0
        q = question(args.question)
        old = answers.get(q.id, Answer(q.id))
        evidence = list(old.evidence)
        for name in args.evidence:
            if name not in files:
                raise UsageError(f"there is no evidence file “{name}” in the workbook")
            if files[name] not in evidence:
                evidence.append(files[name])
        for name in args.unlink:
            if files.get(name) not in evidence:
                raise UsageError(f"“{name}” is not linked to question {q.number}")
            evidence.remove(files[name])
        new = replace(old, evidence=tuple(evidence))
        if args.rating is not None:
            new = replace(new, rating="" if args.rating == "none" else args.rating)
        if args.text is not None:
            new = replace(new, narrative=args.text)
        if new == old:
            print("Nothing to change.")
            return 0
        run_operation(workbook, SetAnswer(new))
    print(f"Question {q.number} answered.")
    return 0


def _as_json(q: Any, answer: Any, names: dict[Any, str]) -> dict[str, Any]:
    return {
        "number": q.number,
        "id": q.id,
        "question": q.text,
        "rating": answer.rating or None,
        "rating_label": RATINGS[answer.rating],
        "answer": answer.narrative,
        "evidence": [names.get(e, "(a removed file)") for e in answer.evidence],
    }
