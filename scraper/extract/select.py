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


_CLASS_VALUES = lxml.etree.XPath("//@class", smart_strings=False)
_ID_VALUES = lxml.etree.XPath("//@id", smart_strings=False)
_BY_ID = lxml.etree.XPath("//*[@id=$name]")
_WITH_CLASS = lxml.etree.XPath("//*[@class]")


class PageIndex:
    """Class and id attributes of one parsed page, gathered in one walk on first use.

    Element lists per class or id are made on demand (a page is asked for a dozen names).
    """

    __slots__ = ("tree", "_attrs", "_blob", "_ids", "_cache")

    def __init__(self, tree):
        self.tree = tree
        self._attrs = None
        self._blob = ""
        self._ids: set[str] = set()
        self._cache: dict = {}

    def _build(self) -> None:
        # Attribute strings through XPath (no element proxies): enough to answer `name in index`.
        self._blob = " " + " ".join(" ".join(_CLASS_VALUES(self.tree)).split()) + " "
        self._ids = set(_ID_VALUES(self.tree))
        self._attrs = True

    def __contains__(self, name: str) -> bool:
        """Whether any element has this class token or id."""
        if self._attrs is None:
            self._build()
        return name in self._ids or f" {name} " in self._blob

    def _with(self, name: str, is_id: bool) -> list:
        key = (name, is_id)
        if key in self._cache:
            return self._cache[key]
        if name not in self:
            found = []
        elif is_id:
            found = _BY_ID(self.tree, name=name)
        else:
            if "classes" not in self._cache:
                self._cache["classes"] = [(el, el.get("class")) for el in _WITH_CLASS(self.tree)]
            found = [el for el, cls in self._cache["classes"] if name in cls and name in cls.split()]
        self._cache[key] = found
        return found

    def select(self, css: str) -> list:
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
