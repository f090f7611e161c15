"""Hostile or broken framework files are refused quickly, with a sentence, before any use."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.assessments.frameworks import FrameworkFileRefused, load_framework
from app.assessments.frameworks.loader import MAX_FILE_BYTES

BILLION_LAUGHS = b"""
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _refused(tmp_path: Path, content: bytes, name: str = "bad.yaml") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    started = time.perf_counter()
    with pytest.raises(FrameworkFileRefused) as caught:
        load_framework(path)
    assert time.perf_counter() - started < 5
    message = str(caught.value)
    assert f"“{name}”" in message or str(path) in message
    assert "Traceback" not in message and "\n" not in message
    return message


def test_billion_laughs(tmp_path: Path) -> None:
    assert "expands to more than" in _refused(tmp_path, BILLION_LAUGHS)


def test_python_object_tag(tmp_path: Path) -> None:
    message = _refused(tmp_path, b"id: !!python/object/apply:os.system ['echo hi']\n")
    assert "uses a YAML tag (line 1" in message


def test_unknown_local_tag(tmp_path: Path) -> None:
    assert "YAML tag" in _refused(tmp_path, b"id: !secret x\n")


def test_ten_megabyte_file(tmp_path: Path) -> None:
    message = _refused(tmp_path, b"# padding\n" * (1024 * 1024))
    assert "larger than 2 MB" in message


def test_just_under_the_cap_but_huge_in_values(tmp_path: Path) -> None:
    content = b"[" + b"1," * ((MAX_FILE_BYTES - 10) // 2) + b"1]"
    assert "expands to more than" in _refused(tmp_path, content)


def test_alias_to_itself(tmp_path: Path) -> None:
    assert "refers to itself" in _refused(tmp_path, b"a: &a [1, *a]\n")


def test_deep_nesting(tmp_path: Path) -> None:
    assert "nested more than" in _refused(tmp_path, b"[" * 5000 + b"]" * 5000)


def test_not_utf8(tmp_path: Path) -> None:
    assert "not UTF-8" in _refused(tmp_path, b"title: \xff\xfe caf\xe9\n")


def test_bad_yaml_names_the_line(tmp_path: Path) -> None:
    assert "line 2" in _refused(tmp_path, b"id: x\n  title: [unclosed\n")


def test_empty_file(tmp_path: Path) -> None:
    assert "is empty" in _refused(tmp_path, b"")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FrameworkFileRefused, match="There is no framework file"):
        load_framework(tmp_path / "nowhere.yaml")


def test_a_folder_or_a_pipe(tmp_path: Path) -> None:
    import os

    with pytest.raises(FrameworkFileRefused, match="is a folder"):
        load_framework(tmp_path)
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.yaml"
        os.mkfifo(pipe)
        with pytest.raises(FrameworkFileRefused, match="not an ordinary file"):
            load_framework(pipe)
