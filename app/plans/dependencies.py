"""The order of actions: circles of dependencies, and dates that do not fit the order.

Pure functions over plain rows, so the screen, the command line and the report give the
same warnings. An edge (a, b) reads "action a depends on action b".
"""

from __future__ import annotations

import uuid
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.plans.actions import ActionRow, short

Edge = tuple[uuid.UUID, uuid.UUID]


def name_of(number: int, row: ActionRow) -> str:
    """How a sentence names an action: by its number in the plan and its first words."""
    return f"action {number} (“{short(row.action, 40)}”)"


def find_cycle(edges: Iterable[Edge], new: Edge) -> list[uuid.UUID] | None:
    """The circle that adding `new` would close, as [a, b, …, a], or None.

    a depends on b closes a circle exactly when b already depends, step by step, on a.
    """
    action, on = new
    if action == on:
        return [action, action]
    needs: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for a, b in edges:
        needs[a].append(b)
    came_from: dict[uuid.UUID, uuid.UUID | None] = {on: None}
    queue = deque([on])
    while queue:  # breadth first: the shortest circle is the easiest to read
        here = queue.popleft()
        if here == action:
            path = [here]
            step = came_from[here]
            while step is not None:
                path.append(step)
                step = came_from[step]
            return [action, *reversed(path)]
        for nxt in needs[here]:
            if nxt not in came_from:
                came_from[nxt] = here
                queue.append(nxt)
    return None


def cycle_sentence(cycle: list[uuid.UUID], actions: Sequence[ActionRow]) -> str:
    """"That would make a circle: action 2 (…) would depend on action 5 (…), which
    depends on action 2 (…)." """
    numbers = {row.id: (number, row) for number, row in enumerate(actions, start=1)}
    if len(cycle) == 2 and cycle[0] == cycle[1]:
        return "An action cannot depend on itself."
    names = [name_of(*numbers[step]) for step in cycle]
    text = f"That would make a circle: {names[0]} would depend on {names[1]}"
    for name in names[2:]:
        text += f", which depends on {name}"
    return text + ". Remove one of those dependencies first."


@dataclass(frozen=True)
class DependencyWarning:
    action_id: uuid.UUID
    depends_on_id: uuid.UUID
    text: str


def dependency_warnings(actions: Sequence[ActionRow], edges: Iterable[Edge]
                        ) -> list[DependencyWarning]:
    """A warning for each action due to start before something it depends on is due to end."""
    numbers = {row.id: (number, row) for number, row in enumerate(actions, start=1)}
    warnings = []
    for a, b in sorted(edges, key=lambda e: (numbers[e[0]][0], numbers[e[1]][0])):
        (n_a, row_a), (n_b, row_b) = numbers[a], numbers[b]
        if row_a.start is None or row_b.due is None or row_a.start >= row_b.due:
            continue
        warnings.append(DependencyWarning(a, b, (
            f"A{name_of(n_a, row_a)[1:]} is due to start on {row_a.start:%d/%m/%Y}, "
            f"before {name_of(n_b, row_b)}, which it depends on, is due to end on "
            f"{row_b.due:%d/%m/%Y}.")))
    return warnings
