"""The action plan as a timeline: which actions have dates and where their bars run, the
dependencies between dated actions, and the actions without dates (listed apart).

Qt-free, so the screen only paints what this decides (and tests can check it directly).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from app.plans.actions import short
from app.plans.plan import Plan


@dataclass(frozen=True)
class Bar:
    action_id: uuid.UUID
    number: int  # in the plan
    title: str
    start: date  # an action with one date is a bar of one day on it
    end: date
    status: str
    warnings: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.number}. {short(self.title, 60)}"

    def describe(self) -> str:
        """One sentence for a screen reader."""
        when = (f"on {self.start:%d/%m/%Y}" if self.start == self.end
                else f"from {self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}")
        text = f"Action {self.label}, {when}"
        return text + "".join(f". Warning: {w}" for w in self.warnings)


@dataclass(frozen=True)
class Timeline:
    bars: tuple[Bar, ...]  # by start date, then plan order
    arrows: tuple[tuple[int, int], ...]  # (index of the bar depended on, index of the bar)
    undated: tuple[tuple[uuid.UUID, str], ...]  # (action id, "4. Title")

    @property
    def first(self) -> date | None:
        return min((b.start for b in self.bars), default=None)

    @property
    def last(self) -> date | None:
        return max((b.end for b in self.bars), default=None)

    def index_of(self, action_id: uuid.UUID | None) -> int:
        return next((i for i, bar in enumerate(self.bars) if bar.action_id == action_id), -1)

    def summary(self) -> str:
        if not self.bars:
            return "No action has a start or due date yet."
        text = (f"{len(self.bars)} dated action{'s' if len(self.bars) != 1 else ''} from "
                f"{self.first:%d/%m/%Y} to {self.last:%d/%m/%Y}")
        warned = sum(1 for bar in self.bars if bar.warnings)
        if warned:
            text += f"; {warned} with a date warning"
        if self.undated:
            text += f"; {len(self.undated)} without dates"
        return text + "."


def build_timeline(plan: Plan) -> Timeline:
    bars: list[Bar] = []
    undated: list[tuple[uuid.UUID, str]] = []
    for number, row in enumerate(plan.actions, 1):
        if row.start is None and row.due is None:
            undated.append((row.id, f"{number}. {short(row.action, 60)}"))
            continue
        start = row.start or row.due
        end = row.due or row.start
        assert start is not None and end is not None
        bars.append(Bar(row.id, number, row.action, start, max(start, end), row.status,
                        tuple(plan.warnings_for(row.id))))
    bars.sort(key=lambda bar: (bar.start, bar.number))
    where = {bar.action_id: index for index, bar in enumerate(bars)}
    arrows = tuple(sorted((where[on], where[action]) for action, on in plan.edges
                          if action in where and on in where))
    return Timeline(tuple(bars), arrows, tuple(undated))
