"""One article-field registry (archive.fields): every consumer's columns come from it, one article
loader serves `show` and the web, and a field is named in the few files a new field must touch."""
from __future__ import annotations

import json
import re
from pathlib import Path

from archive import export, fields, records, show, stats
from archive.reader import open_readonly
from archive.search import search
from archive.store import Archive
from archive.web import article_data, searching
from archive.web.changes import version_changes

ROOT = Path(__file__).resolve().parent.parent.parent

# What adding a field touches (besides the extractor that finds it, under scraper/extract):
# the registry, a migration adding the column, and the article page's template if it shows it.
A_NEW_FIELD_TOUCHES = {"archive/fields.py", "archive/schema.py", "archive/web/templates/pa_article.html"}
# Code that gives one particular field a meaning of its own (a citation's author, a feed entry's
# author, the date line as the page wrote it in a citation), not a column list.
OWN_USES = {"author": {"archive/citation.py", "archive/web/feed.py", "portal_archive/show.py"},  # --cite help
            "published_text": {"archive/citation.py"}}


def _files_naming(name: str) -> set[str]:
    word = re.compile(rf"\b{name}\b")
    found = set()
    for package in ("archive", "portal_archive"):
        for path in (ROOT / package).rglob("*"):
            if path.suffix in (".py", ".html") and word.search(path.read_text(encoding="utf-8")):
                found.add(str(path.relative_to(ROOT)))
    return found


def test_a_field_is_named_only_where_a_new_field_must_be_added():
    # Fields that are only data (a filter such as category, or `removed_at`, has behaviour of its own).
    for name in ("author", "published_text"):
        assert _files_naming(name) <= A_NEW_FIELD_TOUCHES | OWN_USES.get(name, set()), name


def test_every_consumer_takes_its_columns_from_the_registry():
    assert export.EXPORT_COLUMNS == fields.EXPORT_COLUMNS == tuple(f.name for f in fields.FIELDS if f.exported)
    assert searching.EXPORT_COLUMNS[:-2] == fields.HIT_FIELDS
    assert set(fields.RECORD_FIELDS) <= records.KNOWN_KEYS
    assert set(fields.COVERED_FIELDS) <= set(stats.COVERAGE_FIELDS)
    assert [f["field"] for f in version_changes({n: "a" for n in fields.COMPARED_FIELDS},
                                                {n: "b" for n in fields.COMPARED_FIELDS})["fields"]] \
        == [n for n in fields.COMPARED_FIELDS if fields.FIELD[n].compared == "field"]


RECORD = {"url": "http://yenlap.phutho.gov.vn/tin/1", "site": "yenlap.phutho.gov.vn", "title": "Hội nghị dân vận",
          "published": "2024-03-05T08:00:00+07:00", "published_text": "Thứ ba, 05/03/2024", "views": 12,
          "author": "Nguyễn Văn A", "category": "Tin tức", "body": "Nội dung hội nghị dân vận khéo.",
          "family": "wordpress", "images": [{"url": "http://yenlap.phutho.gov.vn/a.jpg", "caption": "Ảnh", "alt": ""}],
          "attachments": [{"url": "http://yenlap.phutho.gov.vn/a.pdf", "name": "Tệp"}]}


def test_every_registry_field_round_trips_through_store_show_web_export_and_search(tmp_path):
    path = str(tmp_path / "a.db")
    with Archive(path) as archive:
        archive.save_article(RECORD)
        archive.save_article({**RECORD, "author": "Trần Thị B", "published_text": "05/03/2024"})
    conn = open_readonly(path)
    try:
        shown = show.load_article(conn, RECORD["url"])
        page = article_data.load_article(conn, shown["id"])
        exported = next(export.iter_articles(conn))
        hit = search(conn, "dan van").hits[0]
    finally:
        conn.close()
    for name in fields.RECORD_FIELDS:
        want = "Trần Thị B" if name == "author" else "05/03/2024" if name == "published_text" else RECORD[name]
        assert shown[name] == want and exported[name] == want, name
        assert page[name] == want if name not in ("images", "attachments") else \
            [{k: v for k, v in i.items() if k not in ("position", "archived")} for i in page[name]] == want, name
    assert list(json.loads(export.to_jsonl_line(exported))) == list(fields.EXPORT_COLUMNS)
    assert set(fields.HIT_FIELDS) <= set(hit) and hit["author"] == "Trần Thị B"
    # versions: every versioned field kept; the page's "what changed" names the compared ones
    old, current = shown["versions"]
    assert {n: old[n] for n in fields.VERSIONED_FIELDS} == {n: RECORD[n] for n in fields.VERSIONED_FIELDS}
    assert current["current"] and current["author"] == "Trần Thị B"
    assert [f["field"] for f in page["versions"][0]["changes"]["fields"]] == ["author"]
