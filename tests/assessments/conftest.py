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
