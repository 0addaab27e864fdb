"""Layout-independent location of an article's parts, for pages of no known family.

The body is the element whose paragraphs carry the most text with the fewest links (a text
density score in the manner of readability), nudged by class/id words; the title is the heading
that agrees with the page's og:title/<title>; dates and counters are looked for between the
title and the body, then just after the body, never in lists of other articles.
"""
from __future__ import annotations

import re

import lxml.etree

from scraper.extract.body import AUTHOR_NAMES, RELATED_HEADING, SOURCE_NAME, is_attachment_block
from scraper.extract.numbers import parse_view_count, view_label_alone
from scraper.extract.pager import ARROW_ICON
from scraper.extract.dates import find_dates
from scraper.extract.fields import AUTHOR_LABEL, BYLINE_LABEL
from scraper.extract.images import CAPTION_CLASS, IMAGE_FILE
from scraper.extract.text import ElementTexts, class_and_id, element_text, hidden_by_class, hidden_by_style, \
    reads_as_sentence, shows_text, unsearched

__all__ = ["CHROME_TAGS", "pruned", "link_density", "find_content_root", "find_content_roots", "find_lead",
           "opening_block_before", "find_breadcrumb", "find_author_element", "form_fields", "UNLIKELY", "LIKELY"]

# Compiled once: these run per element or per text piece.
# (and an abstract: Ametys's `p.content-abstract`; "standfirst", the press's word)
_LEAD_NAMES = re.compile(r"sapo|lead|summary|intro|desc|tom-?tat|chapeau|excerpt|teaser|hometext|trich-?dan|abstract|"
                         r"standfirst", re.I)
# "crumb" alone: WebSphere Portal's wpthemeCrumbTrail; "đường dẫn" (path) in an aria-label
_CRUMB_NAMES = re.compile(r"crumb|duong-?dan|đường dẫn|path-?way|pathway|navigation-path", re.I)

LIKELY = re.compile(r"article|content|entry|body|detail|post|story|main|text|noi-?dung|chi-?tiet|news-?content|"
                    r"bai-?viet|journal|rte|field-item|itemFullText|maincontent", re.I)
UNLIKELY = re.compile(r"comment|binh-?luan|meta|footer|footnote|sidebar|side|widget|related|lien-?quan|share|social|"
                      r"menu|nav|banner|advert|sponsor|popup|modal|tags?\b|tool|other|same|list|col-?left|col-?right|"
                      r"module|thong-?ke|counter|header|breadcrumb|pagination|pager|masthead|promo|newsletter|"
                      r"subscribe|cookie|login|search|slider|marquee|ticker|hotline|lien-?ket|link|copyright|"
                      r"popular|most|xem-?nhieu|tin-?moi|latest|trending|recommend|outbrain|taboola|disqus|teaser", re.I)
# Class/id words (whole hyphen/underscore-separated parts) of subtrees never searched for the body;
# weaker words (UNLIKELY) only lower a candidate's score.
_PRUNE_PARTS = frozenset("comment comments commentlist binhluan footer menu breadcrumb breadcrumbs share sharing "
                         "social cookie cookies popup modal overlay related lienquan advert advertisement banner".split())
_PART_SPLIT = re.compile(r"[\s_-]+")


def pruned(names: str) -> bool:
    return any(part.lower() in _PRUNE_PARTS for part in _PART_SPLIT.split(names))


# (figures and their captions are searched: a photo story's text is in them)
_SKIP_TAGS = frozenset(["script", "style", "noscript", "select", "button", "iframe", "textarea", "template", "svg",
                        "label"])
# Page chrome by its tag (or its class words, _PRUNE_PARTS), unless it holds most of the page's text:
# a <header> or menu never closed (libxml2 then puts the rest of the page inside it) held the
# article on 6 of 517 web-eval pages.
CHROME_TAGS = frozenset(["nav", "footer", "aside", "header"])  # the page's landmarks of chrome
_PARA_TAGS = frozenset(["p", "pre", "td", "blockquote", "div", "section", "article", "dd", "li", "font", "span",
                        "figcaption"])
_BLOCKISH = frozenset(["p", "div", "table", "ul", "ol", "section", "article", "blockquote", "h1", "h2", "h3", "h4",
                       "h5", "h6", "pre", "dl", "figure", "form", "header", "footer", "aside", "nav", "main"])


def _hidden(el) -> bool:
    """Hidden from readers: schema.org copies, screen-reader text, collapsed templates."""
    return hidden_by_style(el.get("style")) or el.get("hidden") is not None or hidden_by_class(el.get("class"))


def _class_weight(el, common=frozenset()) -> float:
    names = class_and_id(el)
    weight = 0.0
    if el.get("itemprop") in ("articleBody", "text") or el.get("property") == "articleBody":
        weight += 40  # schema.org microdata names the body outright
    if not names or (el.get("class") in common and not el.get("id")):
        return weight
    if LIKELY.search(names):
        weight += 25
    if UNLIKELY.search(names):
        weight -= 25
    return weight


def link_density(el, text_len: int, texts=element_text) -> float:
    """The share of the element's text (`text_len` long) that its links' text is; 1.0 with no text."""
    if not text_len:
        return 1.0
    links = sum(len(texts(a)) for a in el.iter("a"))
    return min(1.0, links / text_len)


def _direct_text_len(el, texts=element_text) -> int:
    """Text written in the element itself or its inline children (not in nested blocks)."""
    total = len((el.text or "").strip())
    for child in el:
        # (a custom element, a web component's tag, is a box of its own: Brightspot's `ps-actionbar`
        # of share links in its `article` around the text made it score as a paragraph)
        if isinstance(child.tag, str) and child.tag not in _BLOCKISH and "-" not in child.tag:
            total += len(texts(child))
        total += len((child.tail or "").strip())
    return total


def find_content_root(tree, title_el=None, texts: ElementTexts | None = None):
    """The element that holds the article's paragraphs, or None.

    `texts`: an ElementTexts of this tree to share with later readers (the tree must not change
    while it is in use).
    """
    found = _best_root(tree, texts if texts is not None else ElementTexts(), title_el)
    if not found:
        return None
    return found[2][0].getparent() if found[2] else found[0]


def find_content_roots(tree, title_el=None, texts: ElementTexts | None = None) -> list:
    """The element that holds the article's paragraphs, with its siblings that continue the text.

    Articles written as several blocks side by side (page-builder sections, one box per
    paragraph group, a table row per part) put the text in siblings of the best-scoring block:
    the run of siblings from the first to the last that carries prose of its own is taken,
    stopping at a related-articles heading and skipping chrome between them. Picking one block
    lost text on 19 of 517 web-eval pages.
    """
    texts = texts if texts is not None else ElementTexts()
    found = _best_root(tree, texts, title_el)
    if not found:
        return []
    best, scores, span = found
    if span:
        return span
    best = _widen(best, texts, title_el)
    own = scores.get(best, 0.0)
    run = _sibling_run(best, scores, own, False, texts, title_el)
    # A run that is all its parent holds of text may go on in the parent's siblings: a page
    # builder's rows (WPBakery's vc_row > vc_column > vc_column-inner > wpb_wrapper, the text in
    # several rows, a separator row between them). Taken only where they add prose.
    for _ in range(3):
        parent = run[0].getparent()
        if parent is None or best.tag in ("tr", "td", "li") or any(
                isinstance(c.tag, str) and c not in run and texts(c) for c in parent):
            break
        up = _out_of_wrappers(parent, texts, title_el)
        if up.tag in ("html", "body", "article") or up.get("itemprop") == "articleBody":
            break  # the page says this is the whole article
        wider = _sibling_run(up, scores, own, True, texts)
        if len(wider) == 1:
            break
        run, best = wider, up
    return run


# a block holding the title and so much text holds the article too (a page whose best-scored block is
# the related posts after it: article-extraction-benchmark's b3c19dd5f061), not only its header
_TITLE_BLOCK_CHARS = 400


def _opening_block(el, best, texts) -> bool:
    """Whether `el`, the block right before the text's block `best`, is the text's opening: a block
    of the same kind with a paragraph of its own, the lead (Zikula's `#message-display-start`); not a
    picture's caption field there (Drupal's `field--name-field-chu-thich-anh` before the body's)."""
    return el.tag == best.tag and not CAPTION_CLASS.search(class_and_id(el)) and (
        _direct_text_len(el, texts) >= 80 or any(len(texts(p)) >= 80 for p in el.iterchildren("p")))


def opening_block_before(root, texts=element_text):
    """The opening block right before a text's block chosen by a selector (a family's or a learned
    profile's, which name the text's block alone), or None."""
    before = root.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    if before is None or _hidden(before) or unsearched(before) or _chrome(before) \
            or link_density(before, len(texts(before)), texts) > 0.25 or _stops(before, texts) or _heads(before, texts):
        return None  # (nor the date line, as a run of the text's blocks stops there: RedDot's `div.thongtin_tin`)
    return before if _opening_block(before, root, texts) else None


def _sibling_run(best, scores, own: float, wrapped: bool, texts, title_el=None) -> list:
    """The block with the run of its siblings, from the first to the last that carries prose,
    chrome between them left out; not back past the block holding the title (SPIP's `div.cartouche`:
    the headline, its subtitle and date line, then the share tools, then `div.chapo` and `div.texte`)."""
    holds_title = set(title_el.iterancestors()) | {title_el} if title_el is not None else set()
    best_holder = None  # (the element of `best` holding its prose: found once, where a sibling asks)
    parent = best.getparent()
    if parent is None or best.tag in ("tr", "td", "li"):
        return [best]
    siblings = [el for el in parent if isinstance(el.tag, str)]
    index = siblings.index(best)
    title_sibling = any(s in holds_title for s in siblings[:index])

    def chrome(el) -> bool:
        # (a name the block itself bears marks no chrome: Divi's `et_pb_module` text modules, each
        # "module" to the unlikely-names test)
        return _chrome(el) and not (_alike(el, [best]) and _chrome(best))

    def prose(el, before: bool = False) -> bool:
        if el.tag in _SKIP_TAGS or _hidden(el) or chrome(el):
            return False
        length = len(texts(el))
        if length < 80 or link_density(el, length, texts) > 0.25:
            return False
        if wrapped:  # a builder's rows: built alike, their paragraphs' scores deeper down
            return _alike(el, [best]) and max((scores.get(d, 0.0) for d in el.iter()), default=0.0) >= 0.2 * own
        # (or the same kind of block as it, its prose a level down: Pimcore's areabricks, each paragraph
        # group a `div.pimcore_area_wysiwyg > section`, a picture's brick between them; not another
        # widget of a page builder's, Elementor's posts grid beside its text editor)
        if scores.get(el, 0.0) >= 0.2 * own or (el.tag in ("p", "blockquote", "pre") and length >= 80):
            return True
        if el.getnext() is best and _opening_block(el, best, texts):
            return True
        if before and title_sibling and _wrapped_prose(el, scores, own, texts) and _in_series(el):
            return True  # (between the title's block and the text's, inside the article's container)
        if el.tag != best.tag or el.get("class") != best.get("class"):
            return False
        nonlocal best_holder
        best_holder = best_holder if best_holder is not None else _prose_holder(best, scores)[0]
        holder, score = _prose_holder(el, scores)
        return score >= 0.2 * own and holder is not None and _same_place(holder, el, best_holder, best)

    first = last = index
    for i in range(index - 1, -1, -1):
        # before the block: the date line ends the run (the date is read from outside the body)
        if _stops(siblings[i], texts) or _heads(siblings[i], texts) or (
                siblings[i] in holds_title and len(texts(siblings[i])) < _TITLE_BLOCK_CHARS):
            break
        if prose(siblings[i], before=True):
            first = i
    for i in range(index + 1, len(siblings)):
        if _stops(siblings[i], texts):
            break
        if prose(siblings[i]):
            last = i
    if not wrapped:
        last = _closing_block(siblings, last, best, texts)
    return [el for el in siblings[first:last + 1]
            if el is best or not (el.tag in _SKIP_TAGS or _hidden(el) or chrome(el) and not _picture_block(el, texts))]


# Names that make a block with a picture an advertisement or a share bar, whatever else it holds.
_NOT_PICTURE_NAMES = re.compile(r"banner|advert|\bads?\b|sponsor|promo|share|social|logo|teaser|related", re.I)


def _picture_block(el, texts) -> bool:
    """A picture and at most a caption between two blocks of the text: the article's, whatever its
    builder's styling flags are named (Enfold's `avia-image-container av-overlay-hover-deactivate`:
    "overlay" names a pop-up as often)."""
    if el.find(".//img") is None or len(texts(el)) > 300 or _NOT_PICTURE_NAMES.search(class_and_id(el)):
        return False
    # (not a picture linking to another page: another article's teaser)
    return not any(a.get("href") and not IMAGE_FILE.search(a.get("href")) for a in el.iter("a"))


def _out_of_wrappers(best, texts, title_el=None):
    """The outermost of the wrappers holding the block and nothing else of text."""
    node = best
    for _ in range(4):
        parent = node.getparent()
        if parent is None or parent.tag in ("html", "body") or node.tag == "article" \
                or node.get("itemprop") == "articleBody" or _hidden(parent):
            break
        if title_el is not None and any(a is parent for a in title_el.iterancestors()):
            break
        if any(c is not node and isinstance(c.tag, str) and texts(c) for c in parent):
            break
        node = parent
    return node


def _link_len(el, texts) -> int:
    return sum(len(texts(a)) for a in el.iter("a"))


def _widen(best, texts, title_el=None):
    """The best block's ancestors while what they add is prose (few links, no more than the block):
    the subheadings or closing paragraphs kept beside the main text block. Never up to the title's
    own container: between title and body are the date and the counter (and find_lead's sapo)."""
    node, inner, inner_links = best, len(texts(best)), None
    for _ in range(3):
        parent = node.getparent()
        if parent is None or parent.tag in ("html", "body") or _hidden(parent):
            break
        if title_el is not None and any(a is parent for a in title_el.iterancestors()) and not any(
                a is node for a in title_el.iterancestors()):
            break
        if node.tag == "article" or node.get("itemprop") == "articleBody" or _repeated(node, parent):
            break  # the page says this is the article, or it is one of a list of posts
        if any(isinstance(c.tag, str) and _meta_line(texts(c)) for c in parent if c is not node):
            break  # a date, byline or counter line beside the block is metadata, read from outside the body
        extra = len(texts(parent)) - inner
        if extra > 0:
            if inner_links is None:
                inner_links = _link_len(node, texts)
            extra_links = _link_len(parent, texts) - inner_links
            # (measured on web-eval: links at most 20% of the added text, 0.3 leaked more chrome)
            if extra > inner or extra_links > 0.2 * extra:
                break
            inner_links += extra_links
        node, inner = parent, inner + max(extra, 0)
    return node


def _repeated(node, parent) -> bool:
    """Whether the parent holds another child like node (same tag and class): a list of posts."""
    cls = node.get("class")
    return any(c is not node and c.tag == node.tag and c.get("class") == cls for c in parent)


def _chrome(el) -> bool:
    names = class_and_id(el)
    return el.tag in CHROME_TAGS or bool(names) and (pruned(names) or bool(UNLIKELY.search(names)))


def _meta_line(text: str) -> bool:
    """A short line with a date, a view count or a byline: the article's metadata."""
    if not text or len(text) > 200:
        return False
    return bool(find_dates(text)) or parse_view_count(text) is not None or bool(AUTHOR_LABEL.match(text)) \
        or bool(BYLINE_LABEL.match(text))


def _heads(el, texts) -> bool:
    """A short text with a date: the article's date line (read from outside the body); not a
    sentence of the text speaking of days (Pimcore's lead brick "Chiều 07/3, Hội ... kỷ niệm 113
    năm Ngày Quốc tế Phụ nữ 8/3 (08/3/1910 - 08/3/2023) ...": forty words)."""
    text = texts(el)
    return len(text) < 300 and not reads_as_sentence(text) and bool(find_dates(text))


def _stops(el, texts) -> bool:
    """A sibling that ends the article: a related-articles or comments heading."""
    return bool(RELATED_HEADING.match(texts(el)[:60]))


# The imprint every Vietnamese e-information site must print on its pages (its owner, the person
# answerable, its licence, where to reach it, "name us as the source"), in a footer box no name may
# mark as one (an Adobe Muse export's `div#u901-24`): six lines of it, commas in each, outscored the
# one long paragraph of a short article.
_COLOPHON = re.compile(r"\s*(?:cơ quan chủ quản|(?:người )?chịu trách nhiệm(?: chính| nội dung| xuất bản)?\s*[:：]|"
                       r"giấy phép(?: số| thiết lập| xuất bản)?\b.{0,40}\b(?:cấp|do)\b|ghi rõ nguồn|"
                       r"(?:địa chỉ|điện thoại|đt|fax|e-?mail)\s*[:：])", re.I)


def _best_root(tree, texts, title_el=None):
    """(best element, paragraph scores of every element) or None."""
    body = tree.find("body")
    if body is None:
        body = tree
    scores: dict = {}
    stack = [body]
    page_len = None
    while stack:
        el = stack.pop()
        for child in el:
            if not isinstance(child.tag, str) or child.tag in _SKIP_TAGS:
                continue
            if _hidden(child):
                continue
            names = class_and_id(child)
            if child.tag in CHROME_TAGS or (names and pruned(names) and not LIKELY.search(names)
                                             and child.tag not in ("body", "main")):
                if page_len is None:
                    page_len = len(texts(body))
                if len(texts(child)) < 0.5 * page_len:
                    continue
            stack.append(child)
            if child.tag not in _PARA_TAGS:
                continue
            length = _direct_text_len(child, texts)
            if length < 25:
                continue
            if child.tag in ("li", "span", "font", "td") and length < 80:
                continue
            text = texts(child)
            if _COLOPHON.match(text):
                continue  # (a line of the site's imprint, no article's paragraph)
            score = 1 + text.count(",") + text.count("،") + min(len(text) / 100, 3)
            parent = child.getparent()
            level = 0
            while parent is not None and level < 3:
                scores[parent] = scores.get(parent, 0.0) + score / (1, 2, 3)[level]
                parent = parent.getparent()
                level += 1
    if not scores:
        return None
    teasers = _teaser_items(body, texts)
    common = _common_classes(body)
    best, best_score = None, 0.0
    finals = []
    for el, score in scores.items():
        if el.tag in ("html", "body"):
            continue
        if teasers and _in_teaser(el, teasers):
            continue
        text_len = len(texts(el))
        weight = _class_weight(el, common)
        if weight > 0 and text_len < _SHORT:
            weight *= text_len / _SHORT  # a class word does not make a line of text an article
        final = (score + weight) * (1 - link_density(el, text_len, texts))
        finals.append((final, el))
        if final > best_score:
            best, best_score = el, final
    if best is None:
        return None
    inner = _text_block_inside(best, scores, texts, title_el)
    scores.setdefault(inner, scores[best])  # (a block of text with no paragraphs of its own: scored as `best` was)
    weighed = inner is best  # (a block found by its own paragraphs inside one found by its name is not a name's)
    best, best_score = _titled_item(inner, best_score, finals, title_el)
    span = _split_article(best, best_score, finals, texts)
    if span and title_el is not None and sum(1 for el in span if _holds_title_like(el, title_el)) >= 2:
        span = []  # blocks that each carry a title like the page's are posts, not one article's parts
    if span:
        return best, scores, span
    # A box inside the article that names itself "text" or "content" (an image's caption wrapper, a
    # teaser) can outscore the article by its class words alone: an ancestor near it whose own
    # paragraphs score far more, with few links, is the article.
    table = _table_in_article(best, texts)
    if table is not None:
        return table, scores, None
    own = scores[best]
    for level, anc in enumerate(best.iterancestors() if weighed else ()):
        if level >= 3 or anc.tag in ("html", "body"):
            break
        if scores.get(anc, 0.0) > 2 * own and link_density(anc, len(texts(anc)), texts) < 0.3:
            return anc, scores, None
    return best, scores, None




def _teaser_items(body, texts) -> set:
    """Boxes of a list of other articles: a heading that is a link, with a short excerpt, in a box
    repeated (same tag and class) at least three times beside it. Their excerpts are not the
    article, however well they score by class words ("post__excerpt") or commas: a lexicon
    entry's related-posts grid was taken for the body on web-eval."""
    items: set = set()
    for heading in body.iter("h2", "h3", "h4", "h5"):
        if heading.find(".//a[@href]") is None:
            continue
        text = texts(heading)
        if not text or _link_len(heading, texts) < 0.8 * len(text):
            continue
        node = heading.getparent()
        for _ in range(4):
            if node is None or node.tag in ("body", "html"):
                break
            parent = node.getparent()
            if parent is None:
                break
            if node in items:
                break
            cls = _first_class(node)  # (WordPress adds each post's own id to its class list)
            if (cls or node.tag in ("article", "li")) and sum(
                    1 for c in parent if c.tag == node.tag and _first_class(c) == cls) >= 3:
                if len(texts(node)) - len(text) < _TEASER_TEXT:
                    items.add(node)
                break
            node = parent
    return items


# (an excerpt is a few lines: 2-3 sentences cut at ~150-300 characters)
_TEASER_TEXT = 500


def _in_teaser(el, teasers: set) -> bool:
    if el in teasers:
        return True
    for level, anc in enumerate(el.iterancestors()):
        if anc in teasers:
            return True
        if level >= 5:
            return False
    return False


_CLASSES = lxml.etree.XPath(".//@class", smart_strings=False)
# A class a page gives this many boxes is a page builder's name for any box ("elementor-widget-
# container", "wp-block-group"): its words ('widget', 'content') say nothing about the box.
_COMMON = 12


def _common_classes(body) -> frozenset:
    counts: dict = {}
    for value in _CLASSES(body):
        counts[value] = counts.get(value, 0) + 1
    return frozenset(v for v, n in counts.items() if n >= _COMMON)


def _holds_title_like(el, title_el) -> bool:
    """Whether el holds a heading made like the page's title: its tag and class, and either an h1
    or a class (an unnamed h2 is any section's heading)."""
    cls = title_el.get("class")
    if not cls and title_el.tag != "h1":
        return False
    return any(h.get("class") == cls for h in el.iter(title_el.tag))


def _text_block_inside(best, scores, texts, title_el=None):
    """The block inside `best` that holds nearly all its text and scores far more by its own
    paragraphs, where `best` won by its class word: Joomla 1.0's article table,
    `table.contentpaneopen` ("content"), around the text's cell and the rows of its date, byline
    and category (the table taken, its date row was read as the text's first line)."""
    own = scores[best]
    inner = max(best.iterdescendants(), key=lambda el: scores.get(el, 0.0), default=None)
    if inner is None or scores.get(inner, 0.0) <= 2 * own or len(texts(inner)) < 0.8 * len(texts(best)):
        # or the text written straight into one block, lines parted by <br> and no <p>, after the
        # title (Nucleus's `div.contentbody` after the title, category and date line in `div.content`):
        # a block scored as one paragraph of its parent, holding nearly all the text
        if title_el is None or not any(a is best for a in title_el.iterancestors()):
            return best
        whole = len(texts(best))
        block = next((c for c in best if isinstance(c.tag, str) and c.tag in ("div", "td", "section")
                      and _direct_text_len(c, texts) >= 0.6 * whole and len(texts(c)) >= 0.8 * whole), None)
        return best if block is None or any(a is block for a in title_el.iterancestors()) else block
    return inner


def _titled_item(best, best_score: float, finals: list, title_el):
    """The page's own article where it is one of several posts in a row (an endless-scroll page
    appends the next articles as siblings of its own, same tag and class): the best block of the
    post that holds the page's title, when the best-scoring block is in another one. Two
    web-eval news pages gave a later article's text for the page's."""
    if title_el is None or any(a is best for a in title_el.iterancestors()):
        return best, best_score
    chain = [best, *best.iterancestors()]
    title_chain = {title_el, *title_el.iterancestors()}
    for i, anc in enumerate(chain[1:], 1):
        if anc in title_chain:
            break
    else:
        return best, best_score
    own = chain[i - 1]  # the child of the common ancestor that holds the best block
    if anc.tag in ("html", "body") or own is best:
        return best, best_score
    other = next((c for c in anc if c in title_chain), None)
    if other is None or other.tag != own.tag or _first_class(other) != _first_class(own) or not _first_class(own) \
            and own.tag != "article":
        return best, best_score
    if not any(True for _ in own.iter(title_el.tag)):
        return best, best_score  # not a post of its own (a page builder's sections are all alike)
    inside = [(f, el) for f, el in finals if el is other or any(a is other for a in el.iterancestors())]
    if not inside:
        return best, best_score
    final, el = max(inside, key=lambda x: x[0])
    if final < 0.5 * best_score:
        return best, best_score  # the titled post has no text of its own to speak of
    return el, final


_TABLE_PARTS = frozenset(["table", "thead", "tbody", "tfoot", "tr", "td", "th"])


def _table_in_article(best, texts):
    """A table (of names, of figures: commas score) inside an article whose paragraphs stand
    beside it: the block holding table and paragraphs is the article."""
    if best.tag not in _TABLE_PARTS:
        return None
    holder = next((a for a in best.iterancestors() if a.tag not in _TABLE_PARTS), None)
    if holder is None or holder.tag in ("html", "body"):
        return None
    prose = sum(len(texts(p)) for p in holder if p.tag == "p" and len(texts(p)) >= 80)
    if prose < 0.3 * len(texts(holder)) or link_density(holder, len(texts(holder)), texts) > 0.3:
        return None
    return holder


def _split_article(best, best_score: float, finals: list, texts) -> list:
    """One article cut into boxes (a page builder's text widgets, a CMS's content frames): where
    several other blocks score nearly as well as the best and share an ancestor with it, the
    children of that ancestor from the first such block to the last (chrome between left out)."""
    near = [el for final, el in sorted(finals, key=lambda x: -x[0])[:_TOP]
            if el is not best and final >= _NEARLY * best_score]
    chains = []
    best_chain = set(best.iterancestors())
    for el in near:
        ancestors = list(el.iterancestors())
        if best in ancestors or el in best_chain:
            continue  # nested in the best block or holding it: the same block
        if any(_aside(a) for a in (el, *ancestors) if a.tag not in ("html", "body")):
            continue  # a box of a sidebar or a widget, not the article's
        chains.append([el, *ancestors])
    if len(chains) < _ALTERNATIVES:
        return []
    child = best
    for anc in best.iterancestors():
        if anc.tag in ("html", "body"):
            return []
        inside = [c for c in chains if anc in c]
        if len(inside) >= _ALTERNATIVES:
            if link_density(anc, len(texts(anc)), texts) > 0.3:
                return []
            kids = [k for k in anc if isinstance(k.tag, str)]
            at = [kids.index(c[c.index(anc) - 1]) for c in inside] + [kids.index(child)]
            first, last = min(at), max(at)
            lowest, highest = first, last
            while first > 0 and _alike(kids[first - 1], kids[first:last + 1]):
                first -= 1
            while last + 1 < len(kids) and _alike(kids[last + 1], kids[first:last + 1]):
                last += 1
            # (built alike, but at the edges a box of the date line or of share links is no part of
            # the text: Google Sites' text boxes, "Thứ Tư, 28/12/2022 - 15:20" above it, "Chia sẻ:
            # Facebook | Zalo" under it)
            last = next((i - 1 for i in range(first, last + 1) if _stops(kids[i], texts)), last)
            while first < lowest and _meta_box(kids[first], texts):
                first += 1
            while last > highest and _meta_box(kids[last], texts):
                last -= 1
            holding = {kids[i] for i in at}
            out = []
            for k in kids[first:last + 1]:
                if _stops(k, texts):
                    break
                if k not in holding and (k.tag in _SKIP_TAGS or _hidden(k) or _chrome(k) and not _picture_block(k, texts)):
                    continue
                out.append(k)
            return out
        child = anc
    return []


def _meta_box(el, texts) -> bool:
    """A box of the article's metadata line alone (its date, byline or counter) or of a line mostly
    links, or a counter's label alone, its number a picture (Webnode's HTML block "Lượt xem:" and a
    hit counter's `<img>`)."""
    text = texts(el)
    return 0 < len(text) <= 100 and (_meta_line(text) or link_density(el, len(text), texts) >= 0.5
                                     or view_label_alone(text))


_TOP, _NEARLY, _ALTERNATIVES = 5, 0.75, 2
_SHORT = 200


_ASIDE_NAMES = re.compile(r"sidebar|widget|trending|popular|top-?ten|most|col-?right|col-?left|aside", re.I)


def _aside(el) -> bool:
    """A sidebar, widget or page chrome by tag or by strong class words (weaker words such as
    'module' or 'list' name the article's own boxes on page builders)."""
    if el.tag in CHROME_TAGS or _hidden(el):
        return True
    names = class_and_id(el)
    return bool(names) and (pruned(names) or bool(_ASIDE_NAMES.search(names)))


def _first_class(el) -> str:
    return (el.get("class") or "").split(" ", 1)[0]


def _closing_block(siblings: list, last: int, best, texts) -> int:
    """The index of the run's last block, taking in the closing line in a block of its own built
    like the text's, past a picture's block (Pimcore's last wysiwyg brick `<p style="text-align:right">
    <strong>Thu Hà</strong></p>`); not a field's label and value in a box of its own (Orchard's
    `div.field` "Tác giả: Ngọc Hân")."""
    # (and a picture's block built like the text's after it: Drupal's paragraphs, the story's last
    # photo in a `field__item` of its own, no caption, after the last one of text)
    while last + 1 < len(siblings) and _picture_block(siblings[last + 1], texts) and not texts(siblings[last + 1]) \
            and _alike(siblings[last + 1], [best]):
        last += 1  # (a picture alone: one with words beside it may be a file's box, "jpeg (213 kB)")
    # (or past the article's file in a box of its own: Jimdo's `j-downloadDocument` module before the
    # author's `j-text` module)
    after = next((el for el in siblings[last + 1:last + 3]
                  if not (_picture_block(el, texts) or is_attachment_block(el))), None)
    if after is None or not _alike(after, [best]):
        return last
    closing = texts(after)
    if 0 < len(closing) <= 90 and ":" not in closing and not _heads(after, texts) \
            and link_density(after, len(closing), texts) == 0:
        return siblings.index(after)
    return last


def _prose_holder(el, scores) -> tuple:
    """(the element under `el` whose paragraphs score highest, its score)."""
    best, top = None, 0.0
    for d in el.iter():
        if scores.get(d, 0.0) > top:
            best, top = d, scores[d]
    return best, top


def _wrapped_prose(el, scores, own: float, texts) -> bool:
    """A block before the text's that is its paragraphs in wrappers and nothing else (TYPO3 news'
    content elements, each text in `div.frame > ... > div.frame-inner`, ahead of its bodytext)."""
    holder, score = _prose_holder(el, scores)
    return holder is not None and score >= 0.2 * own and len(texts(holder)) == len(texts(el))


def _in_series(el) -> bool:
    """Built like the block before or after it (same tag, same first class word): one of a builder's
    series of content elements."""
    near = (next((s for s in el.itersiblings(preceding=preceding) if isinstance(s.tag, str)), None)
            for preceding in (True, False))
    return any(n is not None and _alike(el, [n]) for n in near)


def _same_place(holder, el, other, other_el) -> bool:
    """Whether `holder` sits in `el` as `other` sits in `other_el`: the same tags and classes down."""
    if other is None:
        return False
    a, b = holder, other
    while a is not el and b is not other_el:
        if a is None or b is None or a.tag != b.tag or a.get("class") != b.get("class"):
            return False
        a, b = a.getparent(), b.getparent()
    return a is el and b is other_el


def _alike(el, run) -> bool:
    """Built like a block of the run (same tag, same first class word): the article's next box."""
    return any(el.tag == k.tag and _first_class(el) == _first_class(k) for k in run)


def _following(el):
    """The elements after `el` in document order, its own subtree left out (a walk from the title
    on, where one from the page's start passed every menu above it: ~4% of a portal page's time)."""
    node = el
    while node is not None:
        for sibling in node.itersiblings():
            yield sibling
            yield from sibling.iterdescendants()
        node = node.getparent()


# (and a layout table's own cell: a Struts portal's `<td class="tomtat_chitiet">` in the row above the text's)
_LEAD_TAGS = frozenset(["div", "p", "h2", "strong", "b", "section", "span", "td"])


def find_lead(title_el, content_root, description: str | None, texts=element_text):
    """A lead (sapo) written between the title and the body, outside the body element."""
    if title_el is None or content_root is None:
        return None
    if any(a is content_root for a in title_el.iterancestors()):
        # a text's element holding the title has nothing between them: what follows it is the page's,
        # a sidebar's teaser no lead (CivicPlus's `div.widgetDesc` after the item's `div.single`)
        return _subtitle(title_el, content_root, texts)
    ours = None  # the title's and the body's ancestors: an <article> among neither is another item's card
    root_line = None  # the body's ancestors
    for el in _following(title_el):
        if el is content_root:
            break
        if not isinstance(el.tag, str) or el.tag not in _LEAD_TAGS:
            continue
        if root_line is None:
            root_line = set(content_root.iterancestors())
        if el in root_line:
            continue  # a wrapper of the body: its text (the whole body's) is not made for the test below
        text = texts(el)
        if len(text) < 40 or len(text) > 1000:
            continue
        if any(a is content_root for a in el.iterancestors()):
            continue
        if ours is None:
            ours = {*title_el.iterancestors(), content_root, *content_root.iterancestors()}
        if any(a.tag == "article" and a not in ours for a in el.iterancestors()):
            continue  # a teaser in another item's card (a list of issues set between title and body)
        if any(a.tag == "a" and (a.get("href") or "").strip() for a in el.iterancestors()):
            continue  # a link's card to another post (BeTheme's `a.fixed-nav` to the previous one, its `span.desc`)
        if _author_named(el):
            continue  # the author's card, named an "intro" (Docusaurus's `div.avatar__intro[itemprop=author]`)
        if parse_view_count(text) is not None and not reads_as_sentence(text):
            continue  # the post's details line, named an "intro" too (Gridbox's `div.intro-post-info`: the
            # account, the day, the category, "0 Bình luận", "312 Lượt xem"); a lead opening with its
            # day stays ("Sáng 11/12/2018, Trường THCS ...")
        if _LEAD_NAMES.search(class_and_id(el)) or (
                description and text[:60].lower() == description[:60].lower()):
            return _innermost(el, texts)
    return _subtitle(title_el, content_root, texts)


def _innermost(el, texts):
    """The lead's own element inside a wrapper that opens with it (NukeViet's hometext beside its
    picture: the wrapper's text ends with the picture's caption)."""
    for _ in range(4):
        head = texts(el)[:60]
        child = next((c for c in el if isinstance(c.tag, str) and c.tag != "figure" and texts(c)[:60] == head), None)
        if child is None or len(texts(child)) < 40 or any(
                c is not child and isinstance(c.tag, str) and texts(c) and c.find(".//img") is None for c in el):
            return el  # (a wrapper of several paragraphs is the lead as a whole)
        el = child
    return el


def _subtitle(title_el, content_root, texts):
    """The sentence set right under the title as a heading or paragraph of its own (a standfirst,
    whatever it is named): the article's opening summary. Lost on 4 web-eval pages."""
    node = title_el
    for _ in range(3):
        nxt = node.getnext()
        while nxt is not None and (not isinstance(nxt.tag, str) or not shows_text(nxt)):
            nxt = nxt.getnext()
        if nxt is not None:
            break
        node = node.getparent()
        if node is None or node is content_root or any(a is node for a in content_root.iterancestors()):
            return None
    else:
        return None
    if nxt is None or nxt.tag not in ("h2", "h3", "h4", "p") or nxt is content_root:
        return None
    if any(a is nxt for a in content_root.iterancestors()) or any(a is content_root for a in nxt.iterancestors()):
        return None
    text = texts(nxt)
    # (a sentence speaking of a year is no date line: Foxiz's `h2.s-tagline` "Năm 2023 và 9 tháng năm 2024, ...")
    if not (_SUBTITLE_MIN <= len(text) <= 600) or text.count(" ") < 8 or _BY.match(text) \
            or _meta_line(text) and not reads_as_sentence(text):
        return None
    if _link_len(nxt, texts) > 0.2 * len(text):
        return None
    return nxt


# (a heading of the article's sections is a few words; a standfirst is a sentence or two)
_SUBTITLE_MIN = 60
_BY = re.compile(r"(by|von|par|por|di|door|bởi)\s", re.I)  # a byline line ("By Ela on 31. October, 2023 | 18 Comments")


# Only an element with one of these attributes can name itself a breadcrumb: libxml2 finds them
# (in page order) without a Python step per element of the page.
_CRUMB_ATTRS = lxml.etree.XPath(".//@class|.//@id|.//@aria-label|.//@itemtype")


def find_breadcrumb(tree):
    # No word of the pattern holds a space, so it matches the names joined by spaces exactly
    # when it matches one of them: each attribute is tested alone, no string built per element.
    for el in dict.fromkeys(value.getparent() for value in _CRUMB_ATTRS(tree) if _CRUMB_NAMES.search(value)):
        if len(element_text(el)) < 400:
            return el
    return _crumb_by_text(tree)


# A trail named by nothing but its text: "Trang chủ > Tin tức > Tin huyện" in a table cell of an old
# portal. The home link's text is found by XPath (no text built per element), then its line.
# (SPIP's Vietnamese pack names the home page "Trang nhà": `p.arbo` "Trang nhà > Tin tức - Sự kiện > ...")
_TRAIL_HOMES = ("Trang chủ", "Trang chính", "Trang nhà", "Home")
_HOME_TEXTS = lxml.etree.XPath("//body//a[" + " or ".join(f"normalize-space(.)='{h}'" for h in _TRAIL_HOMES) + "]")
# ("|" parts a menu; "/" a trail too: eZ Publish's `#path` "Trang chủ / Tin tức - Sự kiện / Thông báo")
# (after the trail's own label: DedeCMS's "Vị trí hiện tại: Trang chủ > Tin tức - Sự kiện >")
# (or after the site's name as the trail's first step: Discuz!'s "Cổng TTĐT huyện Đà Bắc › Trang chủ › ...")
_TRAIL = re.compile(r"^([^:>»›]{2,40}(?::|\s[>»›])\s*)?(" + "|".join(h.lower() for h in _TRAIL_HOMES) + r")\s*[>»›→/]\s*\S", re.I)


def _crumb_by_text(tree):
    for a in _HOME_TEXTS(tree):
        node = a.getparent()
        for _ in range(3):
            if node is None:
                break
            text = element_text(node)
            if len(text) > 200:
                break
            if _TRAIL.match(text) or (node is a.getparent() and _parted_by_icon(a)):
                return node
            node = node.getparent()
    return None


def _parted_by_icon(a) -> bool:
    """The home link followed by an arrow drawn by an icon, not a character: eXo's `<a>Trang chủ</a>
    <i class="uiIconMiniArrowRight"></i>` in `div.UIBreadcumbs` (so spelt by the platform)."""
    icon = a.getnext()
    return icon is not None and icon.tag in ("i", "span", "img", "svg") and not len(icon) \
        and not (icon.text or "").strip() and bool(_ARROW.search(icon.get("class") or icon.get("src") or ""))


_ARROW = re.compile(ARROW_ICON, re.I)


# A list item's display form (SharePoint's DispForm.aspx): each field a row, its name in one cell and
# its value in the next. The names are found among the text nodes (small), never by a cell's text.
_FORM_FIELDS = {"tiêu đề": "title", "title": "title", "tác giả": "author", "author": "author",
                "chuyên mục": "category", "danh mục": "category", "category": "category"}
_FORM_NAMES = lxml.etree.XPath("//td//text()[" + " or ".join(
    f"normalize-space(.)='{name}'" for label in _FORM_FIELDS for name in (label, label.capitalize())) + "]")


# the same names as a property row's first part, its value the second (Notion's page properties as
# Super.so renders them: `div.notion-page__property > div.name-wrapper (icon, "Tác giả") + p.notion-property`)
# (read by its length first, then named in Python, and only where the container names neither field
# otherwise: 22M of the 1,270M instructions a pass over the 36 sample pages takes, callgrind)
_ROW_NAMES = lxml.etree.XPath(".//div//text()[string-length(.) >= 5 and string-length(.) <= 40]")


def _row_value(raw):
    """The second part of the two-part row whose first part says nothing but the name `raw` is."""
    part = raw.getparent()
    for _ in range(4):
        row = part.getparent() if part is not None else None
        if row is None:
            return None
        kids = [c for c in row if isinstance(c.tag, str)]
        if len(kids) == 2 and kids[0] is part and element_text(part) == raw.strip():
            # (a value, not a box's list under its heading: a sidebar's "Chuyên mục" and its links)
            value = kids[1]
            # (and no link: a tab's label beside "Author", a widget's "Recent Posts")
            return value if value.find(".//li") is None and value.find(".//a") is None else None
        part = row
    return None


def property_rows(scope) -> dict[str, tuple]:
    """{author/category: (value, its element)} of the rows of two parts under `scope` (the article's
    container) naming the page's properties."""
    found: dict[str, tuple] = {}
    for raw in _ROW_NAMES(scope) if scope is not None else ():
        field = _FORM_FIELDS.get(raw.strip().lower())
        if field is None or field == "title" or field in found:
            continue
        value = _row_value(raw)
        text = element_text(value) if value is not None else ""
        if text and len(text) <= 80:
            found[field] = (text, value)
    return found


def form_fields(tree) -> dict[str, tuple]:
    """{title/author/category: (value, its cell)} of a page laid out as a form of named fields."""
    found: dict[str, tuple] = {}
    for raw in _FORM_NAMES(tree):
        cell = next((a for a in ([raw.getparent()] + list(raw.getparent().iterancestors())) if a.tag == "td"), None)
        value = cell.getnext() if cell is not None else None
        if value is None or value.tag != "td":
            continue
        text = element_text(value)
        field = _FORM_FIELDS[raw.strip().lower()]
        if text and len(text) <= 300 and field not in found:
            found[field] = (text, value)
    return found


def find_author_element(elements):
    for root in elements:
        for el in root.iter():
            if isinstance(el.tag, str) and _author_named(el):
                text = element_text(el)
                if text and len(text) <= 80:
                    # the name's own element inside a line named for it (Sitefinity's
                    # sfnewsAuthorAndDate: the date, "Đăng bởi:", <span class="sfnewsAuthor">)
                    named = [d for d in el.iterdescendants() if isinstance(d.tag, str) and _author_named(d)]
                    inner = [d for d in named if element_text(d)]
                    if named and not inner and any(SOURCE_NAME.search(class_and_id(d)) and element_text(d) == text
                                                   for d in el.iterdescendants() if isinstance(d.tag, str)):
                        continue  # the name's own element empty, the line's its source's (ECOIT's `div.article-Source`)
                    # (one, and a name: not a label "Auteur:", "About the author", nor one of two names)
                    if len(inner) == 1 and not _LABEL_ONLY.search(element_text(inner[0])):
                        return inner[0]
                    # (a schema.org Person's name in it, its description beside: Docusaurus's
                    # `div.avatar__intro[itemprop=author]`, the name, then "Phóng viên Trung tâm VH-TT&TT")
                    person = next((d for d in el.iterdescendants() if isinstance(d.tag, str)
                                   and d.get("itemprop") == "name" and element_text(d)), None)
                    if person is not None and el.get("itemprop") == "author":
                        return person
                    # (or a profile's name set bold, its unit after a line break: Material for MkDocs'
                    # `span.md-profile__description > strong` "Nguyễn Thu Hà", <br>, "Trung tâm ...")
                    bold = next((b for b in el.iter("strong", "b") if element_text(b)), None)
                    if bold is not None and bold.getnext() is not None and bold.getnext().tag == "br" \
                            and not (bold.tail or "").strip() and element_text(bold) != text:
                        return bold
                    return el
    return None


def _author_named(el) -> bool:
    names = class_and_id(el) + " " + (el.get("rel") or "") + " " + (el.get("itemprop") or "")
    if el.tag == "time" or _BYLINE_PART.search(names):
        return False  # the byline's date, views or reading time (Ghost's `time.byline-meta-date`)
    return bool(AUTHOR_NAMES.search(names) or _AUTHOR_CAMEL.search(names))


# the other parts of a line named for the byline
_BYLINE_PART = re.compile(r"byline[-_](meta[-_])?(date|time|views?|reading|count)", re.I)


_LABEL_ONLY = re.compile(r"[:：]\s*$|\bauthor\b|tác giả", re.I)


# a name ending a camel-cased class (Sitefinity's `sfnewsAuthor`), not a word inside another
_AUTHOR_CAMEL = re.compile(r"[a-z](Author|Byline)\b")
