"""Column types shared by every table: UTC timestamps, checked text and ids, and the app's clock.

A workbook may come from anyone, so a stored value that does not read as its column's type
(a date that is not a date, a number where text belongs) becomes `InvalidValue` with a
sentence when it is loaded, never an exception from deep inside the database layer.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, String, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from app.workbook.errors import InvalidValue
from app.workbook.overview import parse_utc


def utcnow() -> datetime:
    """The app sets every timestamp itself, in UTC, so SQLite and PostgreSQL agree."""
    return datetime.now(UTC)


def _unreadable(kind: str) -> InvalidValue:
    return InvalidValue(
        f"This workbook holds {kind} that cannot be read; it may be damaged. "
        "Ask whoever sent it for a fresh copy."
    )


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC; SQLite drops the zone, so it is put back on load."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use utcnow()")
        return value.astimezone(UTC)

    def result_processor(
        self, dialect: Dialect, coltype: Any
    ) -> Callable[[Any], datetime | None]:
        # The stored text is parsed here (not by the driver's parser, which raises its
        # own errors on a bad value): the same rules as the plain-SQL overview.
        def process(value: Any) -> datetime | None:
            return None if value is None else parse_utc(value)

        return process


class StoredText(TypeDecorator[str]):
    """Text that must come back as text: a number or bytes stored there is refused."""

    impl = String
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or isinstance(value, str):
            return value
        raise _unreadable("a value that is not text where text belongs")


class StoredUuid(TypeDecorator[uuid.UUID]):
    """A UUID key; a stored value that is not one is refused with a sentence."""

    impl = Uuid
    cache_ok = True

    def result_processor(
        self, dialect: Dialect, coltype: Any
    ) -> Callable[[Any], uuid.UUID | None] | None:
        inner = self.impl_instance.result_processor(dialect, coltype)

        def process(value: Any) -> uuid.UUID | None:
            if value is None:
                return None
            try:
                return inner(value) if inner is not None else value
            except (ValueError, TypeError, AttributeError) as error:
                raise _unreadable("an identifier") from error

        return process


class StoredDate(TypeDecorator[date]):
    """A calendar date (no time); a stored value that is not one is refused with a sentence."""

    impl = Date
    cache_ok = True

    def result_processor(
        self, dialect: Dialect, coltype: Any
    ) -> Callable[[Any], date | None] | None:
        inner = self.impl_instance.result_processor(dialect, coltype)

        def process(value: Any) -> date | None:
            if value is None:
                return None
            try:
                parsed = inner(value) if inner is not None else value
            except (ValueError, TypeError, AttributeError) as error:
                raise _unreadable("a date") from error
            if not isinstance(parsed, date):
                raise _unreadable("a date")
            return parsed

        return process
