"""Export: every archived article with the same columns in JSONL and CSV (and the web's /search.csv)."""
from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TextIO

from archive.fields import EXPORT_COLUMNS, FIELDS, READ_COLUMNS
from archive.reader import attach_media, rows_as_dicts

__all__ = ["iter_articles", "articles_by_id", "count_articles", "export_record", "to_jsonl_line", "EXPORT_COLUMNS", "CSV_COLUMNS",
           "write_csv", "csv_header", "csv_row", "EXCEL_BOM"]

# One list of columns for every export, JSONL keys and CSV columns, in this order: archive.fields.
CSV_COLUMNS = EXPORT_COLUMNS
# Excel reads a CSV file as the machine's ANSI code page (mojibake for Vietnamese) unless the
# file starts with the UTF-8 byte order mark.
EXCEL_BOM = "\ufeff"
_JSON_CELLS = tuple(f.name for f in FIELDS if f.type is list)


def _where(site: str | None, since: date | None, until: date | None) -> tuple[str, list]:
    where, params = [], []
    if site:
        where.append("site = ?")
        params.append(site)
    if since:
        where.append("published >= ?")
        params.append(since.isoformat())
    if until:
        # `published` is an ISO timestamp: everything on the `until` day sorts before the next day.
        where.append("published < ?")
        params.append(date.fromordinal(until.toordinal() + 1).isoformat())
    return (" WHERE " + " AND ".join(where)) if where else "", params


def count_articles(conn: sqlite3.Connection, *, site: str | None = None, since: date | None = None,
                   until: date | None = None) -> int:
    """How many articles `iter_articles` with the same filters yields."""
    clause, params = _where(site, since, until)
    return conn.execute("SELECT count(*) FROM articles" + clause, params).fetchone()[0]


def iter_articles(conn: sqlite3.Connection, *, site: str | None = None, since: date | None = None,
                  until: date | None = None, batch: int = 500) -> Iterator[dict]:
    """Articles in id order (the order they were first archived), with images and attachments."""
    clause, params = _where(site, since, until)
    cursor = conn.execute(f"SELECT {', '.join(READ_COLUMNS)} FROM articles{clause} ORDER BY id", params)
    while True:
        rows = list(rows_as_dicts(cursor.fetchmany(batch), READ_COLUMNS))
        if not rows:
            return
        yield from attach_media(conn, rows)


def articles_by_id(conn: sqlite3.Connection, ids: list[int]) -> list[dict]:
    """The articles with these ids, in the order given (a search's hits), with images and attachments."""
    found: dict[int, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cursor = conn.execute(f"SELECT {', '.join(READ_COLUMNS)} FROM articles "
                              f"WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        for article in attach_media(conn, list(rows_as_dicts(cursor, READ_COLUMNS))):
            found[article["id"]] = article
    return [found[i] for i in ids if i in found]


def export_record(article: dict) -> dict:
    """The article with exactly the export columns, in order (missing ones None)."""
    return {column: article.get(column) for column in EXPORT_COLUMNS}


def to_jsonl_line(article: dict) -> str:
    return json.dumps(export_record(article), ensure_ascii=False)


def csv_header(extra: tuple[str, ...] = ()) -> list[str]:
    return [*EXPORT_COLUMNS, *extra]


def csv_row(article: dict, extra: tuple[str, ...] = ()) -> list:
    """One CSV row: images and attachments as JSON text, None as an empty cell."""
    row = []
    for column in (*EXPORT_COLUMNS, *extra):
        value = article.get(column)
        if column in _JSON_CELLS:
            value = json.dumps(value or [], ensure_ascii=False)
        row.append("" if value is None else value)
    return row


def write_csv(articles: Iterable[dict], out: TextIO, *, bom: bool = False, extra: tuple[str, ...] = ()) -> int:
    """Write a header and one row per article; returns how many rows. `bom` for Excel."""
    if bom:
        out.write(EXCEL_BOM)
    writer = csv.writer(out)
    writer.writerow(csv_header(extra))
    written = 0
    for article in articles:
        writer.writerow(csv_row(article, extra))
        written += 1
    return written
