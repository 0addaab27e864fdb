"""Pictures a page draws only as CSS backgrounds of empty boxes its own <style> rules name by id.

A landing-page builder (LadiPage: `<div id="IMAGE223" class="ladi-element"><div class="ladi-image">
<div class="ladi-image-background"></div></div></div>`, the address in `#IMAGE223 > .ladi-image >
.ladi-image-background { background-image: url("...") }`) writes no <img> at all: the article's
photographs are in its stylesheet. Each such box is given the <img> a browser paints, so that the
picture finders read it where it stands, its caption after it, as any other.
"""
from __future__ import annotations

import re

import lxml.etree

_BRACE = re.compile(r"[{}]")
_ID_FIRST = re.compile(r"\s*#([\w-]+)")
_WITH_ID = lxml.etree.XPath("//*[@id]")
# a background picture's address in a declaration (a rule's, or an element's own style attribute)
BACKGROUND_URL = re.compile(r"background(?:-image)?\s*:[^;]*url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", re.I)


def backgrounds_by_id(tree) -> dict[str, str]:
    """{box id: picture address} of the rules naming a box by its id first and giving it (or an
    element inside it) a background picture; a wide screen's rule before a narrow one's (the
    builder's desktop rendition, `s1100x850`, not the phone's `s750x600`)."""
    wide: dict[str, str] = {}
    narrow: dict[str, str] = {}
    for style in tree.iter("style"):
        css = style.text or ""
        if "url(" not in css or "#" not in css:
            continue
        # (read brace by brace: a pattern of whole rules backtracked over a theme's inline CSS at
        # 150 ms a page)
        opened: list[tuple[str, bool]] = []  # (a rule's selector or "", whether in a narrow screen's block)
        start = 0
        for brace in _BRACE.finditer(css):
            chunk, start = css[start:brace.start()], brace.end()
            if brace.group() == "{":
                head = chunk.strip()
                in_narrow = any(n for _, n in opened)
                opened.append(("", in_narrow or "max-width" in head) if head.startswith("@") else (head, in_narrow))
                continue
            if not opened:
                continue
            selectors, in_narrow = opened.pop()
            if not selectors or "url(" not in chunk or (picture := BACKGROUND_URL.search(chunk)) is None:
                continue
            for selector in selectors.split(","):
                if (box := _ID_FIRST.match(selector)) is not None:
                    (narrow if in_narrow else wide).setdefault(box.group(1), picture.group(1).strip())
    return {**narrow, **wide}


def draw_css_pictures(tree) -> None:
    """Give each empty box a background rule paints an <img> of its picture (in its innermost
    element, where the picture is drawn)."""
    pictures = backgrounds_by_id(tree)
    if not pictures:
        return
    for box in [el for el in _WITH_ID(tree) if el.get("id") in pictures]:
        if box.find(".//img") is not None or "".join(box.itertext()).strip():
            continue
        inner = box
        while len(inner) and isinstance(inner[-1].tag, str):
            inner = inner[-1]
        img = inner.makeelement("img", {"src": pictures[box.get("id")]})
        inner.append(img)
