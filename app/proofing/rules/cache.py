"""A checked copy of the loaded rules, so `rrt proof` need not parse YAML or load pydantic.

Checking rule files takes a YAML parse and pydantic, which cost several times more than
proofing a long draft. Once the files have passed, the rules are kept as plain JSON in the
app's cache folder (`app.paths.cache_dir`) under a key made from the files' names and bytes
(and the app version): any change to any rule file gives a new key, so a stale copy is
never used. A copy that cannot be read or does not have the expected shape is ignored and
rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from app import __version__
from app.proofing.rules.rule import Citation, Rule, RuleKind, Severity, Within

FORMAT = 1


def rule_files(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def cache_key(folders: list[Path]) -> str:
    # Two checksums and the length over every file's name and bytes: enough to notice any
    # edit, and zlib is loaded already where hashlib's OpenSSL would cost `rrt proof` time.
    crc, adler, length = 0, 1, 0
    for part in _key_parts(folders):
        crc, adler, length = zlib.crc32(part, crc), zlib.adler32(part, adler), length + len(part)
    return f"{crc:08x}{adler:08x}{length:x}"


def _key_parts(folders: list[Path]) -> Iterator[bytes]:
    yield f"{FORMAT}:{__version__}".encode()
    for index, folder in enumerate(folders):
        for path in rule_files(folder):
            yield f"\0{index}\0{path.name}\0".encode()
            yield path.read_bytes()


def cache_folder() -> Path:
    from app.paths import cache_dir

    return cache_dir()


Prefixes = dict[str, list[str] | None]


def cached(folders: list[Path], load: Callable[[], list[Rule]]) -> tuple[list[Rule], Prefixes]:
    """The rules for these folders' files and their patterns' prefixes (see `prefixes.py`):
    from the cache, or `load()`ed, worked out and then kept."""
    from app.proofing.rules.engine import RuleSet

    try:
        key = cache_key(folders)
    except OSError:
        rules = load()  # the loader will say what is wrong with the files
        return rules, RuleSet.pattern_prefixes(rules)
    path = cache_folder() / f"rules-{key}.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, AttributeError):
        data = json.loads(path.read_text("utf-8"))
        rules = [rule_from_dict(item) for item in data["rules"]]
        known = {str(k): (None if v is None else [str(p) for p in v])
                 for k, v in data["prefixes"].items()}
        return rules, known
    rules = load()
    known = RuleSet.pattern_prefixes(rules)
    _store(path, {"rules": [rule_to_dict(rule) for rule in rules], "prefixes": known})
    return rules, known


def _store(path: Path, data: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("rules-*.json"):  # one copy per set of files is enough
            if old != path and old.stat().st_mtime < _an_hour_ago():
                old.unlink()
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(partial, path)


def _an_hour_ago() -> float:
    import time

    return time.time() - 3600


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id, "kind": str(rule.kind), "message": rule.message,
        "severity": str(rule.severity), "citation": rule.source.citation,
        "link": rule.source.link, "patterns": [list(p) for p in rule.patterns],
        "rationale": rule.rationale, "suggestion": rule.suggestion,
        "scope": sorted(rule.scope) if rule.scope is not None else None,
        "exceptions": list(rule.exceptions), "when": list(rule.when),
        "unless": list(rule.unless), "with": list(rule.with_), "within": str(rule.within),
        "only": rule.only, "case_sensitive": rule.case_sensitive,
        "flag": list(rule.flag_examples), "pass": list(rule.pass_examples),
        "origin": rule.origin,
    }


def rule_from_dict(data: dict[str, Any]) -> Rule:
    def texts(name: str) -> tuple[str, ...]:
        values = data[name]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise TypeError(name)
        return tuple(values)

    patterns = tuple((str(p), str(r)) for p, r in data["patterns"])
    scope = data["scope"]
    return Rule(
        id=str(data["id"]), kind=RuleKind(data["kind"]), message=str(data["message"]),
        severity=Severity(data["severity"]),
        source=Citation(str(data["citation"]), str(data["link"])), patterns=patterns,
        rationale=str(data["rationale"]), suggestion=str(data["suggestion"]),
        scope=frozenset(str(s) for s in scope) if scope is not None else None,
        exceptions=texts("exceptions"), when=texts("when"), unless=texts("unless"),
        with_=texts("with"), within=Within(data["within"]), only=bool(data["only"]),
        case_sensitive=bool(data["case_sensitive"]), flag_examples=texts("flag"),
        pass_examples=texts("pass"), origin=str(data["origin"]),
    )
