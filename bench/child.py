"""One in-process side: `python -m bench.child TASK SIZE WARM_SIZE RUNS WORKDIR`.

Sets the task up at WARM_SIZE and runs it once (imports, fonts, templates, caches), then
sets it up at SIZE and times RUNS runs. Prints one JSON line: {"times": [...]}.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path

from bench.tasks import TASKS


def main(argv: list[str]) -> int:
    name, size, warm_size, runs, work = argv
    task = TASKS[name]
    task(int(warm_size), Path(work))()  # the same warm-up for every side
    run = task(int(size), Path(work))
    times = []
    for _ in range(int(runs)):
        gc.collect()  # start each run with no garbage left over from the last
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    print(json.dumps({"times": times}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
