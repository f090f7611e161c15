"""Child process for the crash test: makes edits and acknowledges each one after commit.

Each line printed means "this edit is committed"; the parent kills this process at a
random moment and then checks that every acknowledged edit survived.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from app.workbook import Workbook
from app.workbook.evidence import attach_evidence
from app.workbook.info import update_field


def main(path: Path, first_edit: int, seed: int) -> None:
    rng = random.Random(seed)
    workbook = Workbook.open(path)
    print("ready", flush=True)
    edit = first_edit
    while True:
        with workbook.session() as session:
            update_field(session, "area", f"edit {edit}")
            # Payloads of varying size make commits take varying time, so kills land
            # before, during and after journal writes.
            size = rng.choice((200, 2_000, 8_000, 30_000))
            attach_evidence(session, f"edit {edit}.bin", rng.randbytes(size))
        print(f"ack {edit}", flush=True)
        edit += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
