"""Search query language: words, "phrases", prefixes (word*), AND / OR / NOT, parentheses.

The query is parsed here (not handed to FTS5 as typed) so that bad syntax gets a one-line message
naming the problem, every word is folded exactly like the indexed text, and the parts needed for
highlighting and exact-accent ranking are known. Adjacent terms mean AND; precedence is
NOT > AND > OR, as in FTS5.

Queries are bounded before they are parsed: at most MAX_WORDS words (phrases' words included)
and MAX_DEPTH levels of parentheses, MAX_CHARS characters in all. Unbounded, 100 words gave
"fts5: parser stack overflow" (every AND nested one more level), 1,000 words or 5,000 ORs a
RecursionError in this parser, and the web answered 500. Runs of one operator are written out
flat ("a AND b AND c"), so FTS5 sees no deeper nesting than the query's own parentheses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.fold import fold, has_accents, tone_key

__all__ = ["QuerySyntaxError", "Term", "ParsedQuery", "parse_query"]

_TOKEN = re.compile(r'\s*(?:(?P<phrase>"[^"]*"\s*\*?)|(?P<quote>")|(?P<lpar>\()|(?P<rpar>\))|'
                    r'(?P<word>[^\s()"]+))')
_WORD_CHARS = re.compile(r"[^\W_]+")
_OPERATORS = {"AND", "OR", "NOT"}
MAX_WORDS = 50    # a news search of 50 words is already a paragraph; each word costs index probes
MAX_DEPTH = 8     # levels of parentheses
MAX_CHARS = 2000


class QuerySyntaxError(ValueError):
    """A query that cannot be searched; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Term:
    """One phrase of folded tokens (a single word is a one-token phrase)."""

    tokens: tuple[str, ...]
    prefix: bool
    original: str

    def to_fts(self) -> str:
        quoted = '"' + " ".join(self.tokens) + '"'
        return quoted + " *" if self.prefix else quoted


@dataclass(slots=True)
class ParsedQuery:
    fts: str
    terms: list[Term] = field(default_factory=list)          # positive terms (for highlighting)
    accented: list[str] = field(default_factory=list)        # tone keys of words typed with accents
    all_terms: list[Term] = field(default_factory=list)      # every phrase, excluded ones too
    negated: bool = False                                    # the query has a NOT


def parse_query(text: str) -> ParsedQuery:
    tokens = _lex(text)
    _check_size(tokens)
    if len(text) > MAX_CHARS:
        raise QuerySyntaxError(f"query too long ({len(text):,} characters): at most {MAX_CHARS:,}")
    if not tokens:
        raise QuerySyntaxError("empty query: give at least one word")
    parser = _Parser(tokens)
    expr = parser.parse_or()
    if parser.pos < len(tokens):
        kind, value = tokens[parser.pos]
        raise QuerySyntaxError(f"unexpected {value!r} in query" if kind != "rpar" else
                               "unbalanced parentheses: ')' without '('")
    positive: list[Term] = []
    _collect_positive(expr, positive, negated=False)
    if not positive:
        raise QuerySyntaxError("the query only excludes words: add a word to search for")
    accented = []
    for term in positive:
        for word in _WORD_CHARS.findall(term.original):
            if has_accents(word):
                accented.append(tone_key(word))
    every: list[Term] = []
    _collect_positive(expr, every, negated=False, keep_negated=True)
    return ParsedQuery(fts=_to_fts(expr), terms=positive, accented=accented, all_terms=every,
                       negated=len(every) > len(positive))


def _lex(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        kind = m.lastgroup
        if kind == "quote":
            raise QuerySyntaxError('unbalanced quotes: close the phrase with a second "')
        tokens.append((kind, m.group(kind)))
    return tokens


def _check_size(tokens: list[tuple[str, str]]) -> None:
    """QuerySyntaxError for more than MAX_WORDS words or MAX_DEPTH levels of parentheses."""
    words = depth = deepest = 0
    for kind, value in tokens:
        if kind == "lpar":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "rpar":
            depth -= 1
        elif kind == "phrase":
            words += max(1, len(_WORD_CHARS.findall(value)))
        elif value not in _OPERATORS:
            words += 1
    if words > MAX_WORDS:
        raise QuerySyntaxError(f"too many words ({words:,}): at most {MAX_WORDS} in a query")
    if deepest > MAX_DEPTH:
        raise QuerySyntaxError(f"parentheses nested {deepest} deep: at most {MAX_DEPTH}")
    operators = len(tokens) - words
    if operators > 2 * MAX_WORDS + 2 * MAX_DEPTH:
        raise QuerySyntaxError(f"too many operators ({operators:,}) for {words} words")


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def is_op(self, name: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == "word" and tok[1] == name

    def parse_or(self):
        left = self.parse_and()
        while self.is_op("OR"):
            self.pos += 1
            left = ("OR", left, self.parse_and("OR"))
        return left

    def parse_and(self, after: str | None = None):
        left = self.parse_not(after)
        while True:
            if self.is_op("AND"):
                self.pos += 1
                left = ("AND", left, self.parse_not("AND"))
            elif self.peek() is not None and self.peek()[0] != "rpar" and not self.is_op("OR") \
                    and not self.is_op("NOT"):
                left = ("AND", left, self.parse_not())
            else:
                return left

    def parse_not(self, after: str | None = None):
        left = self.parse_primary(after)
        while self.is_op("NOT"):
            self.pos += 1
            left = ("NOT", left, self.parse_primary("NOT"))
        return left

    def parse_primary(self, after: str | None = None):
        tok = self.peek()
        if tok is None:
            if after:
                raise QuerySyntaxError(f"{after} needs a word after it")
            raise QuerySyntaxError("unexpected end of query")
        kind, value = tok
        if kind == "word" and value in _OPERATORS:
            if after:
                raise QuerySyntaxError(f"{after} followed by {value}: put a word between them")
            if value == "NOT":
                raise QuerySyntaxError("NOT needs a word before it, e.g. 'dan van NOT kheo'")
            raise QuerySyntaxError(f"{value} needs a word on each side")
        self.pos += 1
        if kind == "lpar":
            inner = self.parse_or()
            if not (self.peek() and self.peek()[0] == "rpar"):
                raise QuerySyntaxError("unbalanced parentheses: '(' without ')'")
            self.pos += 1
            return inner
        if kind == "rpar":
            raise QuerySyntaxError("unbalanced parentheses: ')' without '('")
        if kind == "phrase":
            body = value.rstrip().rstrip("*").rstrip()
            return _term(body[1:-1], prefix=value.rstrip().endswith("*"), raw=value)
        prefix = value.endswith("*")
        return _term(value.rstrip("*"), prefix=prefix, raw=value)


def _term(text: str, *, prefix: bool, raw: str) -> Term:
    tokens = tuple(_WORD_CHARS.findall(fold(text)))
    if not tokens:
        if "*" in raw:
            raise QuerySyntaxError("'*' must end a word, e.g. 'nong thon*'")
        raise QuerySyntaxError(f"{raw!r} has no letters or digits to search for")
    return Term(tokens=tokens, prefix=prefix, original=text)


def _collect_positive(expr, out: list[Term], negated: bool, keep_negated: bool = False) -> None:
    if isinstance(expr, Term):
        if keep_negated or not negated:
            out.append(expr)
        return
    op, left, right = expr
    _collect_positive(left, out, negated, keep_negated)
    _collect_positive(right, out, negated or op == "NOT", keep_negated)


def _to_fts(expr) -> str:
    if isinstance(expr, Term):
        return expr.to_fts()
    op = expr[0]
    return "(" + f" {op} ".join(_to_fts(part) for part in _operands(expr, op)) + ")"


def _operands(expr, op: str) -> list:
    """The operands of a run of `op` (AND, OR: associative), flattened; NOT stays binary."""
    if op == "NOT":
        return [expr[1], expr[2]]
    parts, stack = [], [expr]
    while stack:
        node = stack.pop()
        if not isinstance(node, Term) and node[0] == op:
            stack += [node[2], node[1]]
        else:
            parts.append(node)
    return parts
