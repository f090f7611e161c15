"""Reading framework files safely, and the framework's fingerprint, dict and YAML forms.

A framework file may come from anyone, so it is read within limits before it is trusted:

- the file is at most `MAX_FILE_BYTES` and must be UTF-8 text;
- YAML is parsed with the safe loader only: tags such as `!!python/object` are refused;
- the parsed node tree is measured *with every alias expanded* before anything is built
  from it, so an anchor-and-alias "billion laughs" document is refused at once, having
  cost a few kilobytes; aliases that refer to themselves, and nesting deeper than any real
  framework, are refused too.

Each refusal is a `FrameworkFileRefused` in plain words; content that breaks the framework
rules is a `FrameworkInvalid` listing every problem (see `model.py`).
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from app.assessments.frameworks.errors import FrameworkFileRefused
from app.assessments.frameworks.model import Framework, validate_framework

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000  # scalars, lists and mappings after alias expansion
MAX_NESTING = 40

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """The safe loader, reading only true/false as yes-or-no values (as YAML 1.2 does):
    a scale level called "yes", "no", "on" or "off" stays text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_framework(path: Path | str) -> Framework:
    """The framework in a YAML file, checked; or a `FrameworkError` with the reason."""
    path = Path(path)
    name = path.name
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(status.st_mode):  # a pipe or device could block or never end
            raise FrameworkFileRefused(f"{path} is not an ordinary file, so it was not read.")
        if status.st_size > MAX_FILE_BYTES:
            raise _too_large(name)
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise FrameworkFileRefused(f"There is no framework file at {path}.") from None
    except IsADirectoryError:
        raise FrameworkFileRefused(f"{path} is a folder, not a framework file.") from None
    except PermissionError:
        raise FrameworkFileRefused(f"You do not have permission to read {path}.") from None
    return framework_from_yaml(data, name)


def framework_from_yaml(data: bytes | str, name: str) -> Framework:
    """The framework in YAML text (bytes are decoded as UTF-8); `name` is used in messages."""
    return validate_framework(parse_yaml(data, name), name)


def parse_yaml(data: bytes | str, name: str) -> Any:
    """Plain data from YAML text, within the limits above (see the module docstring)."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise _too_large(name)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FrameworkFileRefused(
                f"“{name}” is not UTF-8 text, so it cannot be a framework file. Save it as "
                "UTF-8 text and try again."
            ) from None
    else:
        text = data
        if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
            raise _too_large(name)
    _count_events(text, name)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FrameworkFileRefused(f"“{name}” is empty, so it holds no framework.")
        _measure(node, name)
        return loader.construct_document(node)
    except yaml.constructor.ConstructorError as error:
        raise FrameworkFileRefused(
            f"“{name}” uses a YAML tag{_where(error)} that framework files may not use "
            "(only plain text, numbers, lists and named fields), so it was not read."
        ) from None
    except yaml.YAMLError as error:
        if "nesting depth" in _reason(error):  # libyaml's own limit
            raise _too_deep(name) from None
        raise FrameworkFileRefused(
            f"“{name}” is not valid YAML{_where(error)}: {_reason(error)}. Check the "
            "indentation and punctuation there."
        ) from None
    except RecursionError:
        raise _too_deep(name) from None
    finally:
        loader.dispose()


def _count_events(text: str, name: str) -> None:
    """A quick first pass over the parser's events (no nodes built): a file with far too many
    values is refused here, in a fraction of the time building them would take."""
    counter = _Loader(text)
    events = 0
    try:
        while counter.check_event():
            counter.get_event()
            events += 1
            if events > 2 * MAX_NODES + 10:  # a list or mapping is two events, start and end
                raise _too_many(name)
    except yaml.YAMLError:
        return  # the real pass reports it, with the line
    finally:
        counter.dispose()


def _too_many(name: str) -> FrameworkFileRefused:
    return FrameworkFileRefused(
        f"“{name}” expands to more than {MAX_NODES:,} values (through YAML anchors and "
        "aliases or sheer size), far more than any real framework; it may be hostile, "
        "so it was not read."
    )


def _where(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is None:
        return ""
    return f" (line {mark.line + 1}, column {mark.column + 1})"


def _reason(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None)
    return str(problem) if problem else "the text could not be understood"


def _too_large(name: str) -> FrameworkFileRefused:
    return FrameworkFileRefused(
        f"“{name}” is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, far larger than any "
        "real framework; it may be damaged or hostile, so it was not read."
    )


def _too_deep(name: str) -> FrameworkFileRefused:
    return FrameworkFileRefused(
        f"“{name}” is nested more than {MAX_NESTING} levels deep, which no real framework "
        "is; it may be damaged or hostile, so it was not read."
    )


def _measure(root: yaml.Node, name: str) -> None:
    """Refuse a node tree whose size with aliases expanded, or whose depth, is beyond reason.

    An alias is the same node object as its anchor, so sizes are memoised per node: the
    count is exact and the work linear in the nodes actually written down.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if depth > MAX_NESTING:
            raise _too_deep(name)
        if key in open_nodes:
            raise FrameworkFileRefused(
                f"“{name}” has a YAML alias that refers to itself, which no real framework "
                "does, so it was not read."
            )
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child, depth + 1)
                _check(total)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                total += size(key_node, depth + 1) + size(value_node, depth + 1)
                _check(total)
        open_nodes.discard(key)
        sizes[key] = total
        return total

    def _check(total: int) -> None:
        if total > MAX_NODES:
            raise _too_many(name)

    _check(size(root, 1))


# -------------------------------------------------------------------- other forms


def framework_to_dict(framework: Framework) -> dict[str, Any]:
    """The full JSON-able form (every field, defaults included): what a workbook pins."""
    return framework.model_dump(mode="json")


def framework_from_dict(data: object, name: str = "the pinned framework") -> Framework:
    """A framework back from `framework_to_dict`'s form, checked as strictly as a file."""
    return validate_framework(data, name)


def fingerprint(framework: Framework) -> str:
    """A stable hash of the framework's content: same content, same fingerprint, whatever
    the file's layout, comments, key order or the defaults left out."""
    canonical = json.dumps(framework_to_dict(framework), sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"), allow_nan=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def framework_to_yaml(framework: Framework, *, header: str = "") -> str:
    """Readable YAML for a framework: defaults and empty fields left out, file order kept.

    `header` (plain lines) is written first as YAML comments.
    """
    data = _prune(framework.model_dump(mode="json", exclude_none=True))
    # Keep the file's own order (id, version, title ... sections), not the alphabet.
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96,
                     default_flow_style=False)
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comments + text


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items()
                if v not in ({}, [], None, "") and not (k == "weight" and v == 1)}
    if isinstance(value, list):
        return [_prune(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
