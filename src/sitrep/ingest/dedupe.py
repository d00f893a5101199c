"""Near-duplicate documents (wire copy republished with small edits) via MinHash LSH."""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 64


def shingles(text: str, k: int = 5) -> set[bytes]:
    words = WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch(list(shingles(text)))
    return m


def near_duplicates(docs: Iterable[tuple[str, str]], threshold: float = 0.5) -> dict[str, str]:
    """Map each document id to the earliest document it nearly duplicates (by input order).

    ``docs`` is ``(id, text)`` in the order that counts as "first" (e.g. by publication).
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    first_of: dict[str, str] = {}
    order: dict[str, int] = {}
    for doc_id, text in docs:
        m = minhash(text)
        hits = lsh.query(m)
        if hits:
            root = min((first_of.get(h, h) for h in hits), key=lambda h: order[h])
            first_of[doc_id] = root
        if doc_id not in order:
            order[doc_id] = len(order)
            lsh.insert(doc_id, m)
    return first_of

