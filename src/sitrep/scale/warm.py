"""Load and warm the analysis pipeline once, so that processes forked afterwards start ready.

The worker pool's fork server imports this module before it forks any worker: the
spaCy pipeline, the extractors' models and their lazily built tables are then
loaded once and shared copy-on-write by every worker, instead of loaded per worker.
"""

from __future__ import annotations

import gc

from sitrep.records import Document

SAMPLE = (
    '"We are ready," General Anna Kell told reporters in the capital on Monday, '
    "adding that about 300 troops would probably arrive within two days."
)


def warm() -> None:
    """Analyze one short document: loads the pipeline and everything the extractors build lazily."""
    from sitrep.analyze import analyze_docs

    for _ in analyze_docs([Document(id="warm", text=SAMPLE, language="en")]):
        pass


try:  # imported by the fork server: a failure here must not stop it (workers warm themselves)
    warm()
except Exception:  # pragma: no cover - reported again by the worker that hits it
    pass
# Keep the garbage collector off the loaded models: a collection in a worker would write to
# every object it visits and so copy the pages the workers share with this server.
gc.freeze()
