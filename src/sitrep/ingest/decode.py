"""Bytes -> text, recording which encoding was used.

Order: a BOM decides; then strict UTF-8; then UTF-16 without a BOM (recognised
by its pattern of zero bytes); then charset-normalizer, limited to the legacy
encodings news files actually arrive in (cp1251, latin-1, cp1252, koi8-r).
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from sitrep.ingest.errors import IngestError

UTF16_MIN_BYTES = 32  # "0\x00\xc2\x80" is UTF-8 with a NUL, not the UTF-16 of "0胂"
LEGACY = ["cp1251", "cp1252", "latin_1", "koi8_r", "iso8859_5"]
BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < UTF16_MIN_BYTES:  # a few bytes with a zero say nothing about UTF-16
        return None
    even_zero = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_zero = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """Mixed files (UTF-8 with a few stray legacy bytes) keep their UTF-8 text; the stray
    bytes become U+FFFD and the encoding says so."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127) - bad
    if bad and multibyte >= 2 * bad and bad / max(1, len(text)) < 0.01:
        return text, f"utf-8 ({bad} invalid byte sequences replaced)"
    return None


def looks_binary(text: str) -> bool:
    """Control characters other than whitespace mean this is not prose."""
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / len(sample) > 0.02 or "\x00" in sample


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise IngestError for content that is not text."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"starts with a {enc} byte-order mark but does not decode: {exc.reason}"
                ) from exc
    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            text = data.decode(enc16)
            if not looks_binary(text):
                return text, enc16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise IngestError("looks like a binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    best = from_bytes(data[:200_000], cp_isolation=LEGACY).best()
    enc = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        text, enc = data.decode("latin_1"), "latin_1"
    if looks_binary(text):
        raise IngestError("looks like a binary file, not text")
    return text, enc
