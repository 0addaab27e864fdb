"""Bounded queries (issue #14): a cap on words and parentheses, a one-line error, never a crash.

Unbounded, 100 words gave "fts5: parser stack overflow", 1,000 words or 5,000 ORs a
RecursionError, and the web answered 500. Queries at the caps still run against FTS5.
"""
from __future__ import annotations

import pytest

from archive.query import MAX_DEPTH, MAX_WORDS, QuerySyntaxError, parse_query
from archive.reader import open_readonly
from archive.search import search
from tests.archive_support import one_article_archive
from tests.conftest import run_cli

WORDS = ["huyen", "xa", "hoi", "nghi", "dang", "uy", "nong", "thon", "moi", "dan", "van", "kheo"]


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory):
    return one_article_archive(str(tmp_path_factory.mktemp("bounds") / "archive.db"))


def _words(n: int, joiner: str = " ") -> str:
    return joiner.join(WORDS[i % len(WORDS)] for i in range(n))


@pytest.mark.parametrize("query", [
    _words(MAX_WORDS),                                      # every word ANDed
    _words(MAX_WORDS, " OR "),
    "hoi " + " NOT ".join(f"w{i}" for i in range(MAX_WORDS - 1)),
    "(" * MAX_DEPTH + "hoi OR nghi" + ")" * MAX_DEPTH,
    '"' + _words(MAX_WORDS) + '"',
])
def test_queries_at_the_caps_run(archive_path, query):
    conn = open_readonly(archive_path)
    try:
        search(conn, query)  # no sqlite3 error, no RecursionError
    finally:
        conn.close()


@pytest.mark.parametrize("query, message", [
    (_words(100), "too many words (100)"),
    (_words(1000), "too many words (1,000)"),
    (_words(5001, " OR "), "too many words"),
    ("hoi " + "OR " * 5000 + "nghi", "too many operators"),
    ('"' + _words(MAX_WORDS + 1) + '"', "too many words"),
    ("(" * 1000 + "hoi" + ")" * 1000, "parentheses nested 1000 deep"),
    ("(" * (MAX_DEPTH + 1) + "hoi" + ")" * (MAX_DEPTH + 1), f"nested {MAX_DEPTH + 1} deep"),
    ("x" * 5000, "query too long"),
])
def test_queries_over_the_caps_are_refused(query, message):
    with pytest.raises(QuerySyntaxError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_query(query)


@pytest.mark.parametrize("query", [_words(100), _words(1000), _words(5000, " OR "), "(" * 500 + "hoi" + ")" * 500])
def test_cli_long_query_is_one_line_error(archive_path, query):
    result = run_cli("search", query, "--db", archive_path, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: bad query: ")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_runs_of_one_operator_are_flat():
    assert parse_query("a b c OR d").fts == '(("a" AND "b" AND "c") OR "d")'
