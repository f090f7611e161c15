"""How the audit screens write a share, a ratio and an interval (as the CLI and report do)."""

from __future__ import annotations

from app.representation.statistics import Metrics

DASH = "–"


def pct(value: float | None) -> str:
    return DASH if value is None else f"{value:.1%}"


def ratio(value: float | None) -> str:
    return DASH if value is None else f"{value:.2f}"


def interval(metrics: Metrics) -> str:
    if metrics.interval is None:
        return DASH
    low, high = metrics.interval
    return f"{low:.1%} to {high:.1%}"


def gap(metrics: Metrics) -> str:
    return DASH if metrics.parity_gap is None else f"{metrics.parity_gap:,}"
