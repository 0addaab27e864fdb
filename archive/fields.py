"""The article's fields, once: what each is, where it is stored, and who shows, exports and diffs it.

Every consumer derives its column list from FIELDS: the store's INSERT and UPDATE, the reader's
SELECT (`show`, the web's article page, `export`), the export columns (JSONL, CSV, the web's
/search.csv), the search hits, the versions (`article_versions` columns, the content hash, what
a version's "what changed" compares), `show`'s labels and `stats`' coverage.

Adding a field is: one `Field` here, one migration in archive/schema.py (the column in `articles`,
and in `article_versions` when it is versioned), the extractor that finds it (scraper/extract), and
the web template if the article page should show it (tests/archive/test_fields_registry.py lists them).
FIELDS' order is the export's column order. A field made `compared` joins the content hash: every
archived article's hash changes, so the next crawl would record each as a new version; add one
as compared only with a migration that recomputes the stored hashes.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Field", "FIELDS", "FIELD", "READ_COLUMNS", "RECORD_FIELDS", "RECORD_TEXT_FIELDS", "EXPORT_COLUMNS",
           "HIT_FIELDS", "VERSIONED_FIELDS", "COMPARED_FIELDS", "SHOWN_FIELDS", "COVERED_FIELDS"]


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: type = str
    # Where it lives: "articles" (a column of that name), "media" (its own table: images,
    # attachments), or "record" (what extraction hands over but the articles row does not hold).
    stored: str = "articles"
    record: bool = False        # extraction gives it (archive.records normalises it; the store writes it)
    exported: bool = True       # a column of `export` (JSONL and CSV, in FIELDS' order) and the web's /search.csv
    hit: bool = False           # a search hit carries it
    versioned: bool = False     # an older version keeps it (a column of article_versions)
    compared: str | None = None  # "field" or "words": part of the content hash, and of a version's diff
    label: str | None = None    # `show` prints it with this label (when present)
    covered: bool = False       # `stats` counts the articles that have it


FIELDS: tuple[Field, ...] = (
    Field("id", int, hit=True),
    Field("url", record=True, hit=True),
    Field("site", record=True, hit=True),
    Field("title", record=True, hit=True, versioned=True, compared="field", covered=True),
    Field("published", record=True, hit=True, versioned=True, compared="field", label="published", covered=True),
    Field("published_text", record=True, versioned=True, label="date text"),
    Field("views", int, record=True, hit=True, label="views", covered=True),
    Field("author", record=True, hit=True, versioned=True, compared="field", label="author", covered=True),
    Field("category", record=True, hit=True, versioned=True, compared="field", label="category", covered=True),
    Field("body", record=True, versioned=True, compared="words", covered=True),
    Field("images", list, stored="media", record=True),
    Field("attachments", list, stored="media", record=True),
    Field("family", record=True),
    Field("provenance", label="provenance"),
    Field("first_seen", label="first seen"),
    Field("last_seen", label="last seen"),
    Field("last_changed"),
    Field("version", int),
    Field("removed_at", hit=True),
    Field("removed_reason"),
    Field("content_hash", exported=False),
)
FIELD = {f.name: f for f in FIELDS}

# SELECT list for reading an article's row (media come from their own tables).
READ_COLUMNS = tuple(f.name for f in FIELDS if f.stored == "articles")
# What extraction hands the store, and of it the text the archive NFC-normalises.
RECORD_FIELDS = tuple(f.name for f in FIELDS if f.record)
RECORD_TEXT_FIELDS = tuple(f.name for f in FIELDS if f.record and f.type is str and f.name not in ("url", "site"))
EXPORT_COLUMNS = tuple(f.name for f in FIELDS if f.exported)
HIT_FIELDS = tuple(f.name for f in FIELDS if f.hit)
VERSIONED_FIELDS = tuple(f.name for f in FIELDS if f.versioned)
# Content hash and version diff: what a reader sees (images and attachments are compared beside).
COMPARED_FIELDS = tuple(f.name for f in FIELDS if f.compared)
SHOWN_FIELDS = tuple((f.label, f.name) for f in FIELDS if f.label)
COVERED_FIELDS = tuple(f.name for f in FIELDS if f.covered)
