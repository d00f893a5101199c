"""Named points where a run can be made to wait, so tests can stop it at a chosen moment.

``SITREP_FAILPOINT=analyze`` makes the first pass through ``reached("analyze")`` say so on
stderr and wait there until the process is signalled: the fault tests send Ctrl-C, SIGTERM or
kill -9 at that exact moment and check that a rerun completes. Unset, it costs one lookup.
"""

from __future__ import annotations

import os
import sys
import time

POINTS = ("ingest", "analyze", "assess", "brief")


def reached(name: str) -> None:
    if os.environ.get("SITREP_FAILPOINT") != name:
        return
    os.environ.pop("SITREP_FAILPOINT", None)  # once per run
    print(f"failpoint {name} reached", file=sys.stderr, flush=True)
    while True:
        time.sleep(0.05)
