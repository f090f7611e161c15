"""Helpers for the framework tests: a small sound framework to break in one place at a time."""

from __future__ import annotations

import copy
from typing import Any

import pytest

SMALL: dict[str, Any] = {
    "id": "small",
    "version": "1.0",
    "title": "Small framework",
    "source": "Test Organisation, Small Framework, 2026",
    "scale": {
        "levels": [
            {"id": "not-in-place", "label": "Not in place", "score": 0},
            {"id": "developing", "label": "Developing", "score": 1},
            {"id": "established", "label": "Established", "score": 2},
        ],
        "not_applicable": {"label": "Not applicable"},
    },
    "respondent_groups": [{"id": "residents", "label": "Residents"}],
    "sections": [
        {"ref": "1", "title": "First", "criteria": [
            {"ref": "1.1", "title": "One"},
            {"ref": "1.2", "title": "Two", "weight": 2,
             "show_when": {"criterion": "1.1", "answer_in": ["developing", "established"]}},
        ]},
        {"ref": "2", "title": "Second", "sections": [
            {"title": "Sub", "criteria": [{"ref": "2.1", "title": "Three"}]},
        ]},
    ],
}


@pytest.fixture
def small() -> dict[str, Any]:
    return copy.deepcopy(SMALL)


def newer_small() -> dict[str, Any]:
    """Version 1.1 of SMALL: 1.1 renamed with guidance, 1.2 moved and reweighted, 2.1 gone,
    1.3 and 2.2 new; "Established" replaced by "Embedded" on the scale."""
    data = copy.deepcopy(SMALL)
    data["version"] = "1.1"
    data["scale"]["levels"][2] = {"id": "embedded", "label": "Embedded", "score": 2}
    data["sections"] = [
        {"ref": "1", "title": "First", "criteria": [
            {"ref": "1.1", "title": "One, clearer", "guidance": "Look at the minutes."},
            {"ref": "1.3", "title": "Four"},
        ]},
        {"ref": "2", "title": "Second", "sections": [
            {"title": "Sub", "criteria": [
                {"ref": "1.2", "title": "Two", "weight": 3,
                 "show_when": {"criterion": "1.1", "answer_in": ["developing", "embedded"]}},
                {"ref": "2.2", "title": "Five"},
            ]},
        ]},
    ]
    return data
