"""Reading rule files: the shipped set in resources/rules/, then a user's folder on top.

YAML is read with the safe loader only, within a size limit, and anchors and aliases are
refused (rule files never need them, and they are how "billion laughs" files grow).
A user's rule with a shipped rule's id replaces it; a user file's `disable:` list switches
shipped rules off. A capitalisation style other than the default (`styles.py`) is a folder
applied between the two.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.paths import resource
from app.proofing.errors import RulesInvalid
from app.proofing.rules.rule import Rule
from app.proofing.rules.styles import DEFAULT, STYLE_RULES, style_folder

if TYPE_CHECKING:
    from app.proofing.rules.engine import RuleSet

MAX_RULE_FILE_BYTES = 1024 * 1024
MAX_EVENTS = 200_000


def shipped_rules_dir() -> Path:
    return resource("rules")


def load_rules(user_dir: Path | str | None = None, *, use_cache: bool = True,
               capitals: str = DEFAULT) -> list[Rule]:
    """The shipped rules in capitalisation style `capitals`, with a user's folder of rule
    files applied on top.

    Rules that passed their checks before are taken from the cache (see `cache.py`).
    """
    folders = _folders(user_dir, capitals)
    if not use_cache:
        return _load(folders)
    from app.proofing.rules.cache import cached

    return cached(folders, lambda: _load(folders))[0]


def load_rule_set(user_dir: Path | str | None = None, *, capitals: str = DEFAULT) -> RuleSet:
    """The rules compiled, ready to proof with (from the cache when it can be)."""
    from app.proofing.rules.cache import cached
    from app.proofing.rules.engine import RuleSet

    folders = _folders(user_dir, capitals)
    rules, known = cached(folders, lambda: _load(folders))
    return RuleSet(rules, known)


def _folders(user_dir: Path | str | None, capitals: str = DEFAULT) -> list[Path]:
    folders = [shipped_rules_dir()]
    style = style_folder(capitals)
    if style is not None:
        folders.append(style)
    if user_dir is not None:
        folder = Path(user_dir)
        if not folder.is_dir():
            raise RulesInvalid(f"There is no folder of rules at {folder}.")
        folders.append(folder)
    return folders


def _load(folders: list[Path]) -> list[Rule]:
    rules = {rule.id: rule for rule in _load_dir(folders[0])[0]}
    for folder in folders[1:]:
        added, disabled = _load_dir(folder)
        unknown = [rule_id for rule_id in disabled
                   if rule_id not in rules and rule_id not in STYLE_RULES.values()]
        if unknown:
            raise RulesInvalid(
                f"The rules in {folder} disable “{unknown[0]}”, which is not a shipped rule. "
                "Check the id."
            )
        for rule_id in disabled:
            rules.pop(rule_id, None)
        for rule in added:
            rules[rule.id] = rule  # a user's rule replaces a shipped one with its id
    return list(rules.values())


def _load_dir(folder: Path) -> tuple[list[Rule], list[str]]:
    rules: list[Rule] = []
    disabled: list[str] = []
    seen: dict[str, str] = {}
    from app.proofing.rules.cache import rule_files

    for path in rule_files(folder):
        found, off = load_rule_file(path)
        for rule in found:
            if rule.id in seen:
                raise RulesInvalid(
                    f"The rules were not loaded: rule “{rule.id}” is in both “{seen[rule.id]}” "
                    f"and “{path.name}”."
                )
            seen[rule.id] = path.name
        rules.extend(found)
        disabled.extend(off)
    return rules, disabled


def load_rule_file(path: Path) -> tuple[list[Rule], list[str]]:
    name = path.name
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise RulesInvalid(f"{path} is not an ordinary file, so it was not read.")
        if status.st_size > MAX_RULE_FILE_BYTES:
            raise RulesInvalid(f"“{name}” is larger than 1 MB, far larger than any rule "
                               "file, so it was not read.")
        data = path.read_bytes()
    except PermissionError:
        raise RulesInvalid(f"You do not have permission to read {path}.") from None
    return rules_from_yaml(data, name)


def rules_from_yaml(data: bytes | str, name: str) -> tuple[list[Rule], list[str]]:
    from app.proofing.rules.model import validate_rule_file

    return validate_rule_file(parse_rule_yaml(data, name), name)


def parse_rule_yaml(data: bytes | str, name: str) -> Any:
    import yaml

    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RulesInvalid(f"“{name}” is not UTF-8 text, so it cannot be a rule file. "
                               "Save it as UTF-8 text and try again.") from None
    else:
        text = data
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for count, event in enumerate(yaml.parse(text, Loader=loader_class)):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise RulesInvalid(f"“{name}” uses YAML anchors or aliases, which rule files "
                                   "may not, so it was not read.")
            if count > MAX_EVENTS:
                raise RulesInvalid(f"“{name}” holds far more values than any rule file, so "
                                   "it was not read.")
        loaded = yaml.load(text, Loader=loader_class)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(error, "problem", None) or "the text could not be understood"
        raise RulesInvalid(f"“{name}” is not valid YAML{where}: {problem}. Check the "
                           "indentation and punctuation there.") from None
    if loaded is None:
        return {"rules": []}
    if not isinstance(loaded, dict):
        raise RulesInvalid(f"“{name}” must hold `rules:` (a list of rules), so it was not read.")
    return loaded
