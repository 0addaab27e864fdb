"""CSS selection for family files, fast on the hot path.

Family selectors are mostly `tag.class #id` chains joined by descendant spaces. Those are answered
from a class/id index built in one walk of the page (libxml2's XPath for `.class` costs ~0.3 ms
a selector on a portal page; the index answers in microseconds). Anything else (attribute
selectors, `>`, pseudo-classes) goes to lxml's CSSSelector.
"""
from __future__ import annotations

import re
from functools import lru_cache

import lxml.etree
from lxml.cssselect import CSSSelector

__all__ = ["PageIndex"]

_COMPOUND = re.compile(r"^([a-zA-Z][a-zA-Z0-9]*|\*)?((?:[.#][A-Za-z0-9_-]+)*)$")
_PART = re.compile(r"([.#])([A-Za-z0-9_-]+)")


@lru_cache(maxsize=1024)
def _compile(css: str):
    """[(tag|None, classes, id|None), ...] for a simple descendant chain, else a CSSSelector."""
    steps = []
    for token in css.split():
        m = _COMPOUND.match(token)
        if not m or not (m.group(1) or m.group(2)):
            return CSSSelector(css)
        tag = m.group(1) if m.group(1) not in (None, "*") else None
        classes = tuple(v for k, v in _PART.findall(m.group(2)) if k == ".")
        ids = [v for k, v in _PART.findall(m.group(2)) if k == "#"]
        steps.append((tag, classes, ids[0] if ids else None))
    return steps


def _fits(el, step) -> bool:
    tag, classes, ident = step
    if tag is not None and el.tag != tag:
        return False
    if ident is not None and el.get("id") != ident:
        return False
    if classes:
        have = (el.get("class") or "").split()
        return all(c in have for c in classes)
    return True


# The class and id attributes of a page, each knowing its element: libxml2 answers attribute
# steps much faster than an element step with a predicate (`//*[@class or @id]` costs ~3x). Two
# queries, not their union: each is in page order already, and the union's sort and the test
# of each attribute's name cost more (the index of a sample page 0.147 -> 0.13 ms).
_IDS = lxml.etree.XPath("//@id")
_CLASSES = lxml.etree.XPath("//@class")


class PageIndex:
    """Class tokens and ids of one parsed page, gathered in one XPath query on first use.

    One walk gives both the names (`name in index`) and the elements per name, in page order.
    """

    __slots__ = ("tree", "_by_class", "_by_id", "_selected")

    def __init__(self, tree):
        self.tree = tree
        self._by_class: dict[str, list] | None = None
        self._by_id: dict[str, list] = {}
        self._selected: dict[str, list] = {}  # family files repeat selectors across fields

    def _build(self) -> None:
        by_class: dict[str, list] = {}
        by_id: dict[str, list] = {}
        for value in _IDS(self.tree):  # in page order
            by_id.setdefault(str(value), []).append(value.getparent())
        for value in _CLASSES(self.tree):
            el = value.getparent()
            tokens = value.split()
            if len(tokens) > 1:
                tokens = dict.fromkeys(tokens)  # `class="a a"` lists the element once
            for token in tokens:
                found = by_class.get(token)
                if found is None:
                    by_class[token] = [el]
                else:
                    found.append(el)
        self._by_class, self._by_id = by_class, by_id

    def __contains__(self, name: str) -> bool:
        """Whether any element has this class token or id."""
        if self._by_class is None:
            self._build()
        return name in self._by_id or name in self._by_class

    def class_count(self, name: str) -> int:
        """How many elements carry this class token."""
        return len(self._with(name, False))

    def _with(self, name: str, is_id: bool) -> list:
        if self._by_class is None:
            self._build()
        return (self._by_id if is_id else self._by_class).get(name, [])

    def forget(self, elements) -> None:
        """Leave these elements (removed from the page) and their subtrees out of later answers,
        without indexing the page again (which costs as much as the first time)."""
        if self._by_class is None:
            self._build()
        gone = {el for root in elements for el in root.iter()}
        for table in (self._by_class, self._by_id):
            for name in {n for el in gone for n in ((el.get("class") or "").split() if table is self._by_class
                                                     else [el.get("id")]) if n}:
                if name in table:
                    table[name] = [el for el in table[name] if el not in gone]
        self._selected.clear()

    @staticmethod
    def is_simple(css: str) -> bool:
        """A `tag.class #id` descendant chain, answered from the class/id tables."""
        return not isinstance(_compile(css), CSSSelector)

    def select(self, css: str) -> list:
        """Elements matching `css`, in page order (a fresh list each call)."""
        found = self._selected.get(css)
        if found is None:
            found = self._selected[css] = self._select(css)
        return list(found)

    def _select(self, css: str) -> list:
        compiled = _compile(css)
        if isinstance(compiled, CSSSelector):
            try:
                return compiled(self.tree)
            except (lxml.etree.XPathError, ValueError):
                return []
        return self._steps(compiled)

    def _steps(self, steps) -> list:
        *outer, last = steps
        tag, classes, ident = last
        if ident is None and not classes and outer:
            # `.news-meta li`: look under the few outer matches, not at every <li> of the page.
            found, seen = [], set()
            for base in self._steps(outer):
                for el in base.iter(tag):
                    if el is not base and id(el) not in seen:
                        seen.add(id(el))
                        found.append(el)
            return found
        if ident is not None:
            candidates = self._with(ident, True)
        elif classes:
            candidates = self._with(classes[0], False)
        else:
            candidates = list(self.tree.iter(tag))
        found = []
        for el in candidates:
            if not _fits(el, last):
                continue
            need = len(outer) - 1
            if need >= 0:
                for anc in el.iterancestors():
                    if _fits(anc, outer[need]):
                        need -= 1
                        if need < 0:
                            break
                if need >= 0:
                    continue
            found.append(el)
        return found
