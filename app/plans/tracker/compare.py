"""What a tracker would change: compared field by field with the workbook, as a preview
that lists every change and turns into one undoable operation.

Rules (each refusal lists every problem and changes nothing):
- the tracker must come from this workbook (its stamp names the workbook's id);
- a row with an id must name an action in the workbook, once;
- every value must be one the action plan accepts (a status or priority from the list, a
  real date, text within its length) and the start may not be after the due date;
- a cell holding a formula is refused (its result is not a value anyone typed);
- text in the "New progress note" column adds a note dated today, unless the action
  already has that note (so importing twice adds it once);
- a row without an id is a new action. Its id is derived from the export and the row, so
  importing the same file again finds the action it added instead of adding it twice;
- actions the file leaves out (added since the export, or rows deleted) are left alone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.plans.actions import ActionRow, short
from app.plans.fields import PRIORITIES, STATUSES, FieldValue, label_of, validate
from app.plans.links import NoteRow
from app.plans.tracker import layout
from app.plans.tracker.export import TrackerSnapshot
from app.plans.tracker.read import TrackerFile, TrackerRefused, TrackerRow, read_tracker
from app.text_policy import TextRefused, clean_text
from app.workbook.operations import Operation

CHOICES = ("status", "priority")  # the cell holds the label, the workbook the key
MAX_NOTE = 2000  # characters, as a note typed in the app
NAMESPACE = uuid.UUID("6f1d3c1e-52a4-4c0b-9f57-3b8f6f0a7d21")  # new rows' ids (uuid5)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: FieldValue
    new: FieldValue

    def line(self) -> str:
        return f"{label_of(self.field)}: {shown(self.field, self.old)} → " \
               f"{shown(self.field, self.new)}"


@dataclass(frozen=True)
class ActionUpdate:
    action_id: uuid.UUID
    number: int  # in the workbook's plan
    title: str
    changes: tuple[FieldChange, ...]
    note: str = ""  # a new progress note, or ""

    def heading(self) -> str:
        return f"Action {self.number} “{short(self.title)}”"

    def lines(self) -> list[str]:
        return [change.line() for change in self.changes] + _note_line(self.note)


@dataclass(frozen=True)
class NewAction:
    action_id: uuid.UUID
    sheet_row: int
    values: tuple[tuple[str, FieldValue], ...]
    note: str = ""

    def heading(self) -> str:
        action = dict(self.values).get("action", "")
        return f"New action from row {self.sheet_row} “{short(str(action))}”"

    def lines(self) -> list[str]:
        return [f"{label_of(f)}: {shown(f, v)}" for f, v in self.values
                if f != "action"] + _note_line(self.note)


def _note_line(note: str) -> list[str]:
    return [f"{layout.NOTE_HEADING}: “{short(note, 100)}”"] if note else []


@dataclass(frozen=True)
class TrackerPreview:
    name: str
    updates: tuple[ActionUpdate, ...]
    added: tuple[NewAction, ...]
    left_alone: int  # actions in the workbook that the file does not list

    @property
    def is_empty(self) -> bool:
        return not self.updates and not self.added

    def summary(self) -> str:
        if self.is_empty:
            return f"“{self.name}” changes nothing: the action plan already says the same."
        changed = sum(len(u.changes) + bool(u.note) for u in self.updates)
        parts = []
        if self.updates:
            parts.append(f"{changed} change{'s' if changed != 1 else ''} to "
                         f"{len(self.updates)} action{'s' if len(self.updates) != 1 else ''}")
        if self.added:
            parts.append(f"{len(self.added)} new action{'s' if len(self.added) != 1 else ''}")
        return f"“{self.name}” would make " + " and ".join(parts) + "."

    def lines(self) -> list[str]:
        """The preview as text: a heading per action, an indented line per field."""
        out = [self.summary()]
        for update in self.updates:
            out.append(update.heading() + ":")
            out.extend("  " + line for line in update.lines())
        for new in self.added:
            fields = new.lines()
            out.append(new.heading() + (":" if fields else ""))
            out.extend("  " + line for line in fields)
        if self.left_alone:
            out.append(f"{self.left_alone} action{'s' if self.left_alone != 1 else ''} in the "
                       "workbook that the file does not list will be left as they are.")
        return out

    def operation(self) -> Operation:
        """Exactly the previewed changes, as one undoable step."""
        from app.plans.operations import AddAction, AddNote, Steps, UpdateAction

        steps: list[Operation] = []
        for update in self.updates:
            for change in _date_safe_order(update.changes):
                steps.append(UpdateAction(update.action_id, change.field, change.new))
            if update.note:
                steps.append(AddNote(update.action_id, update.note))
        for new in self.added:
            steps.append(AddAction(new.values, action_id=new.action_id))
            if new.note:
                steps.append(AddNote(new.action_id, new.note))
        return Steps(tuple(steps), "Import tracker")


def _date_safe_order(changes: tuple[FieldChange, ...]) -> list[FieldChange]:
    """Moving both dates later sets the due date first (and earlier, the start first),
    so that no step in between has the start after the due date."""
    by_field = {c.field: c for c in changes}
    start, due = by_field.get("start"), by_field.get("due")
    if start and due and start.new is not None and due.old is not None \
            and start.new > due.old:  # type: ignore[operator]
        rest = [c for c in changes if c.field not in ("start", "due")]
        return [*rest, due, start]
    return list(changes)


def shown(field: str, value: FieldValue) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if field == "status":
        return STATUSES.get(value, value)
    if field == "priority":
        return PRIORITIES.get(value, value)
    return short(value, 100)


def _candidate(field: str, value: object) -> FieldValue:
    """A cell's value in the form `validate` takes; a sentence when it cannot be one."""
    if field in ("start", "due"):
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        raise TextRefused(f"“{value}” is not a date. Type it as 31/03/2027 (day/month/year).")
    if value is None:
        return ""
    if field in CHOICES and isinstance(value, str):
        # "done" or "IN PROGRESS" typed over the drop-down list still means its choice.
        choices = STATUSES if field == "status" else PRIORITIES
        typed = " ".join(value.split()).casefold()
        return next((key for key, label in choices.items()
                     if typed in (key, label.casefold())), value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    return value if isinstance(value, str) else str(value)


def _unchanged(raw: object, stored: FieldValue) -> bool:
    """A cell that still holds what the workbook stores (most cells: no need to check)."""
    if isinstance(raw, datetime):
        raw = raw.date() if raw.time() == datetime.min.time() else raw
    return raw == stored or (raw is None and stored == "")


def _read_values(row: TrackerRow, problems: list[str], *, new: bool,
                 stored: ActionRow | None = None) -> dict[str, FieldValue]:
    values: dict[str, FieldValue] = {}
    for field in layout.FIELDS:
        raw = row.cells.get(field)
        if field in row.formulas:
            problems.append(f"Row {row.sheet_row}, {label_of(field)}: holds a formula. "
                            "Type the value itself.")
            continue
        if new and raw is None:
            continue  # a new action takes the plan's defaults for what is left empty
        if stored is not None and field not in CHOICES and _unchanged(
                raw, getattr(stored, field)):
            values[field] = getattr(stored, field)
            continue
        try:
            values[field] = validate(field, _candidate(field, raw))
        except TextRefused as error:
            problems.append(f"Row {row.sheet_row}, {label_of(field)}: {error}")
    start, due = values.get("start"), values.get("due")
    if isinstance(start, date) and isinstance(due, date) and start > due:
        problems.append(f"Row {row.sheet_row}: the start date ({start:%d/%m/%Y}) is after "
                        f"the due date ({due:%d/%m/%Y}).")
    return values


def _read_note(row: TrackerRow, problems: list[str], already: tuple[NoteRow, ...]) -> str:
    """The row's new progress note; "" when empty or already one of the action's notes."""
    if layout.NOTE in row.formulas:
        problems.append(f"Row {row.sheet_row}, {layout.NOTE_HEADING}: holds a formula. "
                        "Type the note itself.")
        return ""
    try:
        text = clean_text("" if row.note is None else str(row.note),
                          label=layout.NOTE_HEADING, max_length=MAX_NOTE, multiline=True)
    except TextRefused as error:
        problems.append(f"Row {row.sheet_row}, {layout.NOTE_HEADING}: {error}")
        return ""
    return "" if any(note.text == text for note in already) else text


def compare(tracker: TrackerFile, current: TrackerSnapshot) -> TrackerPreview:
    """The preview of importing `tracker` into the workbook `current` was taken from;
    `TrackerRefused` lists every problem if any row cannot be imported."""
    if tracker.workbook_id != str(current.workbook_id):
        other = f" (“{tracker.workbook_title}”)" if tracker.workbook_title else ""
        raise TrackerRefused(tracker.name, [
            f"it is the tracker of a different workbook{other}. Import it into the "
            "workbook it was exported from, or export a tracker from this workbook."])
    actions = {row.id: (number, row) for number, row in enumerate(current.plan.actions, 1)}
    problems: list[str] = []
    seen: dict[uuid.UUID, int] = {}
    updates: list[ActionUpdate] = []
    added: list[NewAction] = []
    for row in tracker.rows:
        if row.id_text:
            try:
                action_id = uuid.UUID(row.id_text)
            except ValueError:
                problems.append(f"Row {row.sheet_row}: the ID “{short(row.id_text, 40)}” has "
                                "been changed; it is not an action's ID.")
                continue
            if action_id not in actions:
                problems.append(f"Row {row.sheet_row}: no action in this workbook has the ID "
                                f"{action_id}; it may have been removed since the tracker "
                                "was exported.")
                continue
        else:
            action_id = uuid.uuid5(NAMESPACE, f"{tracker.export_id}:{row.sheet_row}")
        if action_id in seen:
            problems.append(f"Row {row.sheet_row} has the same ID as row {seen[action_id]}.")
            continue
        seen[action_id] = row.sheet_row
        if action_id in actions:  # listed, or a new row an earlier import already added
            number, action = actions[action_id]
            values = _read_values(row, problems, new=not row.id_text, stored=action)
            changes = _changes(action, values)
            note = _read_note(row, problems, current.plan.notes.get(action_id, ()))
            if changes or note:
                updates.append(ActionUpdate(action_id, number, action.action, changes, note))
        else:
            values = _read_values(row, problems, new=True)
            note = _read_note(row, problems, ())
            if "action" not in values and not any(
                    p.startswith(f"Row {row.sheet_row},") for p in problems):
                problems.append(f"Row {row.sheet_row}: a new action needs its "
                                f"“{label_of('action')}” filled in.")
            added.append(NewAction(action_id, row.sheet_row, tuple(values.items()), note))
    if problems:
        raise TrackerRefused(tracker.name, problems)
    return TrackerPreview(tracker.name, tuple(updates), tuple(added),
                          len(set(actions) - set(seen)))


def _changes(action: ActionRow, values: dict[str, FieldValue]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(field, getattr(action, field), new)
                 for field, new in values.items() if getattr(action, field) != new)


def preview_import(path: Path | str, current: TrackerSnapshot) -> TrackerPreview:
    """Read the file at `path` and compare it with `current` (Qt-free; safe off the UI
    thread, as it touches no database)."""
    return compare(read_tracker(Path(path)), current)
