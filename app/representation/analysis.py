"""An audit compared with its baseline: metrics per high-level group and per category.

Counts recorded under expanded categories are added to the census category they sit
under. People who preferred not to say, or whose ethnic group is not known, stay in the
body's total as "not stated" and are reported apart; shares are worked out among those
who stated their group, against the baseline's shares among those who stated theirs.

When the audit and the baseline use different census vintages, the audit's counts are
moved to the baseline's categories through the mapping, and each group says whether the
comparison is exact or approximate (see `classifications.Mapping.group_match`).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.representation.classifications import (
    APPROXIMATE,
    EXACT,
    Classification,
    get_classification,
    get_mapping,
)
from app.representation.statistics import Metrics, metrics
from app.representation.store import AuditRow, BaselineRow, ExpandedCategory
from app.representation.vocabulary import BODY_NOUNS


@dataclass(frozen=True)
class Line:
    """One group or category of the comparison."""

    key: str
    label: str
    metrics: Metrics
    match: str = EXACT  # how honestly this line compares across vintages


@dataclass(frozen=True)
class Comparison:
    audit: AuditRow
    baseline: BaselineRow | None
    classification: Classification  # the one the comparison is made in (the baseline's)
    stated: int
    not_stated: tuple[tuple[str, int], ...]  # (label, count)
    groups: tuple[Line, ...]
    categories: tuple[Line, ...]
    minorities: Line  # every group except the majority category (White British)
    notes: tuple[str, ...]
    noun: str

    @property
    def not_stated_total(self) -> int:
        return sum(n for _, n in self.not_stated)

    @property
    def total(self) -> int:
        return self.stated + self.not_stated_total


def census_counts(audit: AuditRow, expanded: list[ExpandedCategory]) -> dict[str, int]:
    """The audit's counts by census category, expanded categories added to their parent."""
    parents = {e.key: e.parent for e in expanded if e.classification == audit.classification}
    out: dict[str, int] = {}
    for category, count in audit.counts:
        key = parents.get(category, category)
        out[key] = out.get(key, 0) + count
    return out


def compare(audit: AuditRow, baseline: BaselineRow | None,
            expanded: list[ExpandedCategory] = ()) -> Comparison:  # type: ignore[assignment]
    source = get_classification(audit.classification)
    counts = census_counts(audit, list(expanded))
    notes: list[str] = []
    target = source
    group_match: dict[str, str] = {}
    if baseline is not None and baseline.classification != source.id:
        mapping = get_mapping(source.id, baseline.classification)
        target = mapping.target
        counts = mapping.map_counts(counts)
        for group in source.groups:
            match = mapping.group_match(group.id)
            if match.target_group:
                group_match[match.target_group] = (
                    APPROXIMATE if group_match.get(match.target_group) == APPROXIMATE
                    else match.match)
            else:
                for g in target.groups:
                    if any(mapping.pair(c.id).target in {t.id for t in g.categories}
                           for c in group.categories):
                        group_match[g.id] = APPROXIMATE
            if match.match == APPROXIMATE:
                notes.append(f"{group.label} ({source.vintage}) compares only approximately "
                             f"with {target.vintage}: {match.why}")
        notes.insert(0, f"The audit uses the {source.vintage} categories and the baseline "
                        f"the {target.vintage} ones, so the comparison is made by "
                        f"high-level group in the {target.vintage} groups.")
    stated_counts = {c: counts.get(c, 0) for c in target.category_ids}
    stated = sum(stated_counts.values())
    not_stated = tuple((target.category(c).label, counts.get(c, 0))
                       for c in target.not_stated_ids)
    base = {c: n for c, n in (baseline.counts if baseline else ())
            if c in target.category_ids}
    base_total = sum(base.values())

    def baseline_share(keys: list[str]) -> float | None:
        if baseline is None or base_total == 0:
            return None
        return sum(base.get(k, 0) for k in keys) / base_total

    noun = BODY_NOUNS.get(audit.body_kind, "people")
    groups = tuple(
        Line(g.id, g.label, metrics(sum(stated_counts[c.id] for c in g.categories), stated,
                                    baseline_share([c.id for c in g.categories]), noun),
             group_match.get(g.id, EXACT))
        for g in target.groups
    )
    categories = tuple(
        Line(c.id, c.label, metrics(stated_counts[c.id], stated, baseline_share([c.id]), noun),
             EXACT if baseline is None or baseline.classification == source.id else APPROXIMATE)
        for _, c in target.categories()
    )
    others = [c for c in target.category_ids if c != target.majority]
    minorities = Line(
        "ethnic-minorities", "Ethnic minorities (all groups except "
        f"{target.category(target.majority).label})",
        metrics(sum(stated_counts[c] for c in others), stated, baseline_share(others), noun))
    if baseline is None:
        notes.append("The audit has no baseline yet, so its shares are not compared.")
    return Comparison(audit, baseline, target, stated, not_stated, groups, categories,
                      minorities, tuple(notes), noun)
