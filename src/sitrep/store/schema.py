"""The database schema: tables a journalist can read in Datasette from their names alone.

Every extracted row keeps ``document_id`` plus ``start``/``end``/``text`` so it
points back at the exact characters of its document.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

SCHEMA_VERSION = 1


def _doc_fk() -> Column:
    return Column(
        "document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    )


def _span_cols() -> list[Column]:
    return [
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
    ]


settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text),
)

settings_files = Table(
    "settings_files",
    metadata,  # the grading table, gazetteer and hypotheses a run used, with history
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # sources | gazetteer | hypotheses
    Column("path", Text),
    Column("sha256", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("stored_at", String(32), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", String(32)),
    Column("url", Text),
    Column("path", Text),
    Column("language", String(8)),
    Column("encoding", Text),
    Column("format", String(16)),
    Column("text", Text, nullable=False),
    Column("near_duplicate_of", String(32)),
    Column("meta_json", Text),
    Column("ingested_at", String(32)),
    Column("analyzed_at", String(32)),
    Column("analyzer_version", String(16)),
    Column("analysis_note", Text),
)

#: the MinHash LSH index of near-duplicate detection, kept here instead of in memory: one row
#: per document and band; documents sharing a (band, key) are near-duplicate candidates
minhash_bands = Table(
    "minhash_bands",
    metadata,
    Column(
        "document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("band", Integer, primary_key=True),
    Column("key", BigInteger, nullable=False),
)

#: the corpus resolution (canonical actors and the map from document-level entities to them),
#: one row, stamped with the analyses it was made from; later commands load it, not redo it
resolutions = Table(
    "resolutions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("stamp", String(64), nullable=False),
    Column("resolution_json", Text, nullable=False),
)

analyses = Table(
    "analyses",
    metadata,
    Column(
        "document_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("analysis_json", Text, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(48), primary_key=True),
    _doc_fk(),
    *_span_cols(),
    Column("kind", String(16)),
    Column("confidence", Float),
    Column("speaker_id", String(200)),  # the canonical actor (after resolution)
    Column("speaker_name", Text),
    Column("speaker_local_id", String(200)),  # as the document's own analysis named it
    Column("source_text", Text),
    Column("cue_text", Text),
    Column("content_text", Text),
)

quote_spans = Table(
    "quote_spans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("quote_id", String(48), ForeignKey("quotes.id", ondelete="CASCADE"), nullable=False),
    _doc_fk(),
    Column("role", String(8), nullable=False),  # cue | source | content
    *_span_cols(),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(48), primary_key=True),
    _doc_fk(),
    *_span_cols(),
    Column("source_kind", String(16)),
    Column("source_id", String(200)),
    Column("source_name", Text),
    Column("source_local_id", String(200)),
    Column("cue_text", Text),
    Column("band", Integer),
    Column("hypothesis", Boolean, default=False),
)

hedges = Table(
    "hedges",
    metadata,
    Column("id", String(48), primary_key=True),
    _doc_fk(),
    Column("claim_id", String(48)),
    *_span_cols(),
    Column("type", String(24)),
    Column("scope_start", Integer),
    Column("scope_end", Integer),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(48), primary_key=True),
    _doc_fk(),
    *_span_cols(),
    Column("label", String(16)),
    Column("local_entity_id", String(200)),
    Column("entity_id", String(200)),
    Column("misspelled", Boolean, default=False),
)

#: who the document says an actor is: a title ("Defence Minister") or an apposition ("former
#: head of the army"), with the sentence it is in; entity_id is the canonical actor
roles = Table(
    "roles",
    metadata,
    Column("id", String(48), primary_key=True),
    _doc_fk(),
    *_span_cols(),
    Column("kind", String(16)),  # title | apposition
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("local_entity_id", String(200)),
    Column("entity_id", String(200)),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16)),
    Column("aliases_json", Text),
    Column("roles_json", Text),
    Column("descriptions_json", Text),
    Column("mention_count", Integer),
    Column("document_count", Integer),
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("local_entity_id", String(200), primary_key=True),
    Column("entity_id", String(200), nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("id", String(48), primary_key=True),
    _doc_fk(),
    *_span_cols(),
    Column("name", Text),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("match", String(16)),
    Column("geonameid", Integer),
    Column("alternatives_json", Text),  # other places of that name, e.g. ["Geneva, US"]
    Column(
        "reason", Text
    ),  # why this one: namesakes settled by context, a near-spelling, a former name
)

figures = Table(
    "figures",
    metadata,
    Column("id", String(48), primary_key=True),
    _doc_fk(),
    *_span_cols(),
    Column("value", Float),
    Column("approximate", Boolean),
    Column("counted", Text),
    Column("event", Text),
    Column("low", Float),
    Column("high", Float),
    Column("unit", String(16)),
)

dates = Table(
    "dates",
    metadata,
    Column("id", String(48), primary_key=True),
    _doc_fk(),
    *_span_cols(),
    Column("value", String(32)),
    Column("granularity", String(8)),
)

problems = Table(
    "problems",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text),
    Column("line", Integer),
    Column("stage", String(16)),
    Column("message", Text, nullable=False),
    Column("at", String(32)),
)

#: tables whose rows are per-document analysis output (replaced together, in one transaction)
ANALYSIS_TABLES = (
    quote_spans,
    quotes,
    hedges,
    claims,
    mentions,
    roles,
    places,
    figures,
    dates,
    analyses,
)

Index("ix_quotes_document", quotes.c.document_id)
Index("ix_quotes_speaker", quotes.c.speaker_id)
Index("ix_quote_spans_quote", quote_spans.c.quote_id)
Index("ix_claims_document", claims.c.document_id)
Index("ix_hedges_document", hedges.c.document_id)
Index("ix_mentions_document", mentions.c.document_id)
Index("ix_mentions_entity", mentions.c.entity_id)
Index("ix_roles_document", roles.c.document_id)
Index("ix_roles_entity", roles.c.entity_id)
Index("ix_places_document", places.c.document_id)
Index("ix_figures_document", figures.c.document_id)
Index("ix_dates_document", dates.c.document_id)
Index("ix_documents_published", documents.c.published)
Index("ix_minhash_bands_key", minhash_bands.c.band, minhash_bands.c.key)
