"""Ctrl-C and SIGTERM end a command with one line and a conventional exit code, not a traceback.

Each document is stored and analyzed in its own transaction, so what a stopped run leaves is
complete; the handler only has to stop cleanly and say how to go on. It raises ``SystemExit``
(not ``KeyboardInterrupt``) so that Click does not print "Aborted!" and open transactions roll
back on the way out.
"""

from __future__ import annotations

import signal
from collections.abc import Callable

NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}
RESUME = (
    "every document stored so far is complete; run the same command again to continue where "
    "it stopped"
)


def install(say: Callable[[str], None]) -> None:
    """Route SIGINT and SIGTERM to a clean stop; a second signal while stopping is ignored."""

    def stop(signum: int, _frame) -> None:
        for sig in NAMES:
            signal.signal(sig, signal.SIG_IGN)
        say(f"interrupted ({NAMES.get(signum, signum)}): {RESUME}")
        raise SystemExit(128 + signum)

    for sig in NAMES:
        signal.signal(sig, stop)


def quiet_worker() -> None:
    """Worker processes leave stopping to the parent: Ctrl-C reaches the whole process group."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
