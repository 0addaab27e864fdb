"""Article extraction: recognise the platform family, locate the parts, apply the shared field rules.

A family file says where the title, date, counter, body... are (CSS selectors); where a selector
finds nothing, the generic location rules take over, so a family page with an odd template still
gives a record. `family="generic"` uses the generic rules alone.
"""
from __future__ import annotations

import copy
import itertools
import re
from datetime import date, timedelta
from functools import lru_cache
from html import escape as html_escape
from urllib.parse import urlsplit

import lxml.etree

from scraper.extract import generic
from scraper.extract.body import (RELATED_HEADING, author_field_after, author_line_after, author_of_line, build_body,
                                  drop_hidden,
                                  is_preview_icon, link_name, is_attachment_block, is_attachment_link,
                                  labelled_as_files, names_file_only, remove_keeping_tail, strip_author_label,
                                  views_one_of)
from scraper.extract.canonical import declared_canonical, document_base, join_url, netloc_of, path_and_query
from scraper.extract.checks import (PHOTO_FILE, SITE_NAME, body_far_shorter, body_worth_checking, inside as is_inside,
                                    section_like_title)
from scraper.extract.css_pictures import BACKGROUND_URL, draw_css_pictures
from scraper.extract.families import family_names, load_family, recognise
from scraper.extract.fields import (AUTHOR_LABEL, BYLINE_LABEL, LINE_PARTS, author_from_element, category_from_breadcrumb,
                                    category_from_items, choose_published, choose_title, LazyMeta, names_page_file,
                                    title_meta_line, title_of, titled_by_metadata, visible_date, zone_views)
from scraper.extract.dates import PUBLISHED_LABELS, find_dates, parse_iso_datetime
from scraper.extract.images import CAPTION_CLASS, IMAGE_FILE, PICTURE_COMMENT, find_images, same_file
from scraper.extract.model import Article, ArticleImage, Attachment
from scraper.extract.profile import FITS, chrome_elements, dates_month_first, profile_fit
from scraper.extract.numbers import parse_view_count
from scraper.extract.sanitize import sanitize_body_html
from scraper.extract.select import PageIndex
from scraper.extract.decode import decode_page
from scraper.extract.text import BLOCK_TAGS, ElementTexts, ExtractionError, class_and_id, clean_text, element_text, hidden_by_class, \
    hidden_by_style, reads_as_sentence, shows_text

__all__ = ["extract_article", "parse_html", "ExtractionError"]

# Compiled once: these run per element or per text piece.
_VIEW_NAMES = re.compile(r"view|hits|luot-?xem", re.I)
_AUTHOR_NAMES = re.compile(r"author|byline|tac-?gia", re.I)
_ANOTHER_FIELD = re.compile(r"^[^\W\d][\w ]{0,25}[:：]\s")  # the next field's line where the name is left empty
_AUTHOR_LABEL_ALONE = re.compile(r"(tác giả|người viết|author)\s*[:：]", re.I)
_AUTHOR_LINE = re.compile(r"\s*(tác giả|người viết)\s*[:：]\s*(.+)", re.I)
_AUTHOR_IN_LINE = re.compile(r"\S\s+(?:tác giả|người viết)\s*[:：]\s*(.*)", re.I)
_FIELD_GAP = re.compile(r"\s{2,}|\s[|•·]\s")  # (what parts a line's fields: "&nbsp;&nbsp;&nbsp;", " | ")
# (and a view's: Sulu's "Xem trực tuyến", the same file with `&inline=1`)
# (an action's words, with "này" and the file's name in brackets after them: Attachments for Joomla's icon
# titled "Tải tệp này (512-TB-HDXT.pdf)" before the link named by the file's title)
_LINK_WORDS = re.compile(r"^(tải về|tải xuống|tải tệp|tải file|download|xem|xem trực tuyến|đọc trực tuyến|xem online|"
                         r"view online|view|(?:(?:nhấn|bấm|click) )?(?:vào|tại|ở) đây|(?:click )?here)"
                         r"(?:\s+này)?(?:\s*\([^()]*\.\w{2,5}\s*\))?$", re.I)

# Plain lxml.etree elements: lxml.html's per-element Python class lookup costs ~10% of extraction.
# No table of id attributes (nothing here asks XPath's id() or getElementById; selectors compare
# @id): parsing a 25 KB portal page 0.155 -> 0.149 ms.
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                                collect_ids=False)
_UTF8_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                                     encoding="utf-8", collect_ids=False)
_SKIP = frozenset(["script", "style", "noscript", "template", "option", "select", "button", "textarea"])
_NOT_NEAR = re.compile(r"related|lien-?quan|other|same|sidebar|side[_-]?(?:body|col)|widget|popular|most-?(?:read|view)|"
                       r"hot-?(?:list|news|posts?)|tin-?hot|xem-?nhieu|doc-?nhieu|"
                       r"tin-?moi|latest|comment|binh-?luan|footer|menu|marquee|ticker|top-?bar", re.I)


# Between the title and the body, or after the body inside the article's own container, a
# "footer" is the article's, not the page's: K2's itemContentFooter holds its view count, the
# TYPO3 news extension's div.footer under the headline its date, category, author and views.
_NOT_IN_ARTICLE = re.compile(_NOT_NEAR.pattern.replace("footer|", ""), re.I)

_SELECTOR_NAMES = re.compile(r"[.#]([A-Za-z0-9_-]+)")


@lru_cache(maxsize=512)
def _required_names(css: str) -> tuple[str, ...]:
    return tuple(_SELECTOR_NAMES.findall(css))


def _select_first(index: PageIndex, selectors, html: str | None = None, first_only=frozenset()) -> list:
    """The elements of the first selector (in the family's order) that finds any; of a selector in
    `first_only` (a learned profile's: it was learned from its first match), its first element.

    A selector naming a class or id that the page's text never mentions cannot match: it is
    skipped without looking at the tree (family files list several alternatives per field).
    Plain `tag.class #id` chains need no such test: the page index answers them from its
    class/id tables at once.
    """
    for css in selectors or ():
        if html is not None and not index.is_simple(css) and any(name not in html for name in _required_names(css)):
            continue
        found = index.select(css)
        if found:
            return found[:1] if css in first_only else found
    return []


def parse_html(html: bytes | str, content_type: str | None = None):
    """Decode and parse a page; None for an empty one; ExtractionError for what is not HTML."""
    return _parse(html, content_type)[0]


def _parse(html, content_type):
    """(tree or None, the page's text, its Decoded)."""
    if html is None:
        raise ExtractionError("no page content")
    decoded = decode_page(html, content_type)
    text = decoded.text
    if decoded.binary:
        raise ExtractionError("the file is binary, not an HTML page")
    if not text or text.isspace():  # (strip() would copy the whole page)
        return None, text, decoded
    try:
        # libxml2 reads UTF-8 bytes faster than a Python str (which it must re-encode first).
        if decoded.codec == "utf-8" and not decoded.cleaned and isinstance(html, bytes):
            tree = lxml.etree.fromstring(html, _UTF8_PARSER)
        else:
            tree = lxml.etree.fromstring(text, _PARSER)
    except ValueError:  # a str with an XML encoding declaration: parse its UTF-8 bytes instead
        try:
            tree = lxml.etree.fromstring(text.encode("utf-8"), _UTF8_PARSER)
        except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
            return None, text, decoded
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return None, text, decoded
    _unwrap_fieldless_forms(tree)
    return tree, text, decoded


def _unwrap_fieldless_forms(tree) -> None:
    """A <form> holding no field is a wrapper, not a form: Movable Type's editor sets every picture
    and file it inserts in `<form mt:asset-id class="mt-enclosure">`, which the body's cleaning would
    drop with the picture and its caption as a form's chrome."""
    for form in list(tree.iter("form")):
        if not _FORM_FIELDS(form):
            # (inline where it says so and holds no picture: a file's link inside a sentence, which
            # libxml2 has cut at the form; a picture's enclosure is a block, its caption after it)
            inline = "inline" in (form.get("style") or "") and form.find(".//img") is None
            form.tag = "span" if inline else "div"


_FORM_FIELDS = lxml.etree.XPath("boolean(.//input|.//select|.//textarea|.//button|.//fieldset)")


def _resolve_family(family: str | None, tree, text: str, url: str, index: PageIndex) -> str | None:
    if family == "generic":
        return None
    if family:
        if family not in family_names():
            raise ExtractionError(f"unknown family {family!r}; known: generic, {', '.join(family_names())}")
        return family
    return recognise(tree, url, html=text, names=index)


def _has_text(el) -> bool:
    return any(t and not t.isspace() for t in el.itertext())  # as t.strip(), without copying t


class _Lazy:
    """A list of text pieces made on first use (most family pages never need the fallbacks)."""

    __slots__ = ("_make", "_items")

    def __init__(self, make):
        self._make, self._items = make, None

    def __iter__(self):
        if self._items is None:
            self._items = list(self._make())
        return iter(self._items)


_TAKE, _PASS, _STOP = "take", "pass", "stop"


def _pieces_in_order(root, judge):
    """(text, owner) pieces under root in page order: an element's text where it starts, a child's
    tail where the child ends. (Read element by element, a cell's "Ngày đăng: <span>15/04/2024</span>
    | Lượt xem: <span>1.234</span>" gave its tails before the spans' texts, and the view count was
    read from the date: 15.) `judge(el)` takes an element's own pieces (its text, its children's
    tails), passes over them, or stops the walk there."""
    taken, path = set(), []
    for el in root.iter():
        parent = el.getparent()
        while path and path[-1] is not parent:
            yield from _tail_of(path.pop(), taken)
        path.append(el)
        verdict = judge(el)
        if verdict is _STOP:
            return
        if verdict is _TAKE:
            taken.add(el)
            if el.tag == "time" and (stated := _time_stated(el)):
                yield stated, el
            if el.text and el.text.strip():
                yield el.text, el
    while path:
        yield from _tail_of(path.pop(), taken)


def _tail_of(el, taken):
    owner = el.getparent()
    if el.tail and owner is not None and owner in taken and el.tail.strip():
        yield el.tail, owner


def _time_stated(el) -> str | None:
    """The date a `<time>` states in its datetime attribute in the form people write (Refinery's
    `<time datetime="06-02-2023">Đăng ngày 06 Tháng hai</time>`, no year shown), where its text
    shows none: read as the page's text is (day-first unless the page is written for the US)."""
    stated = (el.get("datetime") or "").strip()
    if _RELATIVE_DAY.match(element_text(el)) and (machine := parse_iso_datetime(stated)):
        # a day told relative to the reader's ("Hôm qua, 15:10", phpBB's board format): the machine
        # time, written as the zone's text is read, with its offset (year first: no reading swaps it)
        return machine[:10] + (f" {machine[11:16]} GMT{machine[19:]}" if len(machine) > 10 else "")
    if not _NUMERIC_STATED.fullmatch(stated) or parse_iso_datetime(stated) or not find_dates(stated) \
            or find_dates(element_text(el)):
        return None  # (not a script's "Tue Aug 25 2020 00:23:33 GMT+0000 (...)", its zone unread)
    return stated


_RELATIVE_DAY = re.compile(r"(?:hôm (?:qua|nay|kia)|yesterday|today|\d+\s*(?:phút|giờ|tiếng|ngày)\s+trước|"
                           r"\d+\s*(?:minutes?|hours?|days?)\s+ago)\b", re.I)


_NUMERIC_STATED = re.compile(r"[\d\s/.:-]{6,30}")


def _relative_days_told(pieces, tree, roots, told: dict):
    """The pieces, a day told relative to the page's ("Hôm qua lúc 09:30", SMF's news block) told as
    the date it is: counted back from the page's own clock, the latest date the page writes outside
    the text with its time ("Thứ Tư, 19/06/2024 - 15:40" in the forum's user box), where the piece
    writes none; `told` gets each reading's own words."""
    pieces = list(pieces)
    relative = [(k, m) for k, (text, el) in enumerate(pieces) if _DAY_WORD.search(text) and (m := _day_and_clock(el))]
    if not relative:
        return pieces
    inside = {d.iso for root in roots for d in find_dates(element_text(root))}
    # (of the dates with a time: a clock's, not a banner's anniversary to come, "21/6/1925 - 21/6/2024")
    days = [d.iso[:10] for d in find_dates(element_text(tree)) if d.iso not in inside and len(d.iso) > 10]
    if not days:
        return pieces
    clock = date.fromisoformat(max(days))
    for k, m in relative:
        day = clock - timedelta(days=_DAYS_BACK[m.group(1).lower()])
        reading = f"{day.day:02d}/{day.month:02d}/{day.year} {int(m.group(2)):02d}:{m.group(3)}"
        told[reading] = m.group(0)
        pieces[k] = (reading, pieces[k][1])
    return pieces


def _day_and_clock(el):
    """The relative day and its time its element or the element's owner writes, in a short line of
    no date ("<strong>Hôm qua</strong> lúc 09:30")."""
    for holder in (el, el.getparent()):
        text = element_text(holder) if holder is not None else ""
        if len(text) <= 60 and (m := _DAY_AND_CLOCK.search(text)) and not find_dates(text):
            return m
    return None


# a day's word: the days it is before the page's clock
_DAYS_BACK = {"hôm nay": 0, "today": 0, "hôm qua": 1, "yesterday": 1, "hôm kia": 2}
_DAY_WORD = re.compile(r"\b(?:" + "|".join(_DAYS_BACK) + r")\b", re.I)
_DAY_AND_CLOCK = re.compile(r"\b(" + "|".join(_DAYS_BACK) + r")\W+(?:lúc\s+|at\s+)?(\d{1,2})[:h](\d{2})\b", re.I)


def _own_pieces(el) -> str:
    return _PASS if not isinstance(el.tag, str) or el.tag in _SKIP else _TAKE


def _near_pieces(tree, start_el, stop_el):
    """Text pieces after start_el's subtree and before stop_el, outside lists of other articles."""
    started = start_el is None
    start_desc = set(start_el.iter()) if start_el is not None else set()
    # (the meta line its heading holds after a line break is the first line after the title)
    for line_el in title_meta_line(start_el) if start_el is not None else ():
        start_desc.difference_update(line_el.iter())
    # A title inside the body element: the metadata ends where the first real paragraph starts.
    inside = start_el is not None and any(a is stop_el for a in start_el.iterancestors())
    bad: set = set()
    # (a wrapper holding the body, named for a layout beside a sidebar, is the article's: Odoo's
    # `o_wblog_read_with_sidebar` around the meta line and the text, Bridge's two columns
    # `div.background_color_sidebar` around the post's heading, its views line and the text; not one
    # named for a widget: a shop's review widget held its histogram's "98%" beside the text)
    body_line = {a for a in stop_el.iterancestors() if "sidebar" in class_and_id(a).lower()} \
        if stop_el is not None else set()

    def judge(el):
        nonlocal started
        if el is stop_el and not inside:
            return _STOP
        if inside and started and el.tag in ("p", "div", "td") and (
                _own_length(el) > 150 or el.tag == "p" and len(element_text(el)) > 100):
            return _STOP  # (a paragraph of text: its words may open in a link, in bold, after a <br>;
            # or a layout's cell of lines split by <br>, a Perl script's notice in `td.noidung`)
        if not started:
            if el is start_el:
                started = True
            return _PASS
        if el in start_desc or not isinstance(el.tag, str) or el.tag in _SKIP or hidden_by_class(el.get("class")):
            # (and a line its class hides: Webflow's conditional `w-condition-invisible` "05/03/2024 - 00:00")
            if isinstance(el.tag, str):
                bad.update(el.iter())
            return _PASS
        if el in bad:
            return _PASS
        names = _BYLINE_COUNTS.sub("", class_and_id(el))
        if names and _NOT_IN_ARTICLE.search(names) and el not in body_line and not _own_line(el, names):
            bad.update(el.iter())
            return _PASS
        return _TAKE

    return _pieces_in_order(tree, judge)


def _own_length(el) -> int:
    """The length of the text written in `el` itself (before and between its children)."""
    return sum(len(t.strip()) for t in (el.text, *(c.tail for c in el)) if t)


# a byline's parts named together, its comments' count among them (vBulletin's
# `article_author_date_comment_container`): the article's own line, not a box of comments
_BYLINE_COUNTS = re.compile(r"(?:author|date|time|views?)[_-]+(?:(?:author|date|time|views?)[_-]+)*comments?", re.I)


def _own_line(el, names: str) -> bool:
    """A short line with no link that only a layout word names (Kentico's `div.widget-counter`
    "Lượt xem 856" under the title), or a widget named for the item's own line, its links the
    item's category (b2evolution's `div.evo_widget.widget_core_item_info_line` "Thứ Sáu, 18/11/2022
    19:30 trong <a>Hoạt động của huyện</a>"): the article's own, not a box of other articles."""
    if _NOT_IN_ARTICLE.search(_SIDEBAR.sub("", names)):
        return False
    return _ITEM_PART.search(names) is not None or el.find(".//a") is None and len(element_text(el)) <= 60


def _item_widget(names: str) -> bool:
    """A layout's widget named for the item's own part (b2evolution's `widget_core_item_info_line`,
    `widget_core_item_custom_fields`), no other furniture's word."""
    return _ITEM_PART.search(names) is not None and not _NOT_IN_ARTICLE.search(_SIDEBAR.sub("", names))


_ITEM_PART = re.compile(r"(?:item|post|entry|article)[_-]*(?:custom[_-]*)?(?:info|meta|date|title|byline|details|"
                        r"header|fields?|author)", re.I)


# Drupal 7 nests the body three levels deep (field-item, field-items, field-name-body) inside the
# node's content, and its "N lượt đọc" line follows that content: four levels up reach it. A page
# builder's text sits five deep (Avada: fusion-text, column wrapper, column, row, full-width box)
# and the Post Views Counter's line follows the whole builder's content: six.
_AFTER_HOPS = 6


_AFTER_LINES_CHARS = 400  # (Volto's article footer: date, update, views and share tools, ~200)


def _page_region(el) -> bool:
    """The page's own footer, navigation or aside (one inside an `<article>` is the article's)."""
    return el.tag in ("footer", "nav", "aside") and not any(a.tag == "article" for a in el.iterancestors())


def _after_blocks(root, container) -> list:
    """Elements following the body inside the article's container, up to a related/comment block.
    Where the text's element holds the title too (the article's container unknown: Volto's blocks
    after its title in one wrapper), the short blocks following it up to the page's furniture, its
    footer included (but for one named as the article's: the vendor's `ytt-article-footer`), or up
    to more text (the text's element taken too short: its dates are the text's)."""
    out, node, hops = [], root, 0
    furniture, unknown = _NOT_IN_ARTICLE.search, container is root
    if unknown:
        container, furniture = None, _page_furniture
    while node is not None and node is not container and hops < _AFTER_HOPS:
        sib = node.getnext()
        if sib is None and node.getprevious() is None:
            hops -= 1  # (an only child's wrapper is no level: a layout table's tbody, tr and td around the text)
        while sib is not None:
            if isinstance(sib.tag, str):
                text = element_text(sib)
                if (unknown or len(text) > _AFTER_LINES_CHARS) and _page_region(sib) \
                        or unknown and len(text) > _AFTER_LINES_CHARS:
                    # (the page's sidebar beside the text's column, where the title stands above both
                    # and so the container holds the page's row: Drupal 8 Bootstrap's `aside.col-sm-3`
                    # with its "Tin xem nhiều" counts after `section.col-sm-6`)
                    return out
                head = text[:60]
                names = class_and_id(sib)
                if RELATED_HEADING.match(head) or furniture(names) and not _item_widget(names):
                    # (the article's files in the related things' block: the TYPO3 news extension's
                    # news-related-wrap holds "Tin liên quan" and the "Tệp đính kèm" list)
                    # (or the block itself, named both ways: SPIP's `div.menu.documents_joints`)
                    # (and a list of its files after the related block: Dotclear's `footer.post-attachments`
                    # after `div.related-entries`)
                    return out + ([sib] if is_attachment_block(sib) else _attachment_blocks_in(sib)) + [
                        s for s in sib.itersiblings() if isinstance(s.tag, str) and is_attachment_block(s)] + (
                        [] if unknown else _own_lines_after(sib, node.getparent(), container))
                out.append(sib)
            sib = sib.getnext()
        node = node.getparent()
        hops += 1
    return out


def _own_lines_after(related, text_el, container) -> list:
    """The article's own short lines right after its text's element where a related box closes that
    element (FirstSpirit's `section.st-related-links` last of the body's sections, then
    `p.news-detail__author` "Tác giả: Ngọc Hân"): lines of no links, up to the first that is not one."""
    if text_el is None or text_el.getparent() is not container or any(
            isinstance(s.tag, str) for s in related.itersiblings()):
        return []
    out = []
    for sib in text_el.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if sib.find(".//a") is not None or not 0 < len(element_text(sib)) <= _OWN_LINE_CHARS:
            break
        out.append(sib)
    return out


_OWN_LINE_CHARS = 120


def _attachment_blocks_in(el) -> list:
    """The outermost elements under `el` named for attachments."""
    found = []
    for sub in el.iterdescendants():
        if isinstance(sub.tag, str) and is_attachment_block(sub) and not (found and is_inside(sub, found[-1])):
            found.append(sub)
    return found


def _post_aside(title_el) -> list:
    """The post's own details set in the layout's sidebar before the text (Material for MkDocs' blog:
    `div.md-sidebar--post` beside `article.md-content__inner`, its "Metadata" list `ul.md-post__meta`
    with the date, the category and the views, the authors' `div.md-post__authors` above it): the
    sidebar's boxes named for the post's details, where one of them alone holds a machine date (the
    same name on its lists of other posts' links, which are left out)."""
    for ancestor in itertools.islice(title_el.iterancestors(), 4):
        for side in ancestor.itersiblings(preceding=True):
            if not isinstance(side.tag, str):
                continue
            boxes = [el for el in side.iter() if isinstance(el.tag, str) and _POST_DETAILS.search(el.get("class") or "")
                     and not any(a.tag == "a" for a in el.iterancestors())]
            boxes = [b for b in boxes if not any(a in boxes for a in b.iterancestors())
                     and generic.link_density(b, len(element_text(b))) <= 0.5]
            if sum(1 for b in boxes if b.find(".//time[@datetime]") is not None) == 1:
                return boxes
    return []


_POST_DETAILS = re.compile(r"(?:^|[\s_-])post(?:__|[-_])?(?:meta|authors?)(?:\s|$)", re.I)


def _before_title(title_el) -> list:
    """The few elements just before the title in its parent (some layouts put the date above it);
    where the title opens its parent, those just before the parent (Volto's `div.dates` before the
    blocks' wrapper the title opens)."""
    out = []
    if title_el is None:
        return out
    node = title_el.getprevious()
    if node is None and title_el.getparent() is not None and not (title_el.getparent().text or "").strip():
        node = title_el.getparent().getprevious()
    while node is not None and len(out) < 3:
        if isinstance(node.tag, str) and not _NOT_NEAR.search(class_and_id(node)):
            out.insert(0, node)
        node = node.getprevious()
    return out


def _head_pieces(root):
    """Text pieces at the top of the body element, before its first paragraph: a post's header
    line (author, date) when the body is a run of boxes that each carry one. Read element by
    element (an element's text, then its children's tails), not in page order: in page order a bold
    "As of 29 November 2018" opening the first paragraph was read as the post's date."""
    if root is None:
        return
    boxes = []  # (a sidebar or a widget inside the body's element: Divi's layout in .entry-content)
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP:
            continue
        if boxes and any(a is boxes[-1] for a in el.iterancestors()):
            continue
        if el is not root and _BOX.search(class_and_id(el)):
            boxes.append(el)
            continue
        if el.tag == "time" and (stated := _time_stated(el)):
            yield stated, el
        for text, line in _own_lines(el):
            if line > 150 or reads_as_sentence(text, (".", "…", ":")):
                return  # (the text has begun)
            yield text, el


_LINE_ENDS = BLOCK_TAGS | {"img"}


def _own_lines(el):
    """An element's own text pieces, each with the length of the line it begins: itself and the
    inline elements and their tails after it, up to a `<br>` or a block. A sentence of the text
    broken by a link ("Ngày 04/3/2024, UBND huyện ban hành <a>Kế hoạch số 56</a> về ...") is one
    long line, not a short header line with a date."""
    children = list(el)
    starts = [(el.text, 0)] + [(child.tail, i + 1) for i, child in enumerate(children)]
    for text, first in starts:
        if not text or not text.strip():
            continue
        length = len(text.strip())
        for child in children[first:]:
            if length > 150 or not isinstance(child.tag, str) or child.tag in _LINE_ENDS:
                break
            length += len(element_text(child)) + len((child.tail or "").strip())
        yield text, length


def _pieces_of(elements):
    for root in elements:
        yield from _pieces_in_order(root, _own_pieces)


def _pieces_and_tails(blocks):
    """Each block's pieces, then the bare line after it (1C-Bitrix's "Tác giả:&nbsp;Lê Thu Hà<br>"
    after the text: a line of its container's own, between two `<br>`)."""
    for block in blocks:
        yield from _pieces_in_order(block, _own_pieces)
        if block.tail and block.tail.strip():
            yield block.tail, block.getparent()


def _common_ancestor(a, b):
    if a is None or b is None:
        return None
    # A set of the elements themselves, not of id()s: a proxy lxml frees may hand its id to the
    # next one made, which made the answer (and the fields read from it) vary from run to run.
    chain = {a, *a.iterancestors()}
    for x in [b, *b.iterancestors()]:
        if x in chain:
            return x
    return None


def extract_article(html: bytes | str, url: str, family: str | None = None,
                    content_type: str | None = None, with_html: bool = True, profile: dict | None = None) -> Article:
    """One article record from a page; fields the page does not show are None.

    `with_html=False` leaves `body_html` out (a caller that keeps the whole page has it there).
    `profile`: a site profile learned from the site's pages (scraper.extract.profile); its
    selectors come before the family's, its chrome is ignored, and its answers are checked as a
    family's are.
    """
    article = Article(url=url, site=urlsplit(url).hostname or "")
    tree, text, decoded = _parse(html, content_type)
    if decoded.guessed:
        article.charset_guessed = decoded.codec or "unknown"
    if tree is None:
        return article
    draw_css_pictures(tree)
    index = PageIndex(tree)
    name = _resolve_family(family, tree, text, url, index)
    spec = load_family(name).get("article", {}) if name else {}
    fit = profile_fit(profile, tree, index) if profile else None
    if fit is not None and fit < FITS:
        profile = None  # a page of another template (a redesign): the stale profile is not used
    if profile:
        chrome = [el for el in chrome_elements(index, profile) if el.getparent() is not None]
        if chrome:
            index.forget(chrome)
            for el in chrome:
                remove_keeping_tail(el)
        spec = _with_profile(spec, profile)

    # (a learned selector was learned from its first match on each page: only that one is read)
    learned = frozenset(css for selectors in ((profile or {}).get("article") or {}).values() for css in selectors)

    def select(key: str) -> list:
        return _select_first(index, spec.get(key), text, learned)

    article.family = name or "generic"
    base = document_base(tree, url)  # what relative links resolve against; `url` stays the page's own
    article.canonical = declared_canonical(tree, url, base)
    meta = LazyMeta(tree, url, month_first=dates_month_first(profile))

    overruled: dict = {}  # what the family (or profile) answered where its answer failed a check
    title, title_el = None, None
    for el in select("title"):
        title = title_of(el, meta)
        if title:
            title_el = el
            break
    if title_el is not None and section_like_title(title, tree, url):
        other, other_el = choose_title(tree, meta, address=article.canonical)
        if other and other != title and not section_like_title(other, tree, url):
            overruled["title"] = title
            title, title_el = other, other_el
    elif title_el is not None and titled_by_metadata(title, meta) is False:
        # another article's title (a "most read" box's item the family's selector met first): the
        # page's own metadata names another heading
        other, other_el = choose_title(tree, meta, address=article.canonical)
        if other and other != title and other_el is not None and titled_by_metadata(other, meta) \
                and not section_like_title(other, tree, url):
            overruled["title"] = title
            title, title_el = other, other_el
    if title_el is None:
        title, title_el = choose_title(tree, meta, address=article.canonical)
    # a page laid out as a form of named fields (SharePoint's list forms) names its title, author and
    # category there: read where the title found is cut short ("Tin tức - Chủ tịch UBND huyện...") or missing
    form = lru_cache(maxsize=None)(lambda: generic.form_fields(tree))  # read only where asked
    rows = lru_cache(maxsize=None)(lambda: generic.property_rows(container))
    if not title or title.endswith(("...", "…")) or len(title.split()) < 4:
        named, cell = form().get("title", (None, None))  # (or a section's name: "Thông báo")
        if named and len(named.split()) >= 4:
            title, title_el = named, cell
    article.title = title or None

    # texts of the page's elements, shared by the generic finders: the page tree is only read
    # until _mark_title (the body is cleaned on a copy)
    texts = ElementTexts()
    roots = _family_content(index, spec.get("content"), text, title_el, overruled)
    selected = bool(roots)  # the text's block named by a selector (not the generic finder's run of blocks)
    if not roots:
        roots = generic.find_content_roots(tree, title_el, texts)
    if not roots and _noscript_shown(tree):
        texts = ElementTexts()  # the tree changed: texts read before are stale
        roots = generic.find_content_roots(tree, title_el, texts)
    lead_els = select("lead")
    lead = lead_els[0] if lead_els else None
    # a family's lead selectors that find nothing leave the lead to the generic finder, as with no
    # selectors (a lead in another field than the family's: 6 of web-eval's Drupal pages)
    if lead is None and roots and not lead_els:
        lead = generic.find_lead(title_el, roots[0], meta.description, texts)
        if lead is None and selected:
            lead = generic.opening_block_before(roots[0], texts)
    if lead is not None and roots and any(a is root for a in lead.iterancestors() for root in roots):
        lead = None  # (in the text's first block or a later one: SPIP's `div.chapo` beside `div.texte`)

    if roots:
        _mark_title(title_el, roots[0])
        result = build_body(roots, base, lead=lead)
        if spec:
            roots, lead, result = _checked_body(tree, title_el, roots, lead, result, base, meta, texts,
                                                bool(lead_els), overruled)
        # the paragraphs are clean_text's output already
        paragraphs = [p for p in result.paragraphs if not title or p != title]
        article.body = "\n\n".join(paragraphs) or None
        article.images = [f.image for f in result.images]
        article.attachments = list(result.attachments)
        article.body_html = sanitize_body_html(result.html_root, base) if with_html else None
        if lead is not None and paragraphs and article.body_html:
            article.body_html = f"<p>{html_escape(paragraphs[0])}</p>\n{article.body_html}"
        body_author = result.author
    else:
        body_author = None

    root = roots[0] if roots else None
    container = _common_ancestor(title_el, root)
    after = _after_blocks(roots[-1], container) if root is not None else []  # after the last block
    aside = _Lazy(lambda: _post_aside(title_el) if title_el is not None else ())
    near = _Lazy(lambda: [*_near_pieces(tree, title_el, root), *_pieces_of(aside)]
                 if title_el is not None and root is not None else ())

    # (the text's head: of the second block where the first holds the title, DNN's container title
    # taken with its module's text, the date the editor typed first in it)
    head_root = roots[1] if len(roots) > 1 and title_el is not None and (
        title_el is root or any(a is root for a in title_el.iterancestors())) else root
    head = _Lazy(lambda: _head_pieces(head_root))
    date_els = _family_dates(select("date"), container, root, near, meta, overruled, head)
    before = _before_title(title_el)
    meta_after = _meta_lines_after(container)
    told: dict[str, str] = {}  # (a day told relative to the page's, as read: the page's own words)
    zones = [_Lazy(lambda: _pieces_of(date_els)), _Lazy(lambda: _relative_days_told(near, tree, roots, told)), head,
             _Lazy(lambda: _pieces_of(before)), _Lazy(lambda: _pieces_of(after + meta_after))]
    article.published, article.published_text = choose_published(zones, meta)
    article.published_text = told.get(article.published_text, article.published_text)

    article.views = _views(select, near, root, after, container, overruled, before, head)
    if article.views is None:
        article.views = _count_titled(after + ([container] if container is not None else []) + meta_after)
    fields = _field_values(container)
    # (in this order, the first that is not the posting account's handle: vBulletin's "bởi bientap"
    # above a photo story its photographer's line closes)
    # (a field's value told as a photo story's, Drupal's "Tác giả" field holding "Ảnh: Quốc Hùng")
    places = (lambda: strip_author_label(_named(fields, _AUTHOR_FIELDS) or ""), lambda: body_author,
              lambda: _author(select, near, after, _head_pieces(root)),
              lambda: author_field_after(after[0], roots[-1]) if after else None, lambda: author_line_after(after),
              lambda: _author_box_after(container), lambda: form().get("author", (None,))[0],
              lambda: rows().get("author", (None,))[0],
              lambda: _structured_author_shown(meta.jsonld_author, near))
    # (an account's name, "Đăng bởi Quản trị Cổng TTĐT" over every post, passed for the next place:
    # Payload's vendor field "Thực hiện: Minh Khôi" in the photo story's hero)
    author = next((found for found in (place() for place in places)
                   if found and not _account_handle(name := _byline_name(found), tree)
                   and not _ACCOUNT.match(name)), None)
    author = author and _byline_name(author)
    article.author = None if author and (_TEMPLATE_LEFT.match(author)
                                         or _LABEL_LEFT.match(author) or _COPYRIGHT.search(author)) else author or None
    def form_category() -> str | None:
        return form().get("category", (None,))[0]

    category = _category(tree, select, meta, article.title, container, fields, form_category, (title_el, root), aside,
                         near, lambda: rows().get("category", (None,))[0])
    if not category:
        category = form_category()
    article.category = _as_spelt_in_links(category, tree) if category and category.isupper() else category
    file_boxes = _attachment_boxes_after(container)
    article.attachments = _more_attachments(select, after + file_boxes, base, article.attachments)
    shown = {i.url for i in article.images}  # (a sapo's pictures are the body's already)
    galleries = result.galleries if roots else []
    # (nor another rendition of one of them, a builder's cropped cover of the text's first picture)
    # (the text's block holding the title, its photos set before it in the post's <article>: a photo
    # post's photoset above its caption, the caption's heading the title, Tumblr's)
    lead_scope = container.getparent() if container is not None and container is root \
        and container.getparent() is not None and _semantic(container.getparent()) else container
    article.images = _gallery_images(galleries + after, base, [i for i in _lead_images(lead_scope, title_el, root, url, base)
                                                              if not any(same_file(i.url, s) for s in shown)]
                                     + article.images)
    article.images += _attached_photos([b for b in after if is_attachment_block(b)] + file_boxes, base,
                                       {i.url for i in article.images})
    if category:
        # a picture named by the article's category and captioned by nothing is the category's
        # emblem (PHP-Nuke's topic image, `<a href="...new_topic=5"><img alt="Tin tức - Sự kiện">`)
        article.images = [i for i in article.images if i.caption or (i.alt or "").casefold() != category.casefold()]
    pictures = {i.url for i in article.images}  # (a link opening a picture's full size is no file of the text's)
    article.attachments = [a for a in article.attachments if a.url not in pictures]
    article.overruled = overruled or None
    article.profile_fit = fit
    return article


def _noscript_shown(tree) -> bool:
    """No body found in what a browser with scripts shows: the page's <noscript> copy is read as
    shown (a blog that renders its posts from a script template keeps the text only there)."""
    found = False
    for el in tree.iter("noscript"):
        el.tag = "div"
        found = True
    return found


def _checked_body(tree, title_el, roots, lead, result, base, meta, texts, family_lead: bool, overruled: dict):
    """The family's body, or the generic one where the family's is far shorter or lacks images
    the generic one has (a selector that found an empty module, a banner, a caption)."""
    family_len = sum(len(p) for p in result.paragraphs)
    if not body_worth_checking(tree, roots[0], family_len, len(result.images)):
        return roots, lead, result
    # (the generic finder's run of blocks: the text's opening blocks before a selected one too, TYPO3
    # news' content elements ahead of its bodytext)
    found = generic.find_content_roots(tree, title_el, texts)
    if len(found) < 2 or sum(len(texts(f)) for f in found) < family_len + max(100, 0.2 * family_len):
        # no run adding text of its own: the best block alone is compared, not widened (not with a
        # picture's block beside the text, Drupal's `div.user-picture` avatar over the body field)
        found = [one] if (one := generic.find_content_root(tree, title_el, texts)) is not None else []
    if not found or len(found) == 1 and any(found[0] is r for r in roots):
        return roots, lead, result
    generic_len = sum(len(texts(f)) for f in found)
    more_images = sum(len(f.xpath(".//img")) for f in found) > len(result.images)
    if not (body_far_shorter(family_len, generic_len) or more_images):
        return roots, lead, result
    _mark_title(title_el, found[0])
    other_lead = lead if lead is not None and not any(a is f for a in lead.iterancestors() for f in found) \
        and not any(lead is f for f in found) else None
    if other_lead is None and not family_lead:
        other_lead = generic.find_lead(title_el, found[0], meta.description, texts)
    other = build_body(found, base, lead=other_lead)
    other_len = sum(len(p) for p in other.paragraphs)
    if body_far_shorter(family_len, other_len) or (len(other.images) > len(result.images) and other_len >= 0.8 * family_len):
        overruled["body"] = f"{family_len} characters, {len(result.images)} images"
        return found, other_lead, other
    return roots, lead, result


def _with_profile(spec: dict, profile: dict) -> dict:
    """The family's selectors with the profile's first, and without those the profile found to be chrome."""
    chrome = {css for selectors in (profile.get("chrome") or {}).values() for css in selectors}
    out = {k: [c for c in v if c not in chrome] for k, v in spec.items()}
    for key, selectors in (profile.get("article") or {}).items():
        out[key] = selectors + [c for c in out.get(key, []) if c not in selectors]
    return out


def _text_ahead(el, root) -> bool:
    """Whether any text stands before `el` inside root (its wrappers' text before it included)."""
    ancestors = set(el.iterancestors())
    for node in root.iter():
        if node is el:
            return False
        if isinstance(node.tag, str) and (node.text or "").strip():
            return True
        if node is not root and node not in ancestors and (node.tail or "").strip():
            return True
    return False


def _mark_title(title_el, root) -> None:
    """A title inside the body element is not body text (nor is what precedes it there); nor is
    the same title's heading there where the title was taken from a banner above (Bolt's base-2021:
    the hero's <h1>, then the article's own <h1> and its date and views line)."""
    if title_el is None or root is None:
        return
    if not any(a is root for a in title_el.iterancestors()):
        text = element_text(title_el)
        title_el = next((h for h in root.iter("h1", "h2") if element_text(h) == text), None) if text else None
        if title_el is None or _text_ahead(title_el, root):
            return  # (a heading of the title's words further down is the text's own)
    title_el.set("data-pa-drop", "title")


def _views(select, near, root, after, container=None, overruled=None, before=(), head=()) -> int | None:
    els = select("views")
    for bare in (False, True):
        for el in els:
            value = parse_view_count(element_text(el), bare=bare)
            if value is None:
                continue
            if is_inside(el, container) and not _in_box(el, container):
                return value
            # a count outside the article (a "most read" box before the content) is another article's
            if overruled is not None:
                overruled.setdefault("views", value)
    inside = []
    if root is not None:
        for el in root.iter():
            if isinstance(el.tag, str) and _VIEW_NAMES.search(class_and_id(el)) and not _in_box(el, root) \
                    and not (inside and is_inside(el, inside[-1])):
                inside.append(el)  # (the outermost: a count's span in its box read once, not "856 856")
    # (the line just above the title too: Helix3's article-info, date and hits, over the headline)
    for pieces in (list(near), list(_pieces_of(inside)), list(_pieces_of(after)), list(_pieces_of(before))):
        if pieces:
            value = zone_views(pieces)
            if value is not None:
                return value
    # the header line opening the text, an imported post's "Ngày đăng: ... | Lượt xem: 2.345": a
    # line of its own with the label (read piece by piece, a heading's "Review" is no label of the
    # "16-inch" after it)
    for text, _owner in head:
        if _VIEWS_LABEL_IN.search(text) and (value := parse_view_count(text)) is not None:
            return value
    # a counter that names the page's own hits, wherever the page sets it (DNN's page hit counter
    # module after the article's: "Số lượt truy cập trang: 856"; MediaWiki's footer: "Trang này đã
    # được đọc 3.305 lần.")
    for raw in _PAGE_HITS(root) if root is not None else ():
        value = parse_view_count(element_text(raw.getparent()))
        if value is not None:
            return value
    return (_views_line_ending(root) or _labelled_views_after(root)) if root is not None else None


def _line_after_rule(block):
    """The one line of inline text a block holds after a horizontal rule opening it, or None."""
    kids = [c for c in block if isinstance(c.tag, str)]
    if len(kids) != 2 or kids[0].tag != "hr" or kids[1].tag not in ("p", "div"):
        return None
    return kids[1] if all(c.tag in _LINE_INLINE for c in kids[1]) else None


def _meta_lines_after(container) -> list:
    """The article's meta line right after its container, named so (DataLife Engine's `div.meta` after
    the story's `div.box_in`: the views, the author, the date and time)."""
    if container is None:
        return []
    out = []
    for sib in itertools.islice((s for s in container.itersiblings() if isinstance(s.tag, str)), 2):
        if _META_LINE_NAME.search(class_and_id(sib)) and len(element_text(sib)) <= 200:
            out.append(sib)
    return out


_META_LINE_NAME = re.compile(r"(^|[\s_-])(meta|post-?meta|entry-?meta|story-?meta|article-?meta)([\s_-]|$)", re.I)


_TITLED = lxml.etree.XPath("descendant-or-self::*[@title]")


def _count_titled(blocks) -> int | None:
    """A bare count whose element's tooltip labels it ("<li title="Lượt xem: 968"><svg/> 968</li>",
    DataLife Engine's meta line after the story): the views, where no line says so in words."""
    for block in blocks:
        for el in _TITLED(block):
            if not _VIEWS_LABEL.match(el.get("title")):
                continue
            said, shown = parse_view_count(el.get("title")), parse_view_count(element_text(el), bare=True)
            if said is not None and said == shown:
                return said
    return None


def _views_line_ending(root) -> int | None:
    """A short labelled count among the last lines of the text's element (PHP-Nuke's story box,
    its footer row "Đọc: 12.035 lần | Bản để in" inside the table taken for the text): the
    article's own, where no element names it and none is near the title."""
    for text, el in list(_pieces_of([root]))[-4:]:
        line = element_text(el)
        if len(line) <= 80 and not _in_box(el, root) and (value := parse_view_count(line)) is not None:
            return value
    return None


_PAGE_HITS = lxml.etree.XPath("//text()[contains(., 'truy cập trang') or contains(., 'này đã được') "
                              "or contains(., 'page has been')]")  # (and a sentence naming this page's reads)
# the views label after the text, wherever the page sets it (a SharePoint hit counter web part in
# the page's next zone: "Số lượt xem: <b>856</b>"): read only where nothing nearer gave a count
_VIEWS_LABEL_AFTER = lxml.etree.XPath(
    "following::text()[contains(translate(., 'LS', 'ls'), 'lượt xem') or contains(translate(., 'LS', 'ls'), 'lượt đọc')]")
_VIEWS_LABEL_IN = re.compile(r"(?:số\s+)?lượt\s+(?:xem|đọc)\s*[:：]", re.I)  # anywhere in a line
_VIEWS_LABEL = re.compile(r"^\W*" + _VIEWS_LABEL_IN.pattern, re.I)  # opening it
_COUNT_THEN_LABEL = re.compile(r"\d[\d.,]*\s*lượt\s+(?:xem|đọc)", re.I)


# a footer named as the article's (Volto's add-ons' `ytt-article-footer` below the related items,
# WordPress themes' `entry-footer`), not the page's
_ARTICLE_FOOTER = re.compile(r"(?:article|post|entry|news|story|detail)[-_]?footer", re.I)


def _page_furniture(names: str) -> bool:
    """Names of the page's furniture (its footer too, but for one named as the article's)."""
    return bool(_NOT_IN_ARTICLE.search(names)) or bool(_NOT_NEAR.search(names)) and not _ARTICLE_FOOTER.search(names)


def _labelled_views_after(root) -> int | None:
    """The first short line after the text that is a views label and its count, outside boxes of
    other articles (their counts come after the title: "(1.234 lượt xem)", not labelled first)."""
    # (a layout's slot named as one holding the text is no furniture: Percussion's `div.perc-widget`
    # around the post and around its view counter)
    slots = {class_and_id(a) for a in root.iterancestors()}
    for raw in _VIEWS_LABEL_AFTER(root)[:10]:
        line = _text_owner(raw)
        text = element_text(line)
        # (or the count then its label in an element named for the views: SharePoint Online's social
        # bar under the page, `span.sp-socialbar-viewcount` "2.417 lượt xem"; not a "most read" list's
        # "(1.290 lượt xem)" after each title)
        named = bool(_COUNT_THEN_LABEL.fullmatch(text)) and bool(_VIEW_NAMES.search(class_and_id(line)))
        if len(text) > 40 or not (_VIEWS_LABEL.match(text) or named):
            continue
        # (not in a box of other articles' counts, nor the site's; a comments' wrapper, which _NOT_NEAR
        # names, holds the page's own social bar)
        if named and not any(_BOX.search(names := class_and_id(a)) or _SIDEBAR.search(names) or _page_region(a)
                             for a in line.iterancestors()):
            return parse_view_count(text)  # (its own name says what it counts: the bar's other tools no matter)
        if any((names := class_and_id(a)) not in slots and _page_furniture(names) or _page_region(a)
               for a in [line, *line.iterancestors()]):
            continue  # (a site's visitor counter in its footer)
        value = parse_view_count(text)
        if value is not None:
            return value
    return None


def _in_box(el, container) -> bool:
    """In a box named as furniture inside the article's container (a sidebar's "most read" list
    that a page builder's layout sets inside the post's element)."""
    for a in el.iterancestors():
        if a is container:
            return False
        if _BOX.search(class_and_id(a)):
            return True
    return False


def _family_dates(date_els: list, container, root, near, meta, overruled: dict, head=()) -> list:
    """The family's date elements that are the article's; where they are not, the family's answer
    gives way (recorded in `overruled`) to the dates the page shows or states itself."""
    if not date_els:
        return date_els
    if container is None:  # (no title element: the text's own element, where the text shows a date at its head)
        if root is not None and not any(is_inside(el, root) for el in date_els) \
                and visible_date([head], meta.month_first) is not None:
            overruled.setdefault("published", element_text(date_els[0]))
            return []
        return date_els
    # the family's selector also meets the dates of a "most read" box before the article: those of
    # the article's own container, where it has one
    inside = [el for el in date_els if is_inside(el, container)]
    if inside:
        date_els = inside
    elif meta.published or visible_date([near, head], meta.month_first) is not None:
        # only outside it, where the page states its date or shows one beside the text: a header's
        # "today" (DNN's CURRENTDATE token `dnn_dnnCURRENTDATE_lblDate`, met by a news module's
        # `[id$=_lblDate]`; the date an editor typed atop an HTML module's text)
        overruled.setdefault("published", element_text(date_els[0]))
        return []
    if root is not None and all(_after_body(el, root, container) for el in date_els) \
            and visible_date([near], meta.month_first) is not None:
        # only after the text, where the page shows a date between title and text: another item's
        # ("Các tin khác" ... <span class="date">(23/11/2018)</span>, NukeViet 3)
        overruled.setdefault("published", element_text(date_els[0]))
        return []
    if container is not None and (label := _label_before(date_els[0])) and label not in PUBLISHED_LABELS:
        # the date of another field, labelled so, where one of the same kind is labelled as the day of
        # posting (Drupal's event: `time[datetime]`, or a profile's `div.field time`, meets the event's
        # "Thời gian" range before "Đăng ngày")
        posted = [el for el in container.iter(date_els[0].tag) if _label_before(el) in PUBLISHED_LABELS]
        if posted:
            overruled.setdefault("published", element_text(date_els[0]))
            return posted
    return date_els


def _label_before(el, levels: int = 3) -> str:
    """The short label of a field set before the element or one of its few wrappers ("Đăng ngày",
    "Thời gian"), lower-cased without its colon; "" where none is."""
    for node in itertools.islice(itertools.chain([el], el.iterancestors()), levels):
        prev = node.getprevious()
        if prev is not None:
            label = element_text(prev).rstrip(" :：").casefold()
            return label if len(label) <= 30 else ""
        if node.getparent() is not None and (node.getparent().text or "").strip():
            return ""
    return ""


def _unheard_label(el) -> str:
    """The label only a screen reader reads just before an element, "" where none: a field's value
    beside its label hidden from the eye (OpenCms Mercury's `<span class="sr-only">Tác giả: </span>
    <div>Minh Hằng</div>`, WordPress themes' `screen-reader-text`)."""
    prev = el.getprevious()
    if prev is None or (prev.tail or "").strip() or not hidden_by_class(prev.get("class")):
        return ""
    return clean_text("".join(prev.itertext())) + " "


# The CMS account that posted the page, not a person who wrote it (Joomla's "Viết bởi Quản trị
# viên", "Super User", WordPress's "admin"; a blog's nameless profile, Blogger's "Unknown"; a login
# in small letters joined by underscores, dashes or dots or ending in digits, no one's name: GetSimple's
# "Tác giả: bientap_qn", Soledad's "bbt-thachha", Drupal's "bientap01", an Umbraco vendor's
# "Người đăng: vanphong.ubnd"): no author.
_ACCOUNT = re.compile(r"^(quản trị viên|quản trị|quantri(vien)?|administrator|admin|super ?user|webmaster|root|editor|"
                      r"biên tập viên|người quản trị|unknown|anonymous|(?-i:[a-z0-9]+(?:[._-][a-z0-9]+)+|[a-z]+[0-9]+)"
                      # (the administrator's account named for the site: "Quản trị Cổng TTĐT", "Admin website")
                      r"|(?:quản trị viên|quản trị|administrator|admin)\s+"
                      r"(?:cổng|website|trang|hệ thống|portal|site)\b.{0,40}"
                      # (or "Admin" and whatever names it: the publication's, Substack's "Admin Tuổi trẻ Hải Hậu")
                      r"|(?:administrator|admin)\s+.{1,40})$", re.I)


# a publisher's copyright line, never a writer ("Publié par Groupe d'Études Géopolitiques. © 2020 GEG.
# Tous droits réservés.", a site's footer)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|all rights reserved|droits réservés|alle rechte|bản quyền", re.I)


# a template's variable the server left unfilled, the field empty: no one ("$URLMapContent.tacGia",
# dotCMS's Velocity; "${author}", "{{ author }}", "<%= author %>", Squiz Matrix's "%asset_metadata_tac_gia%")
_TEMPLATE_LEFT = re.compile(r"^(?:\$!?\{?[A-Za-z_][\w.]*\}?|\{\{.*\}\}|<%.*%>|#\{.*\}|%[a-z][\w.^:-]*%)$")


# a byline's label in other languages before the name ("By LISA MASCARO", "Posted by K A", "von
# Michael Andrusio", "Autor: Georg Holzer"), or a few words and "By" before it ("News By John-Paul
# Clark": the section's name in the byline's line); and the label alone where no name follows it
# ("Posted on"), or a line ending in a colon (a label whose value is elsewhere)
_BY_LABEL = re.compile(r"^(?:(?:posted|written|published|artikel)\s+)?(?:by|von|par|por|door|autor|author)\s*[:：]?\s+(?=\S)"
                       r"|^.{0,40}?\sBy\s+(?=[A-Z])", re.I)
_LABEL_LEFT = re.compile(r"^((posted|written|published)(\s+(on|by|in))?|by|von|autor|author|full bio|biography"
                         r"|published .* ago)\s*:?$|.*[:：]$", re.I)


_LINE_INLINE = frozenset(["b", "strong", "i", "em", "font", "span"])


def _person_icon(el) -> bool:
    """The element opens with an icon drawing a person (Font Awesome's `fa-user`, Bootstrap's
    `bi-person`, `glyphicon-user`) and a name after it."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is None or (el.text or "").strip() or first.tag not in ("i", "span", "svg") or element_text(first) \
            or not _PERSON.search(first.get("class") or ""):
        return False
    name = element_text(el)  # (a name: no count, no label, "Đang online: 15" beside the same icon)
    return bool(name) and not any(c.isdigit() or c in ":：" for c in name)


_PERSON = re.compile(r"(^|[\s_-])(user|person|author)([\s_-]|$)", re.I)


def _author_box_after(container, limit: int = 3) -> str | None:
    """The author's box among the few blocks right after the article's container: a labelled line
    (mojoPortal's `div.article-author` "Tác giả: Hoàng Văn Nam"), or the element naming the author
    under the box's heading (CoreMedia's `section.cm-details__authors`, "Tác giả" above
    `h3.cm-author__headline` and the author's description)."""
    if container is None:
        return None
    for _, box in zip(range(limit), container.itersiblings()):
        if not isinstance(box.tag, str) or not _AUTHOR_NAMES.search(class_and_id(box)):
            continue
        m = _AUTHOR_LINE.match(element_text(box))
        if m and len(m.group(2)) <= 80:
            return clean_text(m.group(2))
        named = next((el for el in box.iterdescendants() if isinstance(el.tag, str)
                      and _AUTHOR_NAME_ELEMENT.search(class_and_id(el))), None)
        name = element_text(named) if named is not None else ""
        if 2 <= len(name) <= 60 and not _AUTHOR_LABEL_ALONE.match(name):
            return name
    return None


_AUTHOR_NAME_ELEMENT = re.compile(r"author[_-]*(?:name|headline|title)\b", re.I)


def _user_page_link(el, value: str) -> bool:
    """A link to a site account's page (`home.php?mod=space&uid=2`, `/members/x`) naming a handle
    of one word, not a person's name."""
    href = (el.get("href") or "") if el.tag == "a" else ""
    return " " not in value and bool(_USER_PAGE.search(href))


_USER_PAGE = re.compile(r"[?&](uid|user_?id|userid)=|mod=space|/(users?|members?|profile|space)/|(?:^|/)member\.php\?",
                        re.I)


_UID_FIELD = lxml.etree.XPath("//*[contains(concat(' ', normalize-space(@class), ' '), ' field--name-uid ')]")


def _byline_name(found: str) -> str:
    """A byline's name without its label and the separator after it (phpBB's "Bài viết bởi
    tranvanlong88 »" before the post's time)."""
    name = _BY_LABEL.sub("", found)
    return BYLINE_LABEL.sub("", name, count=1).rstrip(" »›|·•") if name.endswith(("»", "›")) else name


def _account_handle(author: str, tree) -> bool:
    """The name is a handle of one word that a link to its account's page spells (vBulletin's "bởi
    <a href="member.php?7-vanphong">vanphong</a>"): the account that posted, not a writer."""
    if not (author.isascii() and author.islower() and author.isidentifier()):
        return False  # (a handle as an account is named: "vanphong", "bientap"; not a brand, "LinkNaija")
    if any(_user_page_link(a, author) and element_text(a) == author for a in tree.iter("a")):
        return True
    # (or an element whose RDFa subject is the account's page: Drupal's `<span about="/user/5"
    # typeof="schema:Person">vanphong</span>` in "Bởi vanphong, Thứ ba, ...", no link)
    if any(_USER_PAGE.search(el.get("about")) and element_text(el) == author for el in _ABOUT(tree)):
        return True
    # (or Drupal 8's user reference field, its submitted line's `span.field--name-uid` "bientap": the
    # account, whatever the theme does with its link)
    if any(element_text(el) == author for el in _UID_FIELD(tree)):
        return True
    # or labelled as the account that posted it (a vendor's Flask template: "Đăng bởi: vanphong" beside
    # the date and the count), where a writer's name is labelled "Tác giả", "bởi" (Plone prints the
    # login under "bởi" where the user has no full name: that one stays the author)
    return any(_POSTED_BY.fullmatch(element_text(_text_owner(text))) for text in _TEXT_HOLDING(tree, word=author))


def _text_owner(text):
    """The element a text node of an XPath answer is written in (a tail's: its element's parent)."""
    owner = text.getparent()
    return owner.getparent() if text.is_tail and owner.getparent() is not None else owner


_TEXT_HOLDING = lxml.etree.XPath("//text()[contains(., $word)]")
_ABOUT = lxml.etree.XPath("//*[@about]")
_POSTED_BY = re.compile(r"(?:đăng bởi|người đăng|posted by)\s*[:：]?\s*[a-z][a-z0-9_]*", re.I)


def _structured_author_shown(name: str | None, near) -> str | None:
    """The author the page's structured data names (JSON-LD's Person), where the line by the title
    shows that name as an item of its own, unlabelled (Hugo PaperMod's "08/06/2023 · 2 phút · 381 từ
    · Phòng Nội vụ huyện · Lượt xem: 3.072"): a site's default name would not be set there."""
    if not name:
        return None
    return name if any(name in map(clean_text, _LINE_ITEMS.split(text)) for text, _ in near) else None


_LINE_ITEMS = re.compile(r"[·|•]")


def _author(select, near, after, head=()) -> str | None:
    for el in select("author"):
        value = author_from_element(el)
        if value:
            return value
    near_els = []
    for _, el in near:
        if el not in near_els:
            near_els.append(el)
    el = generic.find_author_element(after)
    if el is None:
        # (the piece's element or one of its two nearest ancestors named for the author: Ghost's
        # `h4.author-name > a`)
        named = []
        for e in near_els:
            # (or a link marked as the author's, `<a rel="author">`, or the author's schema.org microdata)
            owner = next((a for a in (e, *itertools.islice(e.iterancestors(), 2))
                          if _AUTHOR_NAMES.search(class_and_id(a)) or "author" in (a.get("rel") or "").split()
                          or a.get("itemprop") == "author"), None)
            if owner is not None and owner not in named:
                named.append(owner)
        el = generic.find_author_element(named)
    if el is None:
        # the item opened by a person's icon (Mura's `<li><i class="fa fa-user"></i> Thanh Hương</li>`)
        el = next((e for e in near_els if _person_icon(e)), None)
    value = author_from_element(el) if el is not None else None
    if value and not _ACCOUNT.match(_BY_LABEL.sub("", value)):
        # (the account that posted passed for the byline after it: Payload's "Đăng bởi Quản trị Cổng
        # TTĐT" in `p.PostHero_authors`, then "Thực hiện: Minh Khôi")
        return value  # (not a label alone the class names: Newsmag's `div.td-author-by` "Đăng bởi", its name beside)
    # a byline by its label between title and body, whatever its element is named (Joomla's
    # <dd class="createdby">Viết bởi NAME</dd>), or heading the body's element (Joomla 1.5's
    # table, its byline row above the date's and the text's)
    pieces = [*near, *head]
    for (text, label_el), (_, value_el) in zip(pieces, pieces[1:]):
        if _AUTHOR_LABEL_ALONE.fullmatch(label := clean_text(text)) or AUTHOR_LABEL.fullmatch(label):
            # the label in its cell, the name in the next (Lotus Domino's `<td><b>Tác giả:</b></td><td>Name</td>`),
            # or the name written after the label's element in a line of fields (DedeCMS's `<small>Tác
            # giả:</small>Minh Tuấn <small>Lượt xem:</small>1.234`), or a story's credit in its own
            # `<span>` before the name (Payload's hero: "Thực hiện: " then `<strong>Minh Khôi</strong>`)
            tail = clean_text(label_el.tail) if label_el.text and text in label_el.text else ""
            value = tail if 2 <= len(tail) <= 80 else author_from_element(value_el)
            if value and not tail and _user_page_link(value_el, value):
                continue  # the posting account's handle (Discuz!'s `home.php?mod=space&uid=2`), the writer named later
            if value and not _ANOTHER_FIELD.match(value):
                return value
    for text, owner in pieces:
        if BYLINE_LABEL.match(text) or _AUTHOR_LINE.match(text) or _AUTHOR_LINE.match(_unheard_label(owner) + text):
            value = author_from_element(owner)
            if not value and owner.getparent() is not None and not BYLINE_LABEL.sub("", element_text(owner)):
                # the label alone in its element, the name beside it (JNews: `<div class="jeg_meta_author">
                # <span class="meta_text">Bởi</span> <a>Ngọc Anh</a></div>`): the line is the parent
                value = author_from_element(owner.getparent())
            if not value and (m := _AUTHOR_LINE.match(text)):
                # the labelled name as a piece of its own in a line of fields (Discuz!'s "| Tác giả: Minh
                # Hải | Từ: ..." after the account's link), up to the next field
                value = clean_text(_FIELD_GAP.split(m.group(2), maxsplit=1)[0])
                value = value if 2 <= len(value) <= 80 and ":" not in value else None
            if value:
                return value
    for text, _ in near:
        # the author's label in the middle of a line of fields (EmpireCMS's "Thời gian đăng: 16/03/2023
        # 09:25   Tác giả: Lò Thị Hoa   Nguồn: Văn phòng ...   Lượt xem: "): up to the next label
        m = _AUTHOR_IN_LINE.search(text)
        value = clean_text(_FIELD_GAP.split(m.group(1), maxsplit=1)[0]) if m else ""
        if value and ":" not in value and "：" not in value and len(value) <= 80:
            return value  # (not "Tác giả:   Nguồn: Hội LHPN huyện", the name left empty)
    for text, _ in _pieces_and_tails(after):
        m = _AUTHOR_LINE.match(clean_text(text))
        if m and len(m.group(2)) <= 80:
            return clean_text(m.group(2))
    signed = _line_after_rule(after[0]) if after else None
    if signed is not None and not any(c.isdigit() for c in element_text(signed)):
        # a bold line set apart from the text by a rule (SPIP's post-scriptum `div.ps`: `<hr><p><strong>Đức
        # Mạnh</strong></p>`): the writer's signature
        name = author_of_line(signed, signed)
        if name:
            return name
    line = after[0] if after and all(c.tag in _LINE_INLINE for c in after[0]) else None
    if line is not None and not any(c.isdigit() for c in element_text(line)):
        # the line right after the text, set right, alone in its element (or in bold or italic
        # there: a classic ASP site's `<div align="right"><b>Thu Hằng</b></div>`) and no date or
        # count (a vendor's `<div class="text-end fw-bold">Quang Minh</div>` after CKEditor's content)
        name = author_of_line(line, line, set_right=True)
        if name:
            return name
    for block in after:  # a label in its own <strong>: the line is the paragraph, not one text piece
        for el in block.iter("p", "div", "span"):
            if any(c.tag in ("p", "div") for c in el):
                continue  # the line itself, not a box of lines ("Tác giả: ..." above "Nguồn tin: ...")
            text = element_text(el)
            if len(text) > 100:
                continue
            if BYLINE_LABEL.match(text):
                value = author_from_element(el)
                if value:
                    return value
            m = _AUTHOR_LINE.match(text)  # NukeViet's "<strong>Tác giả: </strong>Trần Minh Hằng"
            if m and 2 <= len(m.group(2)) <= 80:
                return clean_text(m.group(2))
    return None


# A category named by its label beside the article ("Chuyên mục: <a>Nông nghiệp</a>"): the article's
# own, where a breadcrumb may end at the page of the module that shows it (EasyDNN's news page).
_CATEGORY_FIELDS = {"chuyên mục", "danh mục", "thể loại", "chủ đề", "category", "categories", "kategorie", "rubrik"}
_AUTHOR_FIELDS = {"tác giả", "người viết", "author", "autor"}
_CATEGORY_LABEL = re.compile(r"^(" + "|".join(sorted(_CATEGORY_FIELDS, key=len, reverse=True)) + r")\s*[:：]\s*(.*)$",
                             re.I)  # (the label words one list: a label in its own element is read by _field_values)


# libxml2 finds the text nodes holding a colon; the label's regex decides
_LABEL_TEXTS = lxml.etree.XPath(".//text()[contains(., ':')]")


_VALUE_TAGS = frozenset(["b", "strong", "em", "i"])  # a label's value set in bold ("Chuyên mục: <b>Kinh tế</b>", MOSS)


# a tag's page: `/tag/<name>`, `/tags/<name>`, Grav's `/tag:<name>`, `?tag=<name>`
_TAG_ADDRESS = re.compile(r"/tags?(?:/|:)|[?&]tags?=", re.I)


def _labelled_category(scope) -> str | None:
    for raw in _LABEL_TEXTS(scope):
        if len(raw) > 200 or not _CATEGORY_LABEL.match(raw.strip()):  # (a line of its own: "\n\tChuyên mục: X\n\t")
            continue
        m = _CATEGORY_LABEL.match(clean_text(raw))
        if not m:
            continue
        owner = raw.getparent()
        link = owner.getnext() if raw.is_tail else next(iter(owner), None)
        if link is not None and link.tag != "a" and len(link.findall(".//a")) == 1:
            link = link.find(".//a")  # (the link in a wrapper: Plone's "Chủ đề: <span><a rel=tag>")
        if link is not None and link.tag == "a" and _TAG_ADDRESS.search(link.get("href") or ""):
            continue  # a tag's page, no category ("Chủ đề: <a href="/tin-tuc/tag/nong-thon-moi">", HubSpot's)
        value = m.group(2) or (element_text(link) if link is not None and (
            link.tag == "a" or link.tag in _VALUE_TAGS and not (raw.is_tail or (link.tail or "").strip())) else "")
        if not value and not raw.is_tail and not len(owner) and owner.getnext() is not None:
            # a field's label and its value side by side (Drupal's field-label, field-items)
            value = _field_value(owner.getnext())
        # (the line going on with the date after a bar: Mobirise's "Chuyên mục: Tin địa phương | Ngày
        # 28/12/2022")
        value = _first_name(LINE_PARTS.split(value, maxsplit=1)[0])
        return value if 2 <= len(value) <= 60 else None
    return None


def _labelled_category_after(container, limit: int = 2) -> str | None:
    """A labelled category line among the few blocks with text right after the article's container
    (Typesetter's Simple Blog: `div.category_container` "<b>Chuyên mục:</b> <a>Thông báo</a>" after the
    post, past an empty `div.clear`)."""
    boxes = (box for box in container.itersiblings() if isinstance(box.tag, str) and shows_text(box))
    return next((found for _, box in zip(range(limit), boxes) if (found := _labelled_category(box))), None)


def _first_name(names: str) -> str:
    """The first of a list of names: a comma before a capital parts the list ("Tuyển dụng, Giáo dục
    - Đào tạo"); before a word in lower case it goes on with one name ("Phổ biến, giáo dục pháp luật",
    Realblog's category)."""
    for m in _COMMA.finditer(names):
        if m.end() == len(names) or names[m.end()].isupper():
            return names[:m.start()].strip()
    return names.strip()


_COMMA = re.compile(r",\s*")


# An element the article's container names for its categories or taxonomy, holding one link or none: the 2sxc News
# app's `<span class="app-news-categories"><a>Chuyển đổi số</a></span>` in the line under the title
# (its module's heading and the breadcrumb name the news page, "Tin tức - Sự kiện")
# (plain contains() of the spellings met: translate() for any case cost 2% of a sample page)
# the words of a class naming a category's box ("category", "chuyen-muc", "taxonomy")
_CATEGORY_CLASS_WORDS = ("ategor", "huyen-muc", "huyenmuc", "huyenMuc", "taxonom")
_CATEGORY_HOLDERS = lxml.etree.XPath(
    ".//@class[" + " or ".join(f"contains(., '{word}')" for word in _CATEGORY_CLASS_WORDS) + "]")
_CATEGORY_CLASS = re.compile("|".join(_CATEGORY_CLASS_WORDS))


_DECORATION = " -‐–—|·•"
_BYLINE_START = re.compile(r"(posted |written )?by\b|(đăng |viết |gửi )?bởi\b", re.I)


def _just_above(el, title_el, levels: int = 3) -> bool:
    """`el` is in the block just before the title's: the title's element, or a wrapper of it, is
    the next after `el` or after a wrapper of `el` (Squarespace's `div.blog-meta-section` holding
    the category's link and the date, then `div.blog-item-title` holding the <h1>): a short block
    with no other link (not a teaser's or a menu's line)."""
    title_chain = [title_el, *list(title_el.iterancestors())[:levels]]
    node = el
    for _ in range(levels + 1):
        following = node.getnext()
        if following is not None and any(following is t for t in title_chain):
            return node is el or sum(1 for _ in node.iter("a")) <= 1 and len(element_text(node)) <= 80
        node = node.getparent()
        if node is None or any(node is t for t in title_chain):
            return False
    return False


_PARENT_CATEGORY = re.compile(r"parent[-_]?categor", re.I)


def _classed_category(scope, title_el, root) -> str | None:
    """Between the title and the text, or the title's kicker just above it, only: a page's other
    category boxes are the site's menus."""
    if title_el is None or root is None:
        return None
    apart = title_el is not scope and root is not scope
    for class_value in _CATEGORY_HOLDERS(scope):
        holder = class_value.getparent()
        links = list(holder.iter("a"))
        if len(links) > 1 or _PARENT_CATEGORY.search(class_and_id(holder)):
            continue  # (Joomla's `dd.parent-category-name` before its `dd.category-name`: the one above it)
        # the kicker (Orchard Core's taxonomy-term badge in the post's header; a Liferay template's
        # news-category over its <h1>, where the family's body element holds title and all)
        kicker = _just_above(holder, title_el)
        between = apart and holder is not root and not any(a is title_el or a is root for a in holder.iterancestors()) \
            and _before(title_el, holder, scope) and _before(holder, root, scope)
        if not (kicker or between):
            continue
        # its one link, or its plain text (the TYPO3 news extension's `span.news-list-category`), not
        # a labelled line (Joomla's "Danh mục cha: Tin tức", read as a label elsewhere)
        if links and _TAG_ADDRESS.search(links[0].get("href") or ""):
            continue  # (Grav's Quark marks its tags `p-category`: `/tin-tuc/tag:cam sành`)
        value = element_text(links[0] if links else holder).strip(_DECORATION)
        if not links and (":" in value or _holds_more(holder) or _BYLINE_START.match(value)):
            continue  # (a byline in a box its theme calls "category": "Posted by Konstantin")
        if 2 <= len(value) <= 60 and len(element_text(holder)) <= len(value) + 20:
            return value
        return None
    return None


def _classed_kicker_outside(container, title_el, root) -> str | None:
    """The kicker named a category just above the article's container, the title first in it
    (CivicPlus's `h2.categoryName` over `div.item`, its `h3` and text)."""
    parent, above = container.getparent(), container.getprevious()
    while above is not None and not isinstance(above.tag, str):
        above = above.getprevious()
    if parent is None or above is None or title_el is None or not _CATEGORY_CLASS.search(above.get("class") or "") \
            or next((c for c in container if isinstance(c.tag, str)), None) is not title_el:
        return None
    return _classed_category(parent, title_el, root)



def _holds_more(holder) -> bool:
    """Elements in a box beyond one leaf wrapping all its text (CivicPlus's `h2.categoryName > span`)."""
    return len(holder) > 1 or len(holder) == 1 and (
        (holder.text or "").strip() or (holder[0].tail or "").strip() or not isinstance(holder[0].tag, str)
        or len(holder[0]) > 0)


# A field's label in its own element, its value in the next (Drupal 8+'s field__label /
# field__item, the colon added by the theme's CSS): "Chuyên mục" | "Giáo dục - Đào tạo".
# (and a heading with the value written after it: YOOtheme ZOO's `<div class="element element-text">
# <h3>Tác giả</h3>Hồng Nhung</div>`)
# (and a table's header cell before its value's: b2evolution's custom fields, `<tr><th>Tác giả:</th><td>Nguyễn Hoàng</td>`)
_LABEL_ELEMENTS = lxml.etree.XPath(".//*[contains(@class, 'label')] | .//*[self::h2 or self::h3 or self::h4 or self::h5 "
                                   "or self::h6][normalize-space(following-sibling::node()[1][self::text()])]"
                                   " | .//th[following-sibling::*[1][self::td]]")
_FIELD_NAMES = _CATEGORY_FIELDS | _AUTHOR_FIELDS


def _field_value(el) -> str:
    """A field's value element's text; of a list of several links, the first (Blogifier's categories,
    `ul.post-meta-cats-list`: "Tin tức - Sự kiện", "Chuyển đổi số"), as a trail's first is the section."""
    links = list(itertools.islice(el.iter("a"), 2))
    return element_text(links[0] if len(links) > 1 else el)


def _field_values(scope) -> dict[str, str]:
    """{label, lower case: value} of the fields labelled in their own element (one walk a page)."""
    found: dict[str, str] = {}
    if scope is None:
        return found
    for label in _LABEL_ELEMENTS(scope):
        if len(label):
            continue
        name = element_text(label).rstrip(" :：").lower()
        if name in _FIELD_NAMES and name not in found:
            value_el = label.getnext() if "label" in (label.get("class") or "") or label.tag == "th" else None
            # (the value written right after its label's element: Drupal 6's CCK field,
            # `<div class="field-label-inline-first">Tác giả:&nbsp;</div> Thu Hiền`)
            value = clean_text(label.tail) or (_field_value(value_el) if value_el is not None else "")
            if 2 <= len(value) <= 80:
                found[name] = value
    return found


def _named(fields: dict[str, str], names: set[str]) -> str | None:
    return next((value for name, value in fields.items() if name in names), None)


def _category(tree, select, meta, title, container=None, fields=None, form_category=lambda: None,
              landmarks=(None, None), aside=(), near=(), row_category=lambda: None) -> str | None:
    labelled = None
    if container is not None:
        # (a property row's too: Notion's "Chuyên mục" row and its pill)
        labelled = _labelled_category(container) or _named(fields or {}, _CATEGORY_FIELDS) or row_category() \
            or _classed_category(container, *landmarks) or _labelled_category_after(container) \
            or _classed_kicker_outside(container, *landmarks) \
            or _category_link_near(near)
    if labelled:
        return labelled
    crumbs = select("category")
    if not crumbs:
        found = generic.find_breadcrumb(tree)
        crumbs = [found] if found is not None else []
    for el in crumbs:
        value = category_from_breadcrumb(el, title, address=meta.url)
        if value and names_page_file(value, meta.url):
            # a trail ending at the page's own file (SharePoint's "Thông báo › DispForm"): the
            # form's named category, else the item before
            value = form_category() or category_from_breadcrumb(el, title, meta.url)
        if value:
            return (_deeper_trail(container, value) if container is not None else None) or value
    if meta.breadcrumb:
        value = category_from_items(meta.breadcrumb, title)
        if value:
            return value
    if meta.section:
        return meta.section
    for a in tree.iter("a"):
        if "category" in (a.get("rel") or "").split() or "tag" == a.get("rel"):
            text = element_text(a)
            if text:
                return text
    return _section_link_before(landmarks[0]) or _category_link_aside(aside) or _active_section(tree, meta.url)


def _category_link_aside(aside) -> str | None:
    """The link to a category's page among the post's details in the sidebar (`_post_aside`'s boxes;
    Material for MkDocs' "Trong <a href="../category/tin-tuc-su-kien/">Tin tức - Sự kiện</a>")."""
    links = (a for box in aside for a in box.iter("a"))
    return next((text for a in links if _CATEGORY_ADDRESS.search(urlsplit(a.get("href") or "").path)
                 and (text := element_text(a))), None)


_CATEGORY_ADDRESS = re.compile(r"/(?:category|categories|chuyen-muc|danh-muc)/", re.I)
# (or a listing filtered by it: GoDaddy's builder's `/tin-tuc?blogcategory=L%E1%BB%8Bch+c%C3%B4ng+t%C3%A1c`)
_CATEGORY_QUERY = re.compile(r"[?&][\w-]*categor[\w-]*=[^&]", re.I)


def _category_link_near(near) -> str | None:
    """The one link between the title and the text (`near`'s pieces) to a category's page: the post's
    category chip beside its date in a builder's head, named by no class or label."""
    links = {id(el): el for _, el in near if el.tag == "a" and (href := el.get("href"))
             and (_CATEGORY_QUERY.search(href) or _CATEGORY_ADDRESS.search(path_and_query(href)[0]))}
    text = element_text(next(iter(links.values()))) if len(links) == 1 else ""
    return text if 2 <= len(text) <= 60 else None


_ACTIVE = re.compile(r"(?:^|[\s_-])(?:active|current|selected)(?:$|[\s_-])", re.I)


def _active_section(tree, url: str | None) -> str | None:
    """The menu's item marked as the page's own (`li#active`, `.current-menu-item`) where its link
    is the folder the article's address sits in (Weebly's blog page `/tin-tuc` for
    `/tin-tuc/<post>`, which prints no category of its own): that section's name."""
    path = urlsplit(url or "").path.rstrip("/")
    folder = path.rsplit("/", 1)[0]
    if not folder:
        return None
    for el in tree.iter("li", "a"):
        if not _ACTIVE.search(class_and_id(el)):
            continue
        link = el if el.tag == "a" else el.find(".//a")
        if link is None or urlsplit(join_url(url, link.get("href") or "") or "").path.rstrip("/") != folder:
            continue
        text = element_text(link)
        if 2 <= len(text) <= 60:
            return text
    return None


def _as_spelt_in_links(category: str, tree) -> str:
    """A category set in capitals (a badge's "TIN TỨC - SỰ KIỆN") as the page's links spell it
    ("Tin tức - Sự kiện", the trail's), where one does."""
    folded = category.casefold()
    for a in tree.iter("a"):
        text = element_text(a)
        if text and not text.isupper() and len(text) == len(category) and text.casefold() == folded:
            return text
    return category


_SECTION_SEPARATORS = frozenset(["-", "–", "—", ":", "»", "›", "|", "/"])


def _section_link_before(title_el) -> str | None:
    """The section's link set just before the title in the title's wrapper, a separator between
    (XOOPS's news item: `<span class="itemTitle"><a href="index.php?storytopic=3">Tin tức - Sự
    kiện</a> - &nbsp; <h2>title</h2></span>`), where no trail or label names the category."""
    if title_el is None:
        return None
    link, parent = title_el.getprevious(), title_el.getparent()
    if link is not None and link.tag in ("div", "span", "p") and len(link) == 1 and link[0].tag == "a" \
            and not (link.text or "").strip() and not (link[0].tail or "").strip() and link.getprevious() is None \
            and _SECTION_BOX.search(class_and_id(link)):
        # (the kicker's link in a box of its own: Substack's `div.post-section-label > a` to `/s/<section>/`)
        link = link[0]
    if link is None or link.tag != "a" or parent is None or (parent.text or "").strip() \
            or link.getprevious() is not None:
        return None
    # (or alone on its line above it, a kicker: Publii's `a.post__maintag` to `./chuyen-muc/nong-nghiep/`)
    sep = clean_text(link.tail)
    if sep not in _SECTION_SEPARATORS and (sep or (link.get("href") or "").strip() in ("", "#", "/")):
        return None
    text = element_text(link)
    return text if text and len(text.split()) <= 8 and not SITE_NAME.match(text) else None


# a box named for the section its link names (not a byline's or a date's box above the title)
_SECTION_BOX = re.compile(r"section|categor|kicker|topic|rubri|chuyen-?muc|danh-?muc", re.I)
_TRAIL_SEP = re.compile(r"\s*[>›»→]\s*")
_TRAIL_TAGS = ("div", "p", "span", "ul", "ol", "nav")


def _deeper_trail(container, crumb: str) -> str | None:
    """The last item of a trail beside the article that goes on from the page's trail (DNN's
    breadcrumb knows the tab, "Tin tức - Sự kiện"; the news module's own path line goes on to the
    article's category, "Tin tức - Sự kiện › Kinh tế")."""
    found = {}
    for el in _trail_holders(container):
        links = [a for a in el if a.tag == "a"]
        text = element_text(el)
        if len(text) > 150:
            continue
        parts = [part for part in _TRAIL_SEP.split(text) if part]
        if parts == [element_text(a) for a in links] and crumb in parts[:-1]:
            found[el] = parts[-1]
    if len(found) <= 1:
        return next(iter(found.values()), None)
    return next(found[el] for el in container.iter(*_TRAIL_TAGS) if el in found)  # the first in the page


def _trail_holders(container):
    """The elements under container holding two links or more of their own (in no set order):
    found from the links up, one walk of the links (an XPath testing every element's children and
    text cost 2-3x as much on sample pages: 0.024 -> 0.013 ms a page). A trail's text holds a
    separator, one without gives a single part and is let go by the test above."""
    links: dict = {}
    for a in container.iter("a"):
        parent = a.getparent()
        if a is not container and parent is not container and parent.tag in _TRAIL_TAGS:
            links[parent] = links.get(parent, 0) + 1
    return [el for el, count in links.items() if count > 1]


def _gallery_images(after, url, found: list) -> list:
    """Pictures of a gallery set after the article's text (EasyDNN's, a lightbox's): each opens its
    own full-size file (a link to an image), where a related article's thumbnail links to a page."""
    out, seen = list(found), {i.url for i in found}
    for block in after:
        if not any(IMAGE_FILE.search(a.get("href") or "") for a in block.iter("a")):
            out += [i for i in _album(block, url) if i.url not in seen and not seen.add(i.url)]
            continue  # (no link opens a picture: most pages)
        for find in find_images(block, url):
            link = next((p for p in find.element.iterancestors() if p.tag == "a"), None)
            href = join_url(url, (link.get("href") or "").strip()) if link is not None else None
            opens = href and IMAGE_FILE.search(urlsplit(href).path) and netloc_of(href) == netloc_of(find.image.url)
            if opens and find.image.url not in seen:
                seen.add(find.image.url)
                out.append(find.image if find.image.caption or not link.get("title") else
                           ArticleImage(url=find.image.url, caption=clean_text(link.get("title")), alt=find.image.alt))
    return out


def _attached_photos(boxes, url, seen: set) -> list:
    """The photographs shown in a box of the post's attached files after its text, the box holding
    nothing else, no link around them (a forum post's attached pictures: Moodle's `div.attachedimages
    > img` "Tệp đính kèm x.jpg"); a file type's icon is no photograph, a box of teasers has text, and
    a picture is no box (WordPress classes its thumbnails `attachment-500x383`)."""
    found = []
    for box in boxes:
        if box.tag == "img" or element_text(box):
            continue
        for find in find_images(box, url):
            if PHOTO_FILE.search(find.image.url) and find.image.url not in seen \
                    and not any(a.tag == "a" for a in find.element.iterancestors()):
                seen.add(find.image.url)
                found.append(find.image)
    return found


def _album(block, url) -> list:
    """The pictures of a photo album after the text: a block of photographs and their captions
    under a short heading of its own ("Một số hình ảnh tại lớp học"), no link or script in it, each
    captioned. A related article's thumbnail links its page; an avatar, a banner or a row of logos
    has no caption; a site's how-to steps are screenshots (PNG), not photographs."""
    if block.find(".//img") is None or block.find(".//a") is not None or block.find(".//script") is not None \
            or _NOT_LEAD.search(class_and_id(block)):
        return []
    finds = [f for f in find_images(block, url) if not _small(f.element)]
    captions = sum(len(f.image.caption or "") + 1 for f in finds)
    headings = sum(len(element_text(h)) + 1 for h in block.iter(*_HEADING_TAGS))
    own = _POST_PICTURE.search(class_and_id(block))  # (the post's own picture needs no caption)
    # (each captioned, or most of them, two at least: a Drupal gallery field's picture left without one)
    captioned = sum(1 for f in finds if f.image.caption)
    if not finds or len(element_text(block)) > captions + headings + 3 or not (
            own or captioned == len(finds) or 2 <= captioned and 2 * captioned >= len(finds)) \
            or not all(PHOTO_FILE.search(urlsplit(f.image.url).path) for f in finds):
        return []
    return [f.image for f in finds]


# a block named for the post's own picture (RainLab.Blog's `featured-images` after the text)
_POST_PICTURE = re.compile(r"featured[-_]?images?|(post|entry|article)[-_]?(image|thumbnail|photo)", re.I)


_HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")


_PICTURE_WRAPPER = re.compile(r"(?:^|[\s_-])(?:image|img|photo|picture)(?:$|\s)", re.I)


# the wrapper marked as the article's picture by schema.org's property, in RDFa or microdata (SDL
# Tridion DXA's `div.hero[property="s:image"]`, the headline set over the picture)
_ARTICLE_IMAGE_PROPERTY = re.compile(r"(?:\w+:)?image", re.I)


def _ancestors_below(el, top):
    """el's ancestors up to, not including, top."""
    for a in el.iterancestors():
        if a is top:
            return
        yield a


def _semantic(el) -> bool:
    """An element marked as the article's own: `<article>`, or schema.org's Article type."""
    return el.tag == "article" or "Article" in (el.get("itemtype") or el.get("typeof") or "")


def _lead_images(container, title_el, root, url, base=None) -> list:
    """Pictures between the title and the text in the article's own container: Drupal's image
    field, a theme's picture above the text. Not one inside a box of other articles or a link to
    another page (a related article's thumbnail). `base`: what links resolve against, where not `url`."""
    base = base or url
    if container is None or title_el is None or root is None or title_el is container:
        return []
    blocks, root_line = [], set(root.iterancestors())
    title_line = set(title_el.iterancestors())
    # (and above the title, a figure in the article's own element: Helix3's full-size image over
    # the headline in `<article itemtype=".../Article">`)
    semantic = _semantic(container)
    headline = None
    # (the pictures alone are walked, each placed against the two landmarks: a walk of every
    # element cost 4% of a sample page's extraction)
    for el in container.iter("img"):
        if any(a is title_el or a is root for a in el.iterancestors()):
            continue
        above = _before(el, title_el, container) and (
            # (a figure, or a wrapper named for the picture: Helix Ultimate's `div.article-full-image`)
            semantic and any(a.tag == "figure" or _PICTURE_WRAPPER.search(a.get("class") or "")
                             or _ARTICLE_IMAGE_PROPERTY.fullmatch(a.get("property") or a.get("itemprop") or "")
                             for a in _ancestors_below(el, container))
            # (or a cover photo named by the headline: EasyBlog's `eb-post-image` above the title)
            or (headline := headline or element_text(title_el)) == clean_text(el.get("alt") or "")
            # (or the picture itself set right above the headline, its sibling: Nicepage's post image,
            # `img.u-image` then `h2` in the post's box)
            or el.getnext() is title_el and el.getparent().tag != "a")
        if not above and not (_before(title_el, el, container) and _before(el, root, container)):
            continue
        block = el
        while (parent := block.getparent()) is not None and parent is not container and parent not in root_line:
            if parent in title_line and PHOTO_FILE.search(urlsplit(el.get("data-src") or el.get("src") or "").path):
                break  # a photo in a header piece beside the title and byline (OpenCms Mercury's `detail-visual`)
            block = parent
        if not any(b is block for b in blocks):
            blocks.append(block)
    cover = container.getprevious() if container.getparent() is not None else None
    if cover is not None and isinstance(cover.tag, str) and container.getparent().tag not in ("body", "html") \
            and not element_text(cover) and len(pictures := cover.findall(".//img")) == 1 \
            and clean_text(pictures[0].get("alt") or "") == (headline := headline or element_text(title_el)):
        # a cover photo named by the headline, alone in the block just before the article's own element
        # (eXo's `newsDetails-header > .illustration > img` beside `.newsDetails`, the title's and text's)
        blocks.append(cover)
    out, seen = [], set()
    own_path = urlsplit(url).path.rstrip("/") + "/"
    for block in blocks:
        read_in = block.getparent()
        if _HIDDEN_INSIDE(read_in):
            read_in, block = _shown_copy(read_in, block)
        finds = _pictures_only(block, base, read_in)  # (a caption beside the picture: K2's itemImageCaption)
        if finds is None:  # a block with text: its <figure>s still are pictures (NukeViet's beside the lead),
            # and its tables framing one picture with its caption (NukeViet 3's sapo block)
            frames = [*block.iter("figure"), *(t for t in block.iter("table") if len(t.xpath(".//img")) == 1)]
            finds = [f for frame in frames for f in (_pictures_only(frame, base, block) or [])]
            # and a picture's own wrapper with its caption (Serendipity's `serendipity_imageComment_*`
            # in the entry's first block, its text's opening paragraph beside it)
            finds += [f for frame in _captioned_wrappers(block, frames) for f in (_pictures_only(frame, base, block) or [])
                      if f.image.caption]
        for find in finds:
            if find.image.url in seen:
                continue
            seen.add(find.image.url)
            chain = [find.element, *find.element.iterancestors()]
            # (up to the first that holds the text too: the page's own wrappers, Olivero's
            # `sidebar-grid` around the whole main column, are no box of other things)
            chain = chain[:next((i for i, a in enumerate(chain) if a is container or a in root_line), len(chain))]
            if any(_NOT_NEAR.search(PICTURE_COMMENT.sub("", class_and_id(a))) or hidden_by_style(a.get("style"))
                   for a in chain) or _small(find.element) \
                    or urlsplit(find.image.url).path.lower().endswith(".svg"):
                continue  # (a hidden one: a counter's pixel)
            link = next((a for a in chain if a.tag == "a" and (a.get("href") or "").strip()), None)
            # (a link that opens no page, a lightbox's `<a class="fancybox" data-src=...>`, is none;
            # nor is one to a view of the article's own picture below its address, Plone's
            # `<article>/image/image_view_fullscreen`)
            target = urlsplit(join_url(base, link.get("href")) or "").path if link is not None else ""
            # (nor one to the article itself: HTMLy's featured image linked to the post's own address)
            if link is not None and not IMAGE_FILE.search(target) and target.rstrip("/") + "/" != own_path and not (
                    target.startswith(own_path) and _PICTURE_VIEW.search(target[len(own_path):])):
                continue
            if find.image.caption and (headline := headline or element_text(title_el)) and (
                    find.image.caption == headline or any(is_inside(title_el, el) for el in find.caption_elements)):
                # the header's text beside a cover photo (its `div.caption` holding the h1), not a caption
                # naming the event the headline names ("Quang cảnh Hội nghị ...", Hugo PaperMod's cover)
                find.image.caption = None
            out.append(find.image)
    return _cover_backgrounds(container, title_el, root, base, {i.url for i in out}) + out


def _cover_backgrounds(container, title_el, root, base, seen) -> list:
    """A cover photo drawn as a CSS background between the title and the text, in an element named
    for it and holding no text (Bludit's `div.page-cover-image` with `style="background-image:
    url('/bl-content/uploads/pages/<id>/x.jpg')"`): the article's picture, no <img> of its own."""
    out = []
    for el in _STYLED_BACKGROUND(container):  # (found by libxml2: a walk of every element cost ~4% of a page)
        m = BACKGROUND_URL.search(el.get("style"))
        if m is None or not PHOTO_FILE.search(m.group(1)) or not _COVER_NAMES.search(class_and_id(el)) \
                or element_text(el) or el.find(".//img") is not None:
            continue
        if not (_before(title_el, el, container) and _before(el, root, container)):
            continue
        url = join_url(base, m.group(1).strip())
        if url and url not in seen:
            seen.add(url)
            out.append(ArticleImage(url=url))
    return out


_STYLED_BACKGROUND = lxml.etree.XPath(".//*[contains(@style, 'background')]")
_COVER_NAMES = re.compile(r"cover|hero|featured|feature-image|post-image|article-image|thumbnail", re.I)


_PICTURE_VIEW = re.compile(r"image|fullscreen|zoom", re.I)  # a view of the article's own picture


def _captioned_wrappers(block, frames) -> list:
    """The outermost wrapper below `block` of each picture not in `frames` that holds that one
    picture and a caption-named element (the picture's own box, beside the text's paragraphs)."""
    out = []
    for img in block.iter("img"):
        if any(is_inside(img, f) for f in frames + out):
            continue
        found, node = None, img.getparent()
        while node is not None and node is not block:
            if len(node.xpath(".//img")) != 1:
                break
            if any(CAPTION_CLASS.search(c.get("class") or "") for c in node.iter() if isinstance(c.tag, str)):
                found = node
            node = node.getparent()
        if found is not None:
            out.append(found)
    return out



# an element hidden by its style: SharePoint's field labels ("Hình ảnh Trang", "Chú thích Hình ảnh")
# beside a page's picture and its caption, no text of either
_HIDDEN_INSIDE = lxml.etree.XPath("boolean(.//*[contains(translate(@style, ' ', ''), 'display:none')])")


def _after_body(el, root, container) -> bool:
    return not is_inside(el, root) and is_inside(el, container) and _before(root, el, container)


def _shown_copy(parent, block):
    """A copy of parent without its hidden texts, and block's copy in it (a hidden picture stays:
    NukeViet's full-size copy the thumbnail opens is looked up by its id)."""
    shown = copy.deepcopy(parent)
    shown_block = shown[parent.index(block)]
    drop_hidden(shown, keep_pictures=True)
    return shown, shown_block


_TEXT_BLOCK = 300  # characters: a block of a text, not its lead


def _named_alike(other, block) -> bool:
    """Whether `other` bears every class name of the text's block (`article-body article-body-end` after
    `article-body`), which bears some: not a field beside it that a broad selector names too."""
    names = set((block.get("class") or "").split())
    return bool(names) and names <= set((other.get("class") or "").split())


def _blocks_through(first, last) -> list:
    """The sibling elements from `first` to `last`, the gallery between a text's parts with them."""
    out = [first]
    for el in first.itersiblings():
        if isinstance(el.tag, str):
            out.append(el)
        if el is last:
            break
    return out


def _family_content(index, selectors, html, title_el, overruled: dict) -> list:
    """The family's body element (with its later siblings of the same selector): the first its selectors
    find (in their order) that is not above
    the title nor in the page's chrome where the title is not (Drupal's custom blocks fill the same
    `field--name-body` for the header's date, a section's heading and a sidebar's notices)."""
    for css in selectors or ():
        found = [el for el in _select_first(index, [css], html) if _has_text(el) or el.find(".//img") is not None]
        if not found:
            continue
        if title_el is None:
            return found[:1]
        for el in found:
            if not _apart_from_title(el, title_el):
                # and the text's later blocks the selector names beside it (its closing paragraphs
                # after a photo story's gallery: Cascade's `div.article-body` twice around it), where
                # the first is a text itself (not a lead or an editor's line the checks may overrule)
                later = found[found.index(el) + 1:] if len(element_text(el)) >= _TEXT_BLOCK else []
                siblings = [other for other in later if other.getparent() is el.getparent() and _named_alike(other, el)]
                blocks = _blocks_through(el, siblings[-1]) if siblings else [el]
                return blocks + _story_goes_on(blocks[-1])
        overruled.setdefault("content", css)
    return []


def _story_goes_on(block) -> list:
    """The fields after the text's field that go on with the story, built alike (a class word shared)
    and holding its pictures or prose with no link to another page (Drupal's Paragraphs after the body:
    a photo story's pictures and captions, then its closing text), up to the first that does not (the
    author's field, the tags' links, the files' list)."""
    words = set((block.get("class") or "").split())
    out = []
    for sib in block.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if not words & set((sib.get("class") or "").split()) or _BOX.search(class_and_id(sib)) \
                or any((a.get("href") or "#")[:1] != "#" and not IMAGE_FILE.search(a.get("href")) for a in sib.iter("a")) \
                or not (sib.find(".//img") is not None or len(element_text(sib)) >= 80):
            break
        out.append(sib)
    # (a paragraph of prose among them: pictures alone after the text are its gallery, read as one, the
    # credit closing the text still its last line: Olivero's Blazy gallery after "Bài, ảnh: Phương Thảo")
    prose = any(len(element_text(p)) >= 80 and not any(a.tag == "figcaption" for a in p.iterancestors())
                for sib in out for p in sib.iter("p"))
    return out if prose else []


# words naming a layout's boxes, not what is in them: a body element holding a sidebar or a widget
# area beside the text (Divi's layout in `.entry-content`); a short line only they name is the article's
_SIDEBAR = re.compile(r"sidebar|widget", re.I)
# a box of other articles inside the article's element (not every "widget": Elementor names each block so)
# (nor Olivero's `sidebar-grid`, the main column's layout)
_BOX = re.compile(r"sidebar(?!-grid)|popular|most-?(?:read|view)|hot-?(?:list|news|posts?)|tin-?hot|xem-?nhieu|"
                  r"doc-?nhieu|related|lien-?quan", re.I)
_CHROME_ROLES = frozenset(["complementary", "banner", "contentinfo", "navigation"])


def _apart_from_title(el, title_el) -> bool:
    """Above the title (and not holding it), or in a landmark of the page's chrome that does not hold
    it, or holding the title and a sidebar both (Divi's layout in WordPress's `.entry-content`)."""
    line = [el, *el.iterancestors()]
    if any(a is el for a in title_el.iterancestors()):
        return any(_SIDEBAR.search(class_and_id(d)) for d in el.iterdescendants() if isinstance(d.tag, str))
    for a in line:
        if (a.tag in generic.CHROME_TAGS or a.get("role") in _CHROME_ROLES) and \
                not any(t is a for t in title_el.iterancestors()):
            return True
    top = line[-1]
    return _before(el, title_el, top)


def _before(a, b, top) -> bool:
    """Whether element a starts before element b in the page (both under top, neither inside the other)."""
    line_a, line_b = [a, *a.iterancestors()], [b, *b.iterancestors()]
    line_a, line_b = line_a[:next(i for i, x in enumerate(line_a) if x is top) + 1][::-1], \
        line_b[:next(i for i, x in enumerate(line_b) if x is top) + 1][::-1]
    for x, y in zip(line_a, line_b):
        if x is not y:
            parent = x.getparent()
            return parent.index(x) < parent.index(y)
    return False


def _pictures_only(block, url, read_in=None):
    """The pictures of a block that holds pictures and their captions only, else None: an avatar
    beside its author's name, an icon beside a date, a logo beside a headline are not the article's
    (on web-eval, of 542 pages given a picture from above the text without this test, about a third
    were such). `read_in`: where the pictures are read with their captions (a figure's own caption
    is read from outside it)."""
    # (read in `read_in`, the block's siblings passed over: the parent holds the body's pictures too)
    path = None if read_in is None else \
        next((a for a in [block, *block.iterancestors()] if a.getparent() is read_in), None)
    if path is None:  # (no read_in, or the block is it)
        finds = find_images(block, url)
    else:
        finds = [f for f in find_images(read_in, url, exclude=[c for c in read_in if c is not path])
                 if f.element is block or any(a is block for a in f.element.iterancestors())]
    # (a caption's whole element where it stands in the block: its credit beside it, left out of the
    # caption's words, is the picture's too)
    shown = len(clean_text(" ".join(" ".join(map(element_text, f.caption_elements))
                                    if f.caption_elements and all(is_inside(el, block) for el in f.caption_elements)
                                    else f.image.caption or "" for f in finds)))
    # (and the picture's credit: K2's itemImageCredits "Ảnh: Minh Đức")
    shown += sum(len(element_text(el)) + 1 for el in block.iter() if _CREDIT_NAMES.search(class_and_id(el)))
    # (and a slider's controls, outermost: Bootstrap's carousel "‹ Trước 1 / 2 Sau ›" under its pictures)
    controls = [el for el in block.iter() if isinstance(el.tag, str) and _SLIDER_CONTROL.search(class_and_id(el))]
    shown += sum(len(element_text(el)) + 1 for el in controls if not any(is_inside(el, c) for c in controls if c is not el))
    if not finds or len(element_text(block)) > shown + 3 or _NOT_LEAD.search(class_and_id(block)):
        return None
    return finds


_CREDIT_NAMES = re.compile(r"credit", re.I)
_SLIDER_CONTROL = re.compile(r"(carousel|slider?|swiper|slick)[_-]*(controls?|pagination|arrows?|nav|dots|indicators?)\b", re.I)


_NOT_LEAD = re.compile(r"meta|author|byline|avatar|user|date|time|icon|logo|share|social|profile", re.I)


def _small(img) -> bool:
    """Drawn under 150 pixels wide: an icon or a thumbnail, not the article's picture (a width in
    per cent is the column's share: `width="100%"`, a cover's)."""
    width = re.match(r"\s*(\d+)\s*(%?)", img.get("width") or "")
    return bool(width) and not width.group(2) and int(width.group(1)) < 150


def _attachment_boxes_after(container, limit: int = 3) -> list:
    """Boxes named for attachments among the few blocks right after the article's container (a
    Bootstrap card "Tài liệu đính kèm" set after the <article>)."""
    if container is None:
        return []
    found = [sib for _, sib in zip(range(limit), container.itersiblings())
             if isinstance(sib.tag, str) and (is_attachment_block(sib) or labelled_as_files(sib))]
    if found:
        return found
    # (or in the next zone, the article's alone in its own, its wrappers' only child: Ametys's
    # `div.zone-item` around `div.ametys-cms-service.attachments` "Tệp đính kèm" after the content's
    # zone; Percussion's `div.perc-widget` slots, the post's and then the files' "TÀI LIỆU ĐÍNH KÈM")
    zone = container
    for _ in range(_ZONE_WRAPPERS):
        parent = zone.getparent()
        if parent is None or len([c for c in parent if isinstance(c.tag, str)]) != 1:
            break
        zone = parent
    if zone is container:
        return found
    for _, sib in zip(range(limit), zone.itersiblings()):
        if isinstance(sib.tag, str) and len(element_text(sib)) <= _FILES_ZONE_CHARS:
            found += [sib] if labelled_as_files(sib) else _attachment_blocks_in(sib)
    return found


_FILES_ZONE_CHARS = 600  # a zone of files lists a few names; a longer one is another module's
# only-child wrappers between the article's container and its zone (ImpressCMS: the item's inner
# table, its cell, its row, the item's table, the padded div: four)
_ZONE_WRAPPERS = 5


def _beside_named_file(a, url: str, seen: set) -> bool:
    """A link in the same line as a file's link taken already (Alchemy's `div.download`: the file's
    name, its size, then "[Xem trực tuyến]" to `/attachment/318/show`, the same PDF shown inline)."""
    line = a.getparent()
    return line is not None and any(other is not a and join_url(url, (other.get("href") or "").strip()) in seen
                                    for other in line.iter("a"))


def _more_attachments(select, after, url, found: list[Attachment]) -> list[Attachment]:
    out = list(found)
    seen = {a.url for a in out}
    for root in list(select("attachments")) + after:
        for a in root.iter("a"):
            href = (a.get("href") or "").strip()
            if not is_attachment_link(a, href, root):
                continue
            full = join_url(url, href)
            if full is None or is_preview_icon(a):
                continue
            text = link_name(a)
            if full in seen:
                # (the icon's link first, titled by its action, "Tải tệp"; the file's name on the next:
                # b2evolution's `a.action_icon` beside the named link)
                # (and a file the text links "tại đây" that the files' list after it names: its place
                # and name in the list, TYPO3 news' `news-related-files` after "tải mẫu phiếu tại đây")
                known = next((i for i, f in enumerate(out) if f.url == full), None)
                if known is not None and text and not _LINK_WORDS.match(text) and (
                        not out[known].name or _LINK_WORDS.match(out[known].name)):
                    del out[known]
                    out.append(Attachment(url=full, name=text))
                elif known is not None and text and not _LINK_WORDS.match(text) and not names_file_only(text) \
                        and len(text) > len(out[known].name or ""):
                    # (the text's few words, "xem tại Thông báo số 45/TB-UBND", then the files' box's
                    # fuller name, "... ngày 10/3/2023": the fuller kept, as for a file the text links twice)
                    out[known] = Attachment(url=full, name=text)
                continue
            if (not text or _LINK_WORDS.match(text)) and any(full.startswith(known + "&") for known in seen):
                continue  # the same file again with a flag, its action's words for a name (Google Sites' "Tải xuống": `&d=1`)
            if _LINK_WORDS.match(text.strip("[]() ")) and _beside_named_file(a, url, seen):
                continue  # the file's line's other action, another address of the same file (Alchemy's "[Xem trực tuyến]")
            seen.add(full)
            if not text or _LINK_WORDS.match(text):
                text = clean_text(a.get("title")) or text
            out.append(Attachment(url=full, name=text or None))
    # (a viewer's page of one of them is that file: pdf.js's "Xem trực tuyến" beside its download link)
    return [f for f in out if not views_one_of(f.url, seen)]
