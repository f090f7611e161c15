"""What changes when an assessment moves to a newer version of its framework.

`framework_changes(old, new)` compares two versions criterion by criterion, matched by
reference id: what was added, removed, renamed, moved to another section, reweighted or
given new guidance, and how the rating scale changed. `plan_move(data, new)` then says,
for one assessment's answers, which carry over as they are, which keep everything but a
rating the new scale no longer has, and which are dropped because their criterion is gone.
Both are plain data (no database), shown to the user before they confirm the move.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from app.assessments.data import AssessmentData, ResponseData
from app.assessments.frameworks import Criterion, Framework, Section


@dataclass(frozen=True)
class CriterionInfo:
    ref: str
    title: str
    section: str  # the section path, "Vision › Leadership"


@dataclass(frozen=True)
class ChangedCriterion:
    ref: str
    title: str  # the new title
    changes: tuple[str, ...]  # one sentence per change, "Renamed from “A”."


@dataclass(frozen=True)
class FrameworkChanges:
    """Two versions of one framework compared by reference id."""

    framework_id: str
    title: str
    old_version: str
    new_version: str
    added: tuple[CriterionInfo, ...]
    removed: tuple[CriterionInfo, ...]
    changed: tuple[ChangedCriterion, ...]
    scale: tuple[str, ...]  # one sentence per change to the rating scale
    groups: tuple[str, ...] = ()  # one sentence per change to the respondent groups

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.scale or self.groups)

    def as_json(self) -> dict[str, Any]:
        return {
            "framework": self.framework_id, "from_version": self.old_version,
            "to_version": self.new_version,
            "added": [_info_json(c) for c in self.added],
            "removed": [_info_json(c) for c in self.removed],
            "changed": [{"ref": c.ref, "title": c.title, "changes": list(c.changes)}
                        for c in self.changed],
            "scale": list(self.scale),
            "respondent_groups": list(self.groups),
        }


def _info_json(info: CriterionInfo) -> dict[str, str]:
    return {"ref": info.ref, "title": info.title, "section": info.section}


def _placed(framework: Framework) -> Iterator[tuple[Criterion, str]]:
    """Every criterion with the path of section titles it sits under."""
    def visit(sections: list[Section], path: tuple[str, ...]
              ) -> Iterator[tuple[Criterion, str]]:
        for section in sections:
            here = (*path, section.title)
            for criterion in section.criteria:
                yield criterion, " › ".join(here)
            yield from visit(section.sections, here)

    yield from visit(framework.sections, ())


def _quoted(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def _criterion_changes(old: Criterion, old_section: str, new: Criterion, new_section: str,
                       new_fw: Framework) -> tuple[str, ...]:
    said: list[str] = []
    if old.title != new.title:
        said.append(f"Renamed from {_quoted(old.title)}.")
    if old_section != new_section:
        said.append(f"Moved from {old_section} to {new_section}.")
    if old.weight != new.weight:
        said.append(f"Weight changed from {old.weight:g} to {new.weight:g}.")
    if old.guidance != new.guidance:
        said.append("Guidance changed." if old.guidance and new.guidance else
                    "Guidance added." if new.guidance else "Guidance removed.")
    if old.evidence != new.evidence:
        said.append("Typical evidence changed.")
    if old.descriptors != new.descriptors:
        said.append("Level descriptors changed.")
    if old.show_when != new.show_when:
        said.append(_condition_change(new, new_fw))
    return tuple(said)


def _condition_change(new: Criterion, new_fw: Framework) -> str:
    if new.show_when is None:
        return "Now always shown."
    answers = " or ".join(f"“{new_fw.scale.label_for(a)}”" for a in new.show_when.answer_in)
    return f"Now shown only when {new.show_when.criterion} is {answers}."


def _scale_changes(old: Framework, new: Framework) -> tuple[str, ...]:
    said: list[str] = []
    old_levels = {level.id: level for level in old.scale.levels}
    new_levels = {level.id: level for level in new.scale.levels}
    for level_id, level in old_levels.items():
        if level_id not in new_levels:
            said.append(f"The level “{level.label}” is no longer on the scale.")
    for level_id, level in new_levels.items():
        before = old_levels.get(level_id)
        if before is None:
            said.append(f"The level “{level.label}” (score {level.score:g}) is new.")
            continue
        if before.label != level.label:
            said.append(f"The level “{before.label}” is now called “{level.label}”.")
        if before.score != level.score:
            said.append(f"The level “{level.label}” now scores {level.score:g} "
                        f"(was {before.score:g}).")
        if before.descriptor != level.descriptor:
            said.append(f"The description of “{level.label}” changed.")
    if [lv for lv in old_levels if lv in new_levels] != [lv for lv in new_levels
                                                         if lv in old_levels]:
        said.append("The levels are in a different order.")
    if old.scale.not_applicable is not None and new.scale.not_applicable is None:
        said.append("“Not applicable” is no longer an answer: every criterion shown needs a "
                    "rating.")
    elif old.scale.not_applicable is None and new.scale.not_applicable is not None:
        said.append(f"“{new.scale.not_applicable.label}” is now an answer.")
    return tuple(said)


def _group_changes(old: Framework, new: Framework) -> tuple[str, ...]:
    before = {group.id: group.label for group in old.respondent_groups}
    after = {group.id: group.label for group in new.respondent_groups}
    said = [f"The respondent group “{label}” is no longer in the framework; an assessment "
            "made for it keeps it as recorded." for gid, label in before.items()
            if gid not in after]
    for gid, label in after.items():
        if gid not in before:
            said.append(f"The respondent group “{label}” is new.")
        elif before[gid] != label:
            said.append(f"The respondent group “{before[gid]}” is now called “{label}”.")
    return tuple(said)


def framework_changes(old: Framework, new: Framework) -> FrameworkChanges:
    """What changed from `old` to `new` (two versions of one framework), by reference id."""
    before = {criterion.ref: (criterion, section) for criterion, section in _placed(old)}
    after = {criterion.ref: (criterion, section) for criterion, section in _placed(new)}
    added = tuple(CriterionInfo(ref, c.title, s) for ref, (c, s) in after.items()
                  if ref not in before)
    removed = tuple(CriterionInfo(ref, c.title, s) for ref, (c, s) in before.items()
                    if ref not in after)
    changed = []
    for ref, (criterion, section) in after.items():
        if ref in before:
            said = _criterion_changes(*before[ref], criterion, section, new)
            if said:
                changed.append(ChangedCriterion(ref, criterion.title, said))
    return FrameworkChanges(new.id, new.title, old.version, new.version, added, removed,
                            tuple(changed), _scale_changes(old, new), _group_changes(old, new))


# ---------------------------------------------------------------- one assessment's answers


@dataclass(frozen=True)
class ClearedRating:
    """A response carried over without its rating: the new scale has no such level."""

    ref: str
    title: str
    rating: str  # the old rating's label
    note: str  # the sentence added to the response's comment, so the rating is not lost


@dataclass(frozen=True)
class DroppedResponse:
    """A response whose criterion the new version no longer has; kept in the change log."""

    ref: str
    title: str
    held: str  # everything it held, in words


@dataclass(frozen=True)
class MovePlan:
    changes: FrameworkChanges
    carried: tuple[str, ...]  # refs whose response carries over whole
    cleared: tuple[ClearedRating, ...]
    dropped: tuple[DroppedResponse, ...]

    def summary(self) -> str:
        """"12 responses carry over; 1 rating is cleared; 2 responses are dropped"."""
        parts = [_count(len(self.carried), "response carries", "responses carry") + " over"]
        if self.cleared:
            parts.append(_count(len(self.cleared), "rating is", "ratings are") + " cleared")
        if self.dropped:
            parts.append(_count(len(self.dropped), "response is", "responses are")
                         + " dropped")
        return "; ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            **self.changes.as_json(),
            "carried": list(self.carried),
            "cleared": [{"ref": c.ref, "title": c.title, "rating": c.rating, "note": c.note}
                        for c in self.cleared],
            "dropped": [{"ref": d.ref, "title": d.title, "held": d.held}
                        for d in self.dropped],
        }


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _held(framework: Framework, response: ResponseData) -> str:
    parts = []
    if response.answer is not None:
        parts.append(f"rated “{framework.scale.label_for(response.answer)}”")
    if response.notes:
        parts.append(f"evidence notes “{response.notes}”")
    if response.confidence:
        parts.append(f"{response.confidence} confidence")
    if response.comment:
        parts.append(f"comment “{response.comment}”")
    if response.evidence:
        parts.append("evidence files " + ", ".join(f"“{n}”" for n in response.evidence))
    return "; ".join(parts) or "nothing"


def _keeps_rating(new: Framework, answer: str | None) -> bool:
    return answer is None or answer in new.scale.answer_ids()


def cleared_note(old: Framework, new: Framework, answer: str) -> str:
    """The sentence kept in the comment of a response whose rating could not carry over."""
    return (f"Rated “{old.scale.label_for(answer)}” against version {old.version}, which "
            f"version {new.version} of the scale does not have; rate it again.")


def plan_move(data: AssessmentData, new: Framework) -> MovePlan:
    """What happens to each of the assessment's responses when it moves to `new`."""
    old = data.framework
    refs = {criterion.ref: criterion for criterion, _section in _placed(new)}
    titles = {criterion.ref: criterion.title for criterion, _section in _placed(old)}
    carried: list[str] = []
    cleared: list[ClearedRating] = []
    dropped: list[DroppedResponse] = []
    for ref, response in _in_framework_order(old, data.responses):
        if ref not in refs:
            dropped.append(DroppedResponse(ref, titles.get(ref, ref), _held(old, response)))
        elif not _keeps_rating(new, response.answer):
            assert response.answer is not None
            cleared.append(ClearedRating(ref, refs[ref].title,
                                         old.scale.label_for(response.answer),
                                         cleared_note(old, new, response.answer)))
        else:
            carried.append(ref)
    return MovePlan(framework_changes(old, new), tuple(carried), tuple(cleared),
                    tuple(dropped))


def _in_framework_order(framework: Framework, responses: Mapping[str, ResponseData]
                        ) -> list[tuple[str, ResponseData]]:
    order = {criterion.ref: index for index, (criterion, _s) in enumerate(_placed(framework))}
    return sorted(responses.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def check_move(current: Framework, new: Framework, name: str) -> str | None:
    """Why the assessment `name` cannot move from `current` to `new`; None when it can."""
    if new.id != current.id:
        return (f"“{name}” is assessed against {current.title} ({current.id}); {new.title} "
                f"({new.id}) is a different framework, so it cannot be moved to it.")
    if new.version_key <= current.version_key:
        which = "the version it already uses" if new.version_key == current.version_key \
            else "an older version"
        return (f"“{name}” uses version {current.version} of {current.title}; version "
                f"{new.version} is {which}. An assessment can only move to a newer version.")
    return None

