"""Near-duplicate documents (wire copy republished with small edits) via MinHash LSH.

Two ways to the same answer: ``near_duplicates`` keeps the LSH index in memory (fine for
the corpus of one assessment), while ``band_keys`` gives the index's keys for one text so
the store can keep them in a table and find candidates with a query, in flat memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 64
SEED = 7
THRESHOLD = 0.5
#: the band/row split ``MinHashLSH(threshold=0.5, num_perm=64)`` chooses (datasketch's
#: ``_optimal_param`` with equal false-positive/negative weights), fixed here so the keys
#: stored in a database do not change under a datasketch upgrade; a test checks they agree
LSH_BANDS, ROWS = 14, 4
#: changes whenever stored band keys would; the store recomputes them when it differs
BAND_SCHEME = (
    f"minhash num_perm={NUM_PERM} seed={SEED} shingle=5 bands={LSH_BANDS}x{ROWS} blake2b-64"
)


def shingles(text: str, k: int = 5) -> set[bytes]:
    words = WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch(list(shingles(text)))
    return m


def band_keys(text: str) -> list[tuple[int, int]]:
    """``(band, key)`` for each LSH band of the text's MinHash: two texts are near-duplicate
    candidates exactly when they share a pair, as in ``MinHashLSH`` at ``THRESHOLD``. The
    key is a signed 64-bit digest of the band's hash values (fits a BIGINT column; two
    different bands collide with a 2**-64 chance)."""
    values = minhash(text).hashvalues
    out = []
    for band in range(LSH_BANDS):
        chunk = (
            values[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        )  # same bytes on any machine
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "big", signed=True)))
    return out


def near_duplicates(docs: Iterable[tuple[str, str]], threshold: float = 0.5) -> dict[str, str]:
    """Map each document id to the earliest document it nearly duplicates (by input order).

    ``docs`` is ``(id, text)`` in the order that counts as "first" (e.g. by publication).
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)  # bands: (LSH_BANDS, ROWS) at 0.5
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
