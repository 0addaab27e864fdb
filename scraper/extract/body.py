"""The article body: paragraphs of text, without captions, author line, related lists or chrome.

Works on a copy of the content element(s) so the page tree stays intact for other fields.
"""
from __future__ import annotations

import copy
import html
import itertools
import re
from urllib.parse import parse_qsl, urlsplit

from scraper.extract.canonical import join_url, path_and_query
from scraper.extract.checks import PHOTO_FILE, SITE_NAME
from scraper.extract.dates import find_dates
from scraper.extract.fields import AUTHOR_LABEL, BYLINE_LABEL
from scraper.extract.numbers import parse_view_count, view_label_alone
from scraper.extract.images import (CREDIT_LINE, IMAGE_FILE, PHOTO_LABEL, ImageFind, alt_said_again, named_button_only,
                                    caption_block_text, caption_held, credit_line, find_images, is_centred,
                                    is_set_right, shows_picture, wrappers)
from scraper.extract.model import ArticleImage, Attachment
from scraper.extract.text import (BLOCK_TAGS, VIETNAMESE_LETTER, ElementTexts, class_and_id, clean_text, element_text,
                                  hidden_by_class, hidden_by_style, unsearched)

__all__ = ["BodyResult", "build_body", "author_line_after", "SOURCE_NAME", "drop_hidden",
           "RELATED_HEADING", "strip_author_label",
           "is_boilerplate", "DOC_EXTENSIONS", "SOURCE_LINE"]

# Compiled once: these run per element or per text piece.
_CAPTION_WORD = re.compile(r"caption", re.I)

_DROP_TAGS = ("script", "style", "noscript", "rt", "rp", "iframe", "form", "button", "input", "select", "textarea", "object",
              "embed", "svg", "video", "audio", "canvas", "template", "link", "meta", "map", "title")
_DROP_TAG_SET = frozenset(_DROP_TAGS)
# Class/id words of page furniture found inside content areas.
_BOILERPLATE = re.compile(
    r"(^|[\s_-])(share|sharing|social|print|tools?|toolbar|related|comments?|binh-?luan|tags?|keywords?|"
    r"tu-?khoa|post-views|article-views|view-count|views-count|luot-xem|hits|rating|breadcrumbs?|pagination|pager|navigation|nav|banner|adv?|ads|adspot|"
    r"advert\w*|sidebar|widget|newsletter|subscribe|author-box|video-embed|embed|"
    r"zalo-share-button|fb-like|addthis\w*|back-to-top|gotop|font-?size(?![_-]?\d)|btn|button|other-news|same-cat|"
    r"edit-?section|edit-?link|"  # (the editors' links: MediaWiki's `span.mw-editsection`, WordPress's `span.edit-link`)
    r"tts|text-to-speech|listen|"  # (a reading-aloud tool: "Nghe đọc bài viết", "Giọng đọc: Nữ miền Bắc")
    r"cta)([\s_-]|$)",  # (a call to action: HubSpot's `span.hs-cta-wrapper > a > img.hs-cta-img`, a button's picture)
    re.I)  # (a text-size tool, not a size the editor set: Duda's `span.font-size-16` holding each paragraph's text)
RELATED_HEADING = re.compile(
    r"^(tin|bài|bài viết|tin bài)\s+(liên quan|khác|cùng chuyên mục|cùng loại|đã đưa|mới hơn|cũ hơn)|^các (tin|bài|bài viết) "
    r"(khác|liên quan|đã đăng)|^xem thêm|^đọc thêm|^related (news|articles|posts|stories)|^more (news|stories)|"
    r"^ý kiến bạn đọc|^bình luận|^gửi ý kiến|^(thêm|viết|gửi|để lại) (bình luận|ý kiến)|"  # (JComments' "Thêm bình luận")
    r"^những (tin|bài)|^tin (đọc|xem) nhiều|^có liên quan\b|"  # (Jetpack's "Related")
    # the same boxes on pages in other languages (web-eval: German, English, Spanish, French, Italian)
    r"^(related|similar|recommended|more|other|latest|popular|top) (news|articles?|posts|stories|reads|from|on)\b|"
    r"^you (may|might) (also )?like|^read (more|also|next)\b|^see also\b|^also read\b|^comments?\b|"
    r"^leave a (comment|reply)|^(add|post|write) (a )?comment\b|^share (this|on)\b|^(das|dies) könnte dich (auch )?interessieren|^auch lesen\b|"
    r"^weiterlesen\b|^lust auf mehr\b|^mehr (zum thema|dazu|kolumnen|artikel|news)\b|^lea (también|más|además)\b|"
    r"^le puede interesar|^(veja|leia) (também|mais)\b|^lea\s*:|^mehr zu(m| den)? |^weitere (artikel|beiträge|nachrichten|themen)|"
    r"^das könnte sie (auch )?interessieren|^(lesen|sehen) sie auch|^auch interessant|^ähnliche (artikel|beiträge)|"
    r"^kommentare?\b|^kommentar (hinzufügen|schreiben)|^(diesen artikel|diese seite|mit freunden) teilen|"
    r"^(temas|noticias|artículos) relacionad|^te puede interesar|^lee también|^(articles?|à lire) (similaires|aussi)|"
    r"^(articoli|notizie) correlat|^leggi anche|^czytaj (też|także|więcej)|"
    # what closes a post after its text: no comments yet, its keywords, sources, a press contact
    r"^(keine|no) (kommentare|comments)\b|^schlagw(orte|örter)\b|^das thema könnte (dich|sie) (auch )?interessieren|"
    r"^quellen(angaben)?\s*:?$|^weitere informationen\s*:?$|^(pressekontakt|kontakt)\s*:?$", re.I)
# The line naming where an article was taken from ("Nguồn: Báo Tuyên Quang"), set last as an author
# line is: attribution, neither the article's text nor its author.
SOURCE_LINE = re.compile(r"^\s*\(?\s*(nguồn|nguồn tin|nguồn bài viết)\s*[:：]", re.I)
DOC_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "rar", "7z", "odt", "ods", "odp", "rtf",
                  "txt", "csv")
# (or the file's name followed by its uuid: Liferay's document library,
# `/documents/10181/252400/125-TB-UBND.pdf/6a4f1d2e-9c3b-4e85-a7d0-2b1c8f5e3a97`)
_DOC_URL = re.compile(r"\.(" + "|".join(DOC_EXTENSIONS) + r")(\?|#|$|/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/?(\?|$))",
                      re.I)  # (with its version's query after the uuid: Liferay 7's `?t=1662366811003`)
_GENERIC_LINK_TEXT = re.compile(r"^(tải về|tải xuống|download|xem|tại đây|xem tại đây|chi tiết|file đính kèm|"
                                r"đính kèm|tệp đính kèm|văn bản)?\s*[:.]?$", re.I)
# a file name the server made, no one's words: an upload's md5 or time stamp ("da3c67ade77500dcce936ee1706520a8.pdf")
_MACHINE_FILE_NAME = re.compile(r"[0-9a-f_-]{12,}\.[a-z0-9]{2,5}", re.I)


class BodyResult:
    """What the body pass found: paragraphs, images, attachments, the author line, sanitisable HTML."""

    __slots__ = ("paragraphs", "images", "attachments", "author", "html_root", "galleries")

    def __init__(self):
        self.paragraphs: list[str] = []
        self.images: list[ImageFind] = []
        # furniture-named blocks taken out of the text that open pictures (a theme's gallery slider):
        # their pictures are the article's, read as a gallery's (each link opens its own file)
        self.galleries: list = []
        self.attachments: list[Attachment] = []
        self.author: str | None = None
        self.html_root = None


def is_boilerplate(el) -> bool:
    """Furniture by its class/id words (share bars, tool bars, tags, view boxes, related lists)."""
    names = class_and_id(el)
    if "has-" in names:
        names = _STYLE_PRESET.sub("", names)
    return bool(names) and bool(_BOILERPLATE.search(names)) and not (
        el.tag == "img" and named_button_only(el, names, _BOILERPLATE))


# a block editor's preset size, a style the editor chose, not the font-size tool (Twenty Twenty-Four's
# centred `h2.has-medium-font-size` "Về việc tuyển dụng ..." opening a notice)
_STYLE_PRESET = re.compile(r"(?<!\S)has-\S+-font-size(?!\S)")


def strip_author_label(text: str) -> str:
    """The name of an author line: without its label ("Tác giả:", "Tác giả bài viết:", "Viết bởi"; a photo
    story's "Ảnh:", Ibexa's `div.article-author` "Ảnh: " over its ezauthor field)."""
    return clean_text(BYLINE_LABEL.sub("", PHOTO_LABEL.sub("", AUTHOR_LABEL.sub("", clean_text(text)), count=1),
                                       count=1))


def is_doc_link(href: str | None) -> bool:
    # a file name needs a dot: most links are let go without splitting them (but a sharing link's kind)
    if not href or "." not in href and "/:" not in href and "download" not in href:
        return False
    try:
        path = urlsplit(href).path
    except ValueError:  # an address urllib refuses (see canonical.join_url) is no document to fetch
        return False
    return bool(_DOC_URL.search(path + ("?" if "?" in href else ""))) or bool(_FILE_HANDLER.search(href))


# a wiki's page about a file: its namespace before the file's name in the last segment of the path
_FILE_PAGE = re.compile(r"/[^/:.?#=&]{2,24}:[^/:?#]+\.\w{2,5}(?:[?#]|$)")

# handlers that serve only files, whatever the address's extension: DNN's LinkClick.aspx?fileticket=,
# WebCenter Content's IdcService=GET_FILE, a file's number as the whole query's one key (e107's
# `request.php?file=27`)
_FILE_HANDLER = re.compile(r"[?&](fileticket|IdcService=GET_FILE)\b|\?file(?:_?id)?=\d+$"
                           # (or a SharePoint Online sharing link, its kind after the host: `/:w:/s/<site>/<id>`
                           # a Word file, `:b:` a PDF, `:x:` a workbook, `:p:` a deck)
                           r"|^(?:https?://[^/]+)?/:[wbxp]:/"
                           # (or a files extension's download task: Joomla's Attachments, `/component/attachments/
                           # ?task=download&id=47`; DataLife Engine's `index.php?do=download&id=412`)
                           r"|[?&](?:task|do)=download&(?:amp;)?id=\d+"
                           # (or the file's path as the handler's query: BlogEngine.NET's `/file.axd?file=/x.pdf`, a
                           # vendor's `/Resources/File?path=/Uploads/Files/x.pdf`)
                           r"|[?&](?:file(?:name|path)?|path)=[^&#]*\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|zip|rar|7z)"
                           r"(?:[&#]|$)",
                           re.I)

# Download handlers serve files under URLs without an extension (K2's /item/download/<n>_<name>,
# ASP.NET's GetFile.aspx?id=), and a blob store names none at all (WebCenter Sites'
# /cs/Satellite?blobwhere=<n>&ssbinary=true, whose link text is the file's name,
# "BC_145-BC-UBND.pdf"): inside a block named for attachments, such a link is one.
# (and a forum's: SMF's `?action=dlattach;topic=231.0;attach=907`, TinyPortal's `?action=tpmod;dl=get27`)
_DOWNLOAD_PATH = re.compile(r"download|get_?file|tai-?ve|attachment|fileticket|dlattach|[?&;]dl=", re.I)
_FILE_NAME_TEXT = re.compile(r"^\s*\S[^/\\]{0,150}\.(" + "|".join(DOC_EXTENSIONS) + r")\s*$", re.I)
# Liferay 7.4's friendly document address spells the extension with a dash: /documents/d/site/ke-hoach-215-pdf
_DASHED_EXTENSION = re.compile(r"-(" + "|".join(DOC_EXTENSIONS) + r")$", re.I)
_ATTACHMENT_BLOCK = re.compile(r"attach|dinh-?kem|download|file|document", re.I)  # (EasyDNN's edn_articleDocuments)


_FILE_IN_QUERY = re.compile(r"[?&][^=&]*=[^&#]*\.(?:" + "|".join(DOC_EXTENSIONS) + r")(?:[&#]|$)", re.I)
# a document's media type (PDF, Word, Excel, PowerPoint, OpenDocument, archives)
_DOC_TYPE = re.compile(r"^application/(pdf|msword|vnd\.(ms-|openxmlformats-officedocument|oasis\.opendocument)|zip|"
                       r"x-rar|x-7z|rtf)", re.I)


def is_attachment_block(el) -> bool:
    """An element named for a list of attachments ("attachments", "dinh-kem", "documents")."""
    return bool(_ATTACHMENT_BLOCK.search(class_and_id(el)))


def is_attachment_link(a, href: str | None, stop=None) -> bool:
    """A link to a document: by its address (`is_doc_link`), or a download handler's link or one
    named by a file name, in a block named for attachments (below `stop`, where given)."""
    if not href or href.startswith(("javascript:", "#")) or _FILE_PAGE.search(href):
        return False  # (nor a wiki's page about the file, "/wiki/Tập_tin:KH_245.pdf": its "file info")
    if is_doc_link(href):
        return True
    if _DOC_TYPE.search(a.get("type") or a.get("data-mimetype") or "") or _FILE_NAME_TEXT.match(a.get("title") or ""):
        return True  # the link states a document's type or its file name (Odoo's `<a title="BC-256.pdf"
        # data-mimetype="application/pdf" href="/web/content/4825?download=true">`)
    if _DOWNLOAD_PATH.search(href) and _FILE_IN_QUERY.search(href):
        return True  # a download handler given the file's name (Liferay 5.2's `get_file?...&name=DLFE-4521.pdf`)
    if _DOWNLOAD_PATH.search(href) and _TYPE_ENDS_NAME.search(element_text(a)):
        return True  # a download handler's link naming the file's type ("Thông báo số 45 (PDF)": Google Drive's `/uc?export=download`)
    if not _DOWNLOAD_PATH.search(href) and not _FILE_NAME_TEXT.match(a.text or "") \
            and not _DASHED_EXTENSION.search(href.split("?", 1)[0]) and not _type_stated_after(a):
        return False
    if not element_text(a) and shows_picture(a):
        # a picture's link to its page (WordPress's `rel="attachment wp-att-2818"` in `div#attachment_2818`):
        # tested past the test most links end at, a picture's page linked from a files' box
        return False
    for el in (a, *a.iterancestors()):  # (the link itself named so too: Discuz!'s `a.attach` to `mod=attachment&id=37`)
        if is_attachment_block(el):
            return True
        if el is stop:
            break
    # (or the file's type and size written after it: TinyPortal's "<a>Kế hoạch số 52</a> (PDF, 118 KB)")
    if _type_stated_after(a) and _download_label_before(a):
        return True  # both, whatever the address (CivicPlus's "<b>Tài liệu đính kèm:</b> <a href=
        # "/DocumentCenter/View/4127/Ke-hoach-so-38">Kế hoạch số 38/KH-UBND</a> (PDF, 186 KB)")
    return bool(_DOWNLOAD_PATH.search(href)) and (_download_label_before(a) or _type_icon_before(a)
                                                  or _type_stated_after(a))


def _download_label_before(a) -> bool:
    """A download's label just before the link, in the text's own paragraph ("<strong>Tải về:</strong>
    <a href="/download_file/view/58">Nghị quyết số 45</a>", concrete5's editor link)."""
    prev, parent = a.getprevious(), a.getparent()
    before = (prev.tail if prev is not None else parent.text if parent is not None else "") or ""
    if not before.strip() and prev is not None:
        before = element_text(prev)
    if _ATTACHMENTS_HEADING.fullmatch(clean_text(before)) or _DOWNLOAD_OF.fullmatch(clean_text(before)):
        return True
    # or over the list the link is an item of (Oqtane's blog: "<p><strong>Tệp đính kèm:</strong></p>" over
    # the editor's `<ol>`, `/files/id/166?download` one of its links)
    item = parent if parent is not None and parent.tag == "li" else None
    listing = item.getparent() if item is not None else None
    label = listing.getprevious() if listing is not None and listing.tag in ("ul", "ol") else None
    return label is not None and bool(_ATTACHMENTS_HEADING.fullmatch(element_text(label)))


# a label offering a download of something named in a few words ("Tải mẫu phiếu:", Concrete CMS's editor)
_DOWNLOAD_OF = re.compile(r"(?:tải|download)(?:\s+[^\W\d]+){1,3}\s*[:：]", re.I)


def _type_icon_before(a) -> bool:
    """A file type's icon just before the link (`<img src="icon_pdf.gif"> <a href="downloads.php?download_id=15">`,
    PHP-Fusion's editor; lazy-loaded too)."""
    prev = a.getprevious()
    if prev is None or prev.tag != "img" or (prev.tail or "").strip():
        return False
    return any(_TYPE_ICON.search(prev.get(attr) or "") for attr in _PICTURE_ATTRS)


_PICTURE_ATTRS = ("src", "data-src", "data-original")  # a picture's address, shown or lazy-loaded
_TYPE_ICON = re.compile(r"(?:^|[/_-])(?:" + "|".join(DOC_EXTENSIONS) + r")(?:[-_]?icon)?\.(?:gif|png|svg|jpe?g)$", re.I)


def _file_icon(img) -> bool:
    """A picture that is a link to a document: the file's icon (DedeCMS's attachment table,
    `<a href="….pdf"><img src="/plus/img/addon.gif"></a>` beside the named link), not the article's."""
    link = next((a for a in itertools.islice(img.iterancestors(), 2) if a.tag == "a"), None)
    href = (link.get("href") or "").strip() if link is not None else ""
    if not href or not _DOC_URL.search(urlsplit(href).path) or element_text(link):
        return False
    # (the same file named by a link beside it: a brochure's cover linking to its PDF alone is a picture)
    row = link.getparent().getparent() if link.getparent() is not None else None
    return row is not None and any(a is not link and (a.get("href") or "").strip() == href and element_text(a)
                                   for a in row.iter("a"))


def _section_icon(img, root, document) -> bool:
    """A picture floated at the very start of the text, its link to a page of the site (not a
    picture, not a file), its alt a name the page writes elsewhere (a box's "Bài được đọc nhiều nhất
    của Nông nghiệp - Nông thôn:", a menu's item) and no heading's: the section's icon (PHP-Nuke's
    topic image, `<a href="modules.php?name=News&new_topic=4"><img src="images/topics/x.gif"
    align="right" alt="Nông nghiệp - Nông thôn"></a>`), not the article's picture (a photo's alt
    describes it: "Cánh đồng lúa xã Chí Đám")."""
    if (img.get("align") or "").lower() not in ("left", "right"):
        return False
    link = img.getparent()
    href = (link.get("href") or "").strip() if link is not None and link.tag == "a" else ""
    if not href or href.startswith("#") or IMAGE_FILE.search(urlsplit(href).path) or is_doc_link(href) \
            or element_text(link) or "://" in href and urlsplit(href).netloc:
        return False
    alt = clean_text(img.get("alt") or "")
    if not 2 <= len(alt.split()) <= 8 or document is None or not _named_elsewhere(alt, document):
        return False
    for node in root.iter():  # nothing written before it in the text
        if node is link:
            return True
        if isinstance(node.tag, str) and ((node.text or "").strip() or node.tag == "img"):
            return False
        if node is not root and not any(node is a for a in link.iterancestors()) and (node.tail or "").strip():
            return False
    return False


def _named_elsewhere(name: str, document) -> bool:
    """The page writes the name in its text, and not as (part of) a heading or its <title>."""
    if any(name in element_text(h) for h in document.iter("title", "h1", "h2", "h3")):
        return False
    return name in clean_text(" ".join(t for t in document.itertext() if t.strip()))


def _type_stated_after(a) -> bool:
    """The line states the linked file's type after the link ("<a>Kế hoạch số 215</a> <span>(PDF,
    182 KB)</span>": Sitecore's media handler `/-/media/x.ashx` names no extension)."""
    after = a.tail or ""
    if not after.strip() and (nxt := a.getnext()) is not None:
        after = nxt.text or ""
    return bool(_TYPE_STATED.match(after))


_TYPE_STATED = re.compile(r"^\s*[(\[]\s*(" + "|".join(DOC_EXTENSIONS) + r")\b", re.I)
_TYPE_ENDS_NAME = re.compile(r"[(\[]\s*\.?(" + "|".join(DOC_EXTENSIONS) + r")\s*[)\]]\s*$", re.I)


def remove_keeping_tail(el) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# Joomla's e-mail cloaking: the address is written by a script into the <span id="cloak...">, whose
# own text is a notice ("Địa chỉ email này đang được bảo vệ...", "This email address is being
# protected from spambots"); the script holds the address in quoted pieces, entity-escaped.
_ADDY_TEXT = re.compile(r"addy_text\w*\s*=\s*((?:'[^']*'\s*\+?\s*)+);")
_ADDY = re.compile(r"addy\w*\s*=\s*(?:addy\w*\s*\+\s*)?((?:'[^']*'\s*\+?\s*)+);")
_QUOTED = re.compile(r"'([^']*)'")


def _uncloak_email(script) -> None:
    """The address a cloaking script writes, in place of the notice in the span before it."""
    span = script.getprevious()
    if span is None or not (span.get("id") or "").startswith("cloak"):
        return
    found = _ADDY_TEXT.search(script.text) or None
    pieces = _QUOTED.findall(found.group(1)) if found else [
        p for m in _ADDY.finditer(script.text) for p in _QUOTED.findall(m.group(1))]
    address = html.unescape("".join(pieces)).strip()
    if "@" in address and " " not in address:
        tail = span.tail
        span.clear()
        span.text, span.tail = address, tail


def _opens_pictures(el) -> bool:
    """Whether a block holds pictures each linking a picture file (a lightbox gallery)."""
    return any(IMAGE_FILE.search(a.get("href") or "") and a.find(".//img") is not None for a in el.iter("a"))


def drop_hidden(root, keep_pictures: bool = False) -> None:
    """Remove from `root` (a copy) the elements its page hides by their style; with `keep_pictures`,
    not those holding a picture (NukeViet's full-size copy a thumbnail opens is looked up by its id)."""
    for el in [el for el in root.iter() if isinstance(el.tag, str) and hidden_by_style(el.get("style"))]:
        if el is not root and el.getparent() is not None and not (keep_pictures and el.find(".//img") is not None):
            remove_keeping_tail(el)


def _shown_text(el) -> str:
    """An element's text without what its page hides (SharePoint's field label, `<span
    style="display:none">Chú thích</span>`, before the summary field it names)."""
    if not any(isinstance(h.tag, str) and h is not el and hidden_by_style(h.get("style")) for h in el.iter()):
        return element_text(el)
    shown = copy.deepcopy(el)
    drop_hidden(shown)
    return element_text(shown)


def _caption_read_as_alt(el) -> bool:
    """A line hidden from screen readers only, because it says what the picture just before it says
    in its alt (OpenCms Mercury's `<div class="subtitle" aria-hidden="true">` after the picture's
    box): the eye reads it, it is the caption."""
    prev = el.getprevious()
    if prev is None or el.tag not in ("div", "p", "span", "figcaption"):
        return False
    return any(alt_said_again(el, img) for img in prev.iter("img"))


def _figure_picture(el) -> bool:
    """A figure's picture hidden from screen readers while it loads (Wix's Ricos viewer sets
    `aria-hidden` on the blurred placeholder whose `data-src` is the photo): its caption names it."""
    return el.tag == "img" and any(f.find("figcaption") is not None for f in el.iterancestors("figure"))


def _slide_picture(el) -> bool:
    """A picture of a carousel's slide hidden from screen readers until its turn (Google Sites' image
    carousel: every slide's `img` but the shown one's `aria-hidden`), a slide built like one whose
    picture is shown."""
    slide = el.getparent() if el.tag == "img" else None
    if slide is None:
        return False
    kind = (slide.tag, (slide.get("class") or "").split(" ", 1)[0])
    return any((other.tag, (other.get("class") or "").split(" ", 1)[0]) == kind and any(
        img.get("aria-hidden") != "true" for img in other.iterchildren("img")) for other in slide.itersiblings(preceding=True))


_ZOOM_LABEL = re.compile(r"^\s*(phóng to|xem ảnh lớn|xem ảnh gốc|enlarge|zoom|view larger|vergrößern)\s*$", re.I)


def _in_picture_link(el) -> bool:
    link = next(el.iterancestors("a"), None)
    return link is not None and link.find(".//img") is not None


def _set_captions(root, finds) -> tuple[list, dict]:
    """The captions under sets of pictures with no text inside root (a carousel's box, then a centred
    "Một số hình ảnh tại lễ phát động" box): the set's, no picture's, and no text of the article. And
    where the box under the set holds one short box a picture, each picture's own caption, matched
    by place (an Adobe Muse slideshow's `SSSlideCaptions` stack after its slides). Returns the boxes
    to take out of the text and {index in finds: caption}."""
    out, sets, paired = [], [], {}
    for find in finds if len(finds) > 1 else ():
        node, top = find.element, None
        while (up := node.getparent()) is not None and up is not root and not element_text(up):
            node = up
            top = up if sum(1 for _ in zip(range(2), up.iter("img"))) > 1 else top
        if top is None or any(top is s for s in sets):
            continue
        sets.append(top)
        following = next((s for s in top.itersiblings() if isinstance(s.tag, str)), None)
        if following is None:
            continue
        shown = [i for i, f in enumerate(finds) if any(a is top for a in f.element.iterancestors())]
        captions = _caption_per_box(following, len(shown))
        if captions:
            out.append(following)
            paired.update({i: text for i, text in zip(shown, captions) if text and finds[i].image.caption is None})
        elif caption_block_text(following):
            out.append(following)
    return out, paired


def _captioned(find: ImageFind, caption: str) -> ImageFind:
    """The same picture, given the caption found for it outside its own wrapper."""
    img, image, consumed = find
    return ImageFind((img, ArticleImage(url=image.url, caption=caption, alt=image.alt), consumed))


def _caption_per_box(box, pictures: int) -> list | None:
    """The texts of a box holding one short box of words (or an empty one) for each of the pictures,
    no links or pictures of their own; None where it is not such a box."""
    kids = [k for k in box if isinstance(k.tag, str)]
    if pictures < 2 or len(kids) != pictures or box.find(".//img") is not None or box.find(".//a") is not None \
            or box.tag == "p" or any(k.tag not in BLOCK_TAGS for k in kids):
        return None  # (boxes, not a paragraph's runs of words)
    texts = [element_text(k) or None for k in kids]
    if not any(texts) or any(t and (len(t) > 200 or not any(c.isalpha() for c in t)) for t in texts):
        return None
    return texts


def _file_named_line(el, text: str) -> bool:
    """A label and links each named by a file's name, nothing else."""
    names = [element_text(a) for a in el.iter("a")]
    if not names or not all(_FILE_NAME_TEXT.match(n) for n in names):
        return False
    label = text
    for name in names:
        label = label.replace(name, "", 1)
    return clean_text(label).endswith((":", "："))


def _heading_permalink(a) -> bool:
    """A heading's link to itself by a mark, no word ("#", "¶", "§": markdown-it-anchor's `a.header-anchor`
    in an Eleventy post's `<h2 id=...>`, Sphinx's `a.headerlink`)."""
    href = a.get("href") or ""
    if not href.startswith("#") or len(href) < 2 or any(c.isalnum() for c in element_text(a)):
        return False
    heading = next((h for _, h in zip(range(2), a.iterancestors()) if h.tag in ("h1", "h2", "h3", "h4", "h5", "h6")),
                   None)
    return heading is not None and heading.get("id") == href[1:]


_SLIDE_NUMBER = re.compile(r"\s*(\d{1,3})\s*/\s*(\d{1,3})\s*")


def _slide_number(text: str | None) -> bool:
    m = _SLIDE_NUMBER.fullmatch(text or "")
    return bool(m) and 0 < int(m.group(1)) <= int(m.group(2))


# words for pictures, in the languages of the pages met
_PICTURE_NOUN = r"(?:hình ảnh|ảnh|hình|photos?|pictures?|images?|bilder|fotos?)"
# a gallery's count of its pictures ("Album: 4 ảnh", "12 photos")
_PICTURE_COUNT = re.compile(r"\s*(?:(?:album|thư viện ảnh|gallery)\s*[:：]?\s*)?\d{1,4}\s*" + _PICTURE_NOUN + r"\s*",
                            re.I)


_AUTHOR_CARD = re.compile(r"(^|[\s_-])(author-(?:info|bio|card|description|profile)|about-author)([\s_-]|$)", re.I)
_AUTHOR_PAGE = re.compile(r"/(?:author|authors|tac-gia)/|[?&]author=", re.I)


def _drop_author_cards(root) -> None:
    """The platform's card of the posting account, its avatar and bio, "Xem tất cả bài viết bởi Ban
    biên tập" (Twenty Sixteen's `div.author-info` closing the entry's content): no text, nor the
    author's line, which the credit above it may be. Dropped once the edges are trimmed: at the
    text's end it stood where the edge trim stops (a sources list before it stays)."""
    for el in [el for el in root.iterdescendants() if _AUTHOR_CARD.search(el.get("class") or "")]:
        if el.getparent() is None or not (el.find(".//img") is not None or any(
                _AUTHOR_PAGE.search(a.get("href") or "") for a in el.iter("a"))):
            continue
        size = len(element_text(el))
        if size <= 600 and len(element_text(root)) - size >= 200:  # (not a page that is all the card)
            remove_keeping_tail(el)


def _drop_junk(root, galleries: list | None = None) -> None:
    total = None
    embeds = []  # the embedded objects kept (a list: an lxml proxy let go may hand its id to another)
    buttons = []  # and the buttons to the article's files
    # one walk and a set test (lxml's iter() with 19 tag names costs more than the walk)
    for el in [el for el in root.iter() if el.tag in _DROP_TAG_SET]:
        if el.tag == "noscript" or el.tag == "meta" and el.get("itemprop") == "caption":
            continue  # (a picture's caption stated as microdata only: images._stated_caption)
        if el.tag == "script" and el.text and "addy" in el.text:
            _uncloak_email(el)
        remove_keeping_tail(el)
    # the boxes holding a link to an anchor of the page: the only ones that may be its table of contents
    anchored = {box for a in root.iter("a") if len(a.get("href") or "") > 1 and a.get("href").startswith("#")
                for box in a.iterancestors()}
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            if el.getparent() is not None:
                remove_keeping_tail(el)  # comments and processing instructions
            continue
        if el is root or el.getparent() is None:
            continue
        if el.tag == "a" and _heading_permalink(el):
            remove_keeping_tail(el)
            continue
        if unsearched(el) and not any(is_attachment_link(a, a.get("href"), el) for a in el.iter("a")):
            remove_keeping_tail(el)  # (but for the article's files' list, skipped by the search too)
            continue
        if not len(el) and el.tag in ("div", "p", "li") and (_slide_number(el.text) or _PICTURE_COUNT.fullmatch(
                el.text or "") and el.getparent().find(".//img") is not None):
            # a slideshow's "2 / 3" over its slide's caption, a block of its own: a place, no text (a
            # recipe's "<span>2/3</span> cup" is a span); a gallery's "Album: 4 ảnh" under its pictures
            remove_keeping_tail(el)
            continue
        if el.tag == "span" and _ZOOM_LABEL.match(el.text or "") and not len(el) and _in_picture_link(el):
            remove_keeping_tail(el)  # the picture's own "Phóng to" under it, in its link (Plone's news image)
            continue
        style, cls = el.get("style"), el.get("class")
        if hidden_by_style(style) or el.get("hidden") is not None \
                or (el.get("aria-hidden") == "true" and not _caption_read_as_alt(el) and not _figure_picture(el)
                    and not _slide_picture(el)) \
                or hidden_by_class(cls):
            remove_keeping_tail(el)
            continue
        if el.tag in _BOX_TAGS and el in anchored and _contents_box(el):
            remove_keeping_tail(el)  # (a table of contents, its heading "Nội dung chính" with it: Foxiz's `div.rbtoc`)
            continue
        if is_boilerplate(el):
            if el.tag in ("img", "figcaption") and _WIDGET_NAME.search(class_and_id(el)) and \
                    len(_BOILERPLATE.findall(class_and_id(el))) == 1:
                continue  # an editor's picture widget's own (ApostropheCMS's `img.image-widget`, its caption)
            if el.tag == "p" and _prose(el):
                continue  # a paragraph's class is its style ('has-normal-font-size'), not a tool's name
            if el.tag in _FIELD_HEADINGS and _heads_prose(el):
                continue  # nor a section heading's, over the text it heads (Kadence's `h2.kt-adv-heading…`, "advanced")
            # A class word on a wrapper of much of the text is a theme's naming, not furniture.
            if el.tag not in ("p", "span", "a", "ul", "ol", "li"):
                if total is None:
                    total = len(element_text(root))
                if len(element_text(el)) > max(300, 0.3 * total) or _one_of_sections(el, total):
                    continue
            if _embeds_content(el):
                embeds.append(el)
                continue  # an editor's embedded object, a picture or a file (eZ Publish's `content-view-embed`)
            if embeds and _EMBED_NAME.search(class_and_id(el)) and any(a is e for a in el.iterancestors() for e in embeds):
                continue  # a part of such an object, named for it (Ibexa's `figcaption.embed-image__caption`)
            if _EMBED_NAME.search(class_and_id(el)) and _file_box(el) and any(
                    is_doc_link(a.get("href")) for a in el.iter("a")):
                continue  # an editor's embedded file, its box named for it too (Substack's `div.file-embed-wrapper`)
            if galleries is not None and _opens_pictures(el):
                galleries.append(el)  # (Flatsome's `row-slider` of lightbox links)
            if _BUTTON_NAMES.search(cls or "") and any(is_doc_link(a.get("href")) for a in el.iter("a")):
                buttons.append(el)
                continue  # a button to the article's file (Divi's "Tải về kế hoạch"): its attachment line
            if buttons and _BUTTON_NAMES.search(cls or "") and any(a is b for a in el.iterancestors() for b in buttons):
                continue  # (and its label's own box in it, Kadence's `span.kt-btn-inner-text`: the file's name)
            remove_keeping_tail(el)


def _contents_box(el) -> bool:
    """A box of links to the page's own headings and a short heading of its own, nothing else: the
    text's table of contents (not a slideshow's pictures, each linked to its slide's anchor)."""
    links = [a for a in el.iter("a") if a.get("href") is not None]
    if len(links) < 2 or el.find(".//img") is not None or any(
            not a.get("href").startswith("#") or a.get("href") == "#" for a in links):
        return False
    said = len(element_text(el)) - sum(len(element_text(a)) for a in links)
    return said <= _CONTENTS_HEADING_CHARS


_BOX_TAGS = frozenset(("div", "nav", "aside", "section", "details", "ul", "ol", "table"))
_CONTENTS_HEADING_CHARS = 40  # "Nội dung chính", "Mục lục bài viết", "Table of contents" and the list's numbers
_BUTTON_NAMES = re.compile(r"button|btn", re.I)
_EMBED_NAME = re.compile(r"(^|[\s_-])embed([\s_-]|$)", re.I)
_WIDGET_NAME = re.compile(r"(^|[\s_-])widget([\s_-]|$)", re.I)


def _embeds_content(el) -> bool:
    """Named as an embed and nothing else of the furniture's, holding a picture or a document's link
    and no text but its caption's or the link's: the article's own object set in its text (eZ
    Publish's `content-view-embed` of an image or a file), not a social post's or a teaser's; so is
    a figure named as an editor's widget (ApostropheCMS's `figure.image-widget__wrapper`: its picture
    and caption, where a sidebar's widget is a box around its figure)."""
    names = class_and_id(el)
    # (one furniture word, however often: Ibexa's `embed-image embed-image--6508`)
    if len({m[1].lower() for m in _BOILERPLATE.findall(names)}) != 1 or not (
            _EMBED_NAME.search(names) or el.tag == "figure" and _WIDGET_NAME.search(names)):
        return False
    docs = [a for a in el.iter("a") if is_doc_link(a.get("href"))]
    photos = [img for img in el.iter("img") if any(PHOTO_FILE.search(img.get(attr) or "") for attr in _PICTURE_ATTRS)]
    if not photos and not docs:
        return False  # (a network's placeholder icon, `cb-instagram.png`, is no photograph)
    said = sum(len(element_text(c)) for c in el.iter() if isinstance(c.tag, str) and (
        c.tag == "figcaption" or _CAPTION_WORD.search(c.get("class") or ""))) + sum(len(element_text(a)) for a in docs)
    # (and the file's size beside its link: "Kế hoạch số 125/KH-UBND</a> 886 B")
    return len(_SIZE_BESIDE.sub("", element_text(el)).strip()) <= said + 3


_SIZE_BESIDE = re.compile(r"\(?\b\d+(?:[.,]\d+)?\s*(?:[kKMG]i?)?B\b\)?")


def _fields_list(dl) -> bool:
    """A definition list whose every item is a labelled field ("Danh mục: <a>Tin tức</a>", "Ngày đăng: ...")
    or a line of the post's details (Joomla 2.5's "Viết bởi Phòng Nội vụ", no colon)."""
    items = [element_text(dd) for dd in dl.iter("dd")]
    return len(items) >= 2 and all(_FIELD_LABEL.match(t) or _META_LINE.match(t) for t in items)


_FIELD_LABEL = re.compile(r"^[^\W\d][^:：]{1,30}[:：]\s*\S")


def _prose(el) -> bool:
    """A paragraph of sentences: long, and not a line of links (a share bar's or a tag list's text is
    short or all links). Two web-eval pages lost paragraphs styled 'has-normal-font-size' and
    'font-size-xs' to the font-size tool's class word."""
    text = element_text(el)
    if len(text) < _PROSE:
        return False
    links = sum(len(element_text(a)) for a in el.iter("a"))
    return links < 0.3 * len(text) and text.count(" ") >= 15


_PROSE = 150


def _heads_prose(heading) -> bool:
    """A heading of the text's own: the paragraph after it is prose, and it names no related list."""
    following = heading.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following is not None and following.tag == "p" and _prose(following) \
        and not RELATED_HEADING.match(element_text(heading)[:60])


def _one_of_sections(el, total: int) -> bool:
    """Whether el is one of sibling blocks named alike (tag and class) that together hold much of
    the text, few of it links: the article's sections, whatever word their class carries (a
    test report's sections all named `...Section--Ads` lost 98% of its text on one web-eval page)."""
    parent, cls = el.getparent(), el.get("class")
    if parent is None or not cls:
        return False
    alike = [s for s in parent if s.tag == el.tag and s.get("class") == cls]
    if len(alike) < 2:
        return False
    size = links = 0
    for s in alike:
        size += len(element_text(s))
        links += sum(len(element_text(a)) for a in s.iter("a"))
    return size > max(300, 0.3 * total) and links < 0.3 * size


def _attached(el, root) -> bool:
    return any(a is root for a in el.iterancestors())


_READING_TIME = re.compile(r"\b\d+\s*(?:min(?:ute)?s?\s+read|phút\s+đọc)\b", re.I)
_SENTENCE_OF_WORDS = re.compile(r"^(?:\S+\s+){11,}\S*:$")


def _drop_title(root) -> None:
    """Drop a marked title and everything before it (breadcrumb, category) inside the body copy."""
    marked = next((el for el in root.iter() if isinstance(el.tag, str) and el.get("data-pa-drop")), None)
    if marked is None:
        return
    node = marked
    while node is not None and node is not root:
        while node.getprevious() is not None:
            remove_keeping_tail(node.getprevious())
        parent = node.getparent()
        if parent is not None:
            parent.text = None
        node = parent
    remove_keeping_tail(marked)
    # The date / counter line right under the title is metadata, not body.
    for count, el in enumerate(list(root.iter())):
        if count > 60:
            break
        if el is root or not isinstance(el.tag, str) or not _attached(el, root):
            continue
        text = element_text(el)
        if not text:
            continue
        if len(text) <= 120 and (find_dates(text) or parse_view_count(text) is not None or _READING_TIME.search(text)):
            remove_keeping_tail(el)  # (or the reading time: Medium's byline "Đức Anh · Follow ... 2 min read · Mar 4")
            continue
        if el.tag in BLOCK_TAGS and _has_own_text(el) and (len(text) > 120 or _SENTENCE_OF_WORDS.search(text)):
            # the first real paragraph: metadata is above it (or a shorter sentence announcing the
            # lines after it, the notice's "Chủ tịch UBND huyện tiếp công dân định kỳ tháng 12/2022 như
            # sau:" over its "Thời gian: Ngày 15/12/2022 ...", a line of the text, no date line; not
            # one closed by a stop: a standfirst above the "Autor: ..." and "Data: ..." lines)
            break


def _cut_related(root) -> str | None:
    """A 'Tin liên quan' heading inside the content ends the article: drop it and what follows. The
    author's labelled field among what follows is the article's (Orchard's `p.text-field` "Tác giả:
    ..." printed after the text, whose editor ended it with its related list): its name is returned."""
    for el in list(root.iter()):
        if el.getparent() is None or not isinstance(el.tag, str) or el is root:
            continue
        # Headings are short and say so in their own text (`<p><strong>Tin liên quan:</strong></p>`
        # is caught at the <strong> and climbed from there).
        own = (el.text or "").strip()
        if not own or len(own) > 60 or not RELATED_HEADING.match(own):
            continue
        text = element_text(el)
        if len(text) > 60 or _in_page_link(el):
            continue  # (nor a contents box's item, a link to the heading further down: MediaWiki's toc)
        node = el
        while node.getparent() is not None and node.getparent() is not root and element_text(node.getparent()) == text:
            node = node.getparent()
        if (up := node.getparent()) is not None and up is not root and up.tag in _FIELD_HEADINGS \
                and len(element_text(up)) <= 60:
            node = up  # (the heading holding it beside its own tools: MediaWiki's `span.mw-headline` and edit links)
        total = len(element_text(root))
        tail = len(text) + sum(len(element_text(s)) for s in node.itersiblings() if isinstance(s.tag, str))
        if tail > 0.5 * total or _prose_after(node):
            # A related box near the top of a big container: drop the box, keep the article after it.
            # (or a box between paragraphs, its list gone as a listing's: Publisher's inline related
            # posts `div.bs-irp` between the second and third paragraphs, the text going on after it)
            nxt = node.getnext()
            if nxt is not None and nxt.tag in ("ul", "ol") and len(element_text(nxt)) < 0.3 * total:
                remove_keeping_tail(nxt)
            remove_keeping_tail(node)
            continue
        author = None
        while node.getnext() is not None:
            text = element_text(node.getnext())
            if author is None and len(text) <= 120 and AUTHOR_LABEL.match(text):
                author = strip_author_label(text) or None
            remove_keeping_tail(node.getnext())
        remove_keeping_tail(node)
        return author
    return None


def _prose_after(node) -> bool:
    """The text goes on right after a related heading's box: a paragraph of prose, no link in it."""
    after = node.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    return after is not None and after.tag == "p" and len(element_text(after)) >= 150 and after.find(".//a") is None


def _in_page_link(el) -> bool:
    """Inside a link to an anchor of the page itself."""
    return any(a.tag == "a" and (a.get("href") or "").startswith("#") for a in (el, *el.iterancestors()))


# Lines of furniture by their label: tags, categories, sources of a page's chrome (the "Nguồn:" line
# portals write last in an article is taken off with the author line: _take_author).
_TAIL_LINE = re.compile(r"^(tags?|từ khóa|schlagw(orte|örter)|stichw(orte|örter)|kategorie|categor(y|ies|ía|ie)|"
                        r"themen|share|chia sẻ|teilen|compartir|partager|link rút gọn|đường dẫn rút gọn|shortlink|short url|"
                        r"permalink)\s*:", re.I)


# A call to follow the publisher on a network or to subscribe, at the body's edge ("Follow The
# Gleaner on Twitter and Instagram", "Síguenos en Telegram", "Theo dõi chúng tôi trên Zalo"); the
# line starts with it ("readers who follow the council on Facebook..." is the article's).
_FOLLOW_LINE = re.compile(
    r"^(please |bitte |mời (bạn đọc|quý độc giả|quý vị) )?(follow|folg|s[ií]gue|suivez|seguici|siga|abonn|subscri|suscr[ií]b|"
    r"theo dõi)\w*\b.{0,120}"
    r"\b(twitter|instagram|facebook|telegram|whatsapp|youtube|tiktok|linkedin|mastodon|zalo|newsletter|fanpage)\b", re.I)


# A post's metadata set above or below its text: who posted it and when, when it was updated, how
# long it takes to read (a date alone on a line is one too). The article's own closing lines
# ("Nguồn: ...", an author line) are not among them.
_META_LINE = re.compile(r"^(posted|written|published|submitted|updated|last updated|last (changed|modified)|eingestellt|geschrieben|"
                        r"veröffentlicht|aktualisiert|zuletzt (aktualisiert|geändert)|publié|mis à jour|publicado|"
                        r"actualizado|pubblicato|aggiornato|cập nhật|ngày cập nhật|lần cập nhật cuối|ngày đăng|đăng lúc|đăng ngày|"
                        r"thời điểm thay đổi|(?:sửa|sửa đổi|thay đổi) lần cuối|người tạo|"
                        r"viết bởi|đăng bởi)\b|"
                        # a forum's note that its post was edited ("(Đã chỉnh sửa bởi <a>Quản trị viên</a> - bài gốc
                        # đã gửi ...)", Moodle's `span.edited`)
                        r"^\(?\s*(đã chỉnh sửa bởi|edited by|last edited by)\b|"
                        r"^\d+\s*(min|mins|minutes?|minuten)\.?\s*(read|lesezeit|lesen|de lecture|de lectura)\b|"
                        r"^(lesezeit|reading time)\b|"
                        # the editor who answers for the page, closing the text ("(Biên tập viên: Hoàng Yến)",
                        # DedeCMS's template): neither its author nor its text
                        r"^\(?\s*(biên tập viên|biên tập|btv)\s*[:：]|"
                        # the post's category line after the text (Pimcore's `div.news-footer` "Chuyên mục: <a>Tin tức</a>
                        # Cập nhật lúc: 16/03/2023 08:12")
                        r"^(chuyên mục|danh mục)\s*[:：]", re.I)


# A date alone on a line with the month in words ("11 Jan 2019", "March 3, 2020", "3. März 2020").
_DATE_ALONE = re.compile(r"^(\d{1,2}\.?\s+[^\W\d]{3,10}\.?\s+\d{4}|[^\W\d]{3,10}\.?\s+\d{1,2},?\s+\d{4})$")


def _is_credit(el) -> bool:
    """A short photo credit in its own element ("Ảnh: Ngọc Hân")."""
    if not isinstance(el.tag, str) or len(el):
        return False
    return credit_line(clean_text(el.text or ""))



def _photographer_line(el, root, text: str) -> bool:
    """A photographer's labelled line set right ("Ảnh: Thái Hòa"), or named for the author (Liferay
    6.1 vendor's `p.photo-author` after a photo story's closing text): a photo story's author line,
    not a picture's credit; `root`: up to where its alignment may be set."""
    return bool(PHOTO_LABEL.match(text)) and (_is_right_aligned(el, root)
                                              or bool(AUTHOR_NAMES.search(class_and_id(el))))


# class words naming the author's element
AUTHOR_NAMES = re.compile(r"(^|[\s_-])(author|byline|tac-?gia|signature|nguoi-?viet)", re.I)


def _closing_photo_credit(el, root, text: str) -> bool:
    """A photographer's line that closes the text (vBulletin's `[RIGHT][I][B]Ảnh: Thái Hòa[/B][/I][/RIGHT]`
    ending a photo story): kept for the author's line."""
    if not _photographer_line(el, root, text):
        return False
    node = el
    while node is not None and node is not root:
        if (node.tail or "").strip() or any(isinstance(s.tag, str) and _text_after_credit(s)
                                            for s in node.itersiblings()):
            return False
        node = node.getparent()
    return True


def _text_after_credit(el) -> bool:
    """Text of the article's after a photographer's line: not its share links' line ("Chia sẻ:
    Facebook | Zalo", a Google Sites box under the line), nor a list of other articles under its
    heading, nor a line of dates (a theme's "Tin cùng chuyên mục" box, then the file's last-changed
    and created days, inside the article's element: Material for MkDocs')."""
    text = element_text(el)
    if not text or len(text) < 200 and (_TAIL_LINE.match(text) or _FOLLOW_LINE.search(text)):
        return False
    # (nor the tags' links under their heading, nor the counter's line: Drupal's `field--name-field-tags`
    # "Từ khóa" and `node__links` "964 lượt xem | In bài viết" after Thunder's text)
    if len(text) <= 300 and sum(len(element_text(a)) for a in el.iter("a")) > 0.5 * len(text):
        return False
    return not (RELATED_HEADING.match(text[:60]) or len(text) <= 100 and (
        _meta_line(text) or parse_view_count(text) is not None or view_label_alone(text)))


def _drop_read_also(root, texts: ElementTexts) -> None:
    """'Read also: <a>another article</a>' paragraphs set in the text (Spanish and Portuguese news put
    them between the paragraphs): a related-reading label followed by a link, the line alone goes;
    so does a picture's credit line ("Foto: dpa", "Getty Images").

    Texts are read once a subtree (`texts`, kept for _trim_edges): a removal changes only its
    ancestors' texts, which are forgotten."""
    removed = False
    for el in list(root.iter("p", "li", "div", "h3", "h4", "span", "small")):
        # (every element is inside root until something is removed: no walk up to tell)
        if el.getparent() is None or (removed and not _attached(el, root)):
            continue
        text = texts(el)
        if text and len(text) <= 80 and CREDIT_LINE.search(text) and not any(
                c.tag in BLOCK_TAGS and c.tag != "br" for c in el.iter() if c is not el) \
                and not _closing_photo_credit(el, root, text):
            texts.forget_ancestors(el)
            remove_keeping_tail(el)  # a picture's credit line between the paragraphs
            removed = True
            continue
        if not text or len(text) > 300 or not RELATED_HEADING.match(text[:60]):
            continue
        links = sum(len(texts(a)) for a in el.iter("a"))
        if links >= 0.5 * len(text) and not any(c.tag in BLOCK_TAGS and c.tag != "br" for c in el.iter() if c is not el):
            texts.forget_ancestors(el)
            remove_keeping_tail(el)
            removed = True


_MARKS_ALONE = re.compile(r"^[\s\-–—_*•·⋅|~.]+$")  # (not an emoticon closing a post: "=)")


def _furniture(el, texts=element_text) -> bool | None:
    """True: a block at the body's edge that is not the article (a list of links, a related or share
    box, a tag line); False: the article's own text; None: nothing to judge (no text: an image)."""
    text = texts(el)
    if not text:
        return None
    if _MARKS_ALONE.match(text):
        return True  # (the dashes a related list's items leave once its links are cut, a rule of underscores)
    if RELATED_HEADING.match(text[:60]) or (len(text) < 200 and (_TAIL_LINE.match(text) or _FOLLOW_LINE.search(text))):
        return True
    if _meta_line(text) or len(text) <= 100 and (parse_view_count(text) is not None or CREDIT_LINE.search(text)
                                                 and not _photographer_line(_line_inside(el), el, text)):
        return True  # (a counter line too: the views are read from the page, never from the body)
    if view_label_alone(text):
        return True  # a counter's label alone, its number a picture (Webnode's "Lượt xem:" and a hit counter)
    if el.tag in _FIELD_HEADINGS and _ATTACHMENTS_HEADING.fullmatch(text):
        return True  # the files' heading alone at the text's edge (a wiki's "== Văn bản đính kèm ==" over its list)
    if len(text) <= 100 and (m := _FROM_SITE.match(text)) and SITE_NAME.match(text[m.end():]):
        return True  # the wiki's tagline above the text ("Từ Cổng thông tin điện tử huyện Cẩm Khê": MediaWiki's siteSub)
    if len(text) <= 400 and (is_attachment_block(el) or _headed_as_files(el, texts)) and any(
            is_attachment_link(a, a.get("href"), el) for a in el.iter("a")):
        # the attachments' list (Joomla's Attachments table: file, description, size, date), or a
        # list headed so (Volto's listing block of the page's files under "Văn bản đính kèm")
        return True
    if len(text) <= 150 and _file_named_line(el, text):
        return True  # a labelled line linking a file by its name elsewhere ("Xem bản gốc trên Google Drive: <a>TB 45-UBND.pdf</a>")
    if len(text) <= 300 and _documents_only(el) and _file_card(el, texts):
        return True  # a file's card: its name, size and type, a download link (Weebly's File element)
    if el.tag == "fieldset" and el.find("legend") is not None and len(text) <= 400 and _documents_only(el):
        return True  # a file's box, its name the legend (EmpireCMS's `<fieldset><legend>Kế hoạch số 35</legend>` card)
    if len(text) <= 200 and _labelled_field(el):
        return True  # a field's label and value (Drupal's `field--label` "Tác giả" | "Hoàng Anh")
    if el.tag == "dl" and len(text) <= 400 and _fields_list(el):
        return True  # the item's details, each a labelled field (Joomla's `dl.article-info`: "Viết bởi: ...")
    if len(text) <= 300 and _POINTS_TO_FILE.search(text) and _documents_only(el):
        return False  # the writer's sentence sending the reader to the file ("Chi tiết xem tại: <a>...</a>")
    links = sum(len(texts(a)) for a in el.iter("a"))
    if links <= 0.5 * len(text) and len(text) <= 300 and _lines_all_furniture(el, texts):
        return True  # a head of the post's lines: its trail, then its date line (a wiki template's `div.tin-dau`)
    return links > 0.5 * len(text)


def _lines_all_furniture(el, texts) -> bool:
    """A block of two to four lines, each of them furniture, and nothing written between them."""
    kids = [c for c in el if isinstance(c.tag, str)]
    if not 2 <= len(kids) <= 4 or (el.text or "").strip() or any((c.tail or "").strip() for c in kids):
        return False
    return all(c.tag in ("div", "p") and _furniture(c, texts) is True for c in kids)


_FROM_SITE = re.compile(r"(?:từ|from)\s+", re.I)


def labelled_as_files(el) -> bool:
    """A block whose own text opens with the files' label, its links after it (ImpressCMS's
    `<div class="itemInfo">Tệp đính kèm: <a href="visit.php?fileid=21">...pdf</a></div>`)."""
    return el.find(".//a") is not None and bool(_FILES_LABEL.match(el.text or ""))


def _headed_as_files(el, texts) -> bool:
    """A block that opens with a heading naming the article's files ("Văn bản đính kèm")."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    return first is not None and first.tag in _FIELD_HEADINGS and bool(_ATTACHMENTS_HEADING.fullmatch(texts(first)))


def _closing_line(container):
    """(the line of bare text and inline elements closing `container` after its last block or
    `<br>`, a function taking it out) or (None, None) where nothing is written there."""
    anchor, inline = None, []
    for el in reversed(container):
        if not isinstance(el.tag, str):
            continue
        if el.tag in BLOCK_TAGS:
            anchor = el
            break
        inline.insert(0, el)
    start = anchor.tail if anchor is not None else container.text
    if not (start or "").strip() and not inline:
        return None, None

    def take_out() -> None:
        if anchor is not None:
            anchor.tail = None
        else:
            container.text = None
        for el in inline:
            container.remove(el)
    return clean_text(" ".join([start or "", *("".join(el.itertext()) + (el.tail or "") for el in inline)])), take_out


def _drop_closing_line(container) -> bool:
    """Take out the closing line of `container` when it is a line of metadata or the source's;
    whether it did."""
    text, take_out = _closing_line(container)
    if not text or not (_meta_line(text) or len(text) <= 120 and SOURCE_LINE.match(text)):
        return False
    take_out()
    return True


def _meta_line(text: str) -> bool:
    """A line of the post's metadata: who posted it and when, a date alone; not a document's place
    and date ("Hướng Hóa, ngày 01 tháng 3 năm 2023", a notice's own line)."""
    if len(text) <= 160 and (m := _FILE_FIRST.match(text)):
        text = text[m.end():]  # (after the page's file: a wiki's "start.txt · Last modified: 2023/11/16 by admin")
    return 0 < len(text) <= 100 and bool(_META_LINE.match(text) or (len(text) <= 40 and (
        _date_line(text) or _DATE_ALONE.match(text)) and not _DOCUMENT_DATELINE.match(text)))


_FILE_FIRST = re.compile(r"^\S+\.txt\s*·\s*")


_DOCUMENT_DATELINE = re.compile(r"^[^\d,]{2,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\.?$", re.I)


def _labelled_field(el) -> bool:
    """A block led by an element named a label, or by a heading with a short value written after
    it and nothing else: a CMS's field shown with its label, not prose (YOOtheme ZOO's `<div
    class="element"><h3>Dung lượng</h3>186.41 KB</div>`; a section of text under a heading has
    paragraphs)."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is None or (el.text or "").strip() or not 0 < len(label := element_text(first)) <= 30:
        return False
    if "label" in (first.get("class") or ""):
        return True
    return first.tag in _FIELD_HEADINGS and (first.tail or "").strip() != "" \
        and len(element_text(el)) - len(label) <= 60 and not any(
        c is not first and c.tag in BLOCK_TAGS and c.tag != "br" for c in el.iterdescendants())


_FIELD_HEADINGS = frozenset(["h2", "h3", "h4", "h5", "h6"])


def _date_line(text: str) -> bool:
    """A date with a few words at most ("Thứ hai, 12/03/2024 08:15"), not a sentence that gives
    one ("Hội khỏe diễn ra đến hết ngày 01/3/2024.", the last line of a 2sxc News article)."""
    dates = find_dates(text)
    if not dates:
        return False
    rest = text[:dates[0].start] + " ".join(text[a.end:b.start] for a, b in zip(dates, dates[1:])) + text[dates[-1].end:]
    return sum(1 for word in rest.split() if any(c.isalpha() for c in word)) <= 3


def _ends_a_line(el) -> bool:
    """An inline element closing a line of text written before it ("Tra cứu thủ tục tại <a>Cổng dịch
    vụ công tỉnh</a>", Lotus Domino's rich text of `<font>` runs and `<br>`): the sentence's, not a box."""
    if el.tag in BLOCK_TAGS:
        return False
    prev = el.getprevious()
    if prev is None:
        return bool((el.getparent().text or "").strip())
    return bool((prev.tail or "").strip()) or (prev.tag not in BLOCK_TAGS and bool(element_text(prev)))


def _orphan_label(text: str, pictures_after: bool = False) -> bool:
    """A short line ending in a colon left last in the body ("Teilnehmende Blogs:", "Weitere
    Informationen:"): the heading of a list or map that was not the article and is gone. Not the
    line announcing the pictures that follow the text (a photo story's "Xin giới thiệu một số hình
    ảnh ...:" over Drupal's image field)."""
    return len(text) <= 80 and text.endswith(":") and not _POINTS_TO_FILE.search(text) \
        and not (pictures_after and _PICTURE_WORDS.search(text))


_PICTURE_WORDS = re.compile(r"\b" + _PICTURE_NOUN + r"\b", re.I)


def _pictures_after(el) -> bool:
    """Whether the page's next element after `el` holds a picture."""
    while el is not None and _next_element(el) is None:
        el = el.getparent()
    after = _next_element(el) if el is not None else None
    return after is not None and (after.tag == "img" or after.find(".//img") is not None)


def _next_element(el):
    after = el.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    return after


def _trim_edges(root, texts: ElementTexts, pictures_after: bool = False) -> list:
    """Drop link lists, related and share boxes and tag lines at the start and at the end of the
    body; returns the blocks of documents' links it dropped at the start and at the end (the
    article's files), each in page order: told where they stood, their label above them.

    Walks in from each edge, into wrappers, and stops at the first block of the article's own text
    (a lead or sapo at the start is such a block: it is kept). Related lists after the text ran on
    into the body on 7 of 13 labelled Vietnamese pages and on most of web-eval's leaks.
    """
    left = floor = None  # never trimmed below a fifth of itself: a body of links is still the body found
    dropped = []  # the start's in page order, then the end's from the last block inwards
    # Each subtree's text read once (`texts`: _drop_read_also's, most of them read there already);
    # a removal changes the texts of the removed block's ancestors, which are forgotten.
    for edge in (-1, 0):
        container, removed = root, 0
        while removed < 12:
            # text written straight into the container at this edge is the article's
            if edge == 0 and (container.text or "").strip():
                break
            kids = [c for c in container if isinstance(c.tag, str)]
            if not kids:
                break
            el = kids[edge]
            if edge == -1 and _drop_closing_line(container):
                # a bare line of the post's metadata or its source closing it (1C-Bitrix's "Ngày cập
                # nhật:&nbsp;16.11.2024 08:02:17<br>", "Nguồn:&nbsp;<a>Báo Thanh Hóa</a><br>" after the
                # text, in the text's container)
                texts.forget_ancestors(el)
                removed += 1
                continue
            if edge == -1 and ((el.tail or "").strip() or _ends_a_line(el)):
                break
            verdict = _furniture(el, texts)
            if verdict is False and edge == -1 and _orphan_label(texts(el), pictures_after):
                verdict = True
            if verdict is False and edge == 0 and len(texts(el)) <= 120 and SOURCE_LINE.match(texts(el)):
                verdict = True  # the source's line among the post's head lines (Refinery's news item's)
            if verdict:
                if left is None:  # measured only when something is to go (most bodies have nothing)
                    left = len(texts(root))
                    floor = left // 5
                size = len(texts(el))
                if left - size < floor:
                    break
                left -= size
                dropped.append((edge, el, _documents_only(el)))
                texts.forget_ancestors(el)
                remove_keeping_tail(el)
                removed += 1
                continue
            if verdict is None:
                if edge == -1 and (label := _gallery_heading(el)) is not None:
                    # the heading naming the photos closing the text ("Một số hình ảnh" over
                    # ProcessWire's gallery): the photos stay, their heading is no text of the article
                    dropped.append((edge, label, _documents_only(label)))
                    texts.forget_ancestors(label)
                    remove_keeping_tail(label)
                # (at the start, a tool's icons are no picture, Joomla 2.5's print and email buttons
                # over the text, but a file's icon stays with its card, Jimdo's `leftDownload`)
                shown = shows_picture(el) or _documents_only(el) if edge == 0 else \
                    el.tag == "img" or el.find(".//img") is not None
                if shown or len(kids) == 1:
                    break  # an image at the edge (a photo story's first picture): the article
                dropped.append((edge, el, _documents_only(el)))
                texts.forget_ancestors(el)
                remove_keeping_tail(el)
                continue
            # the article's text, or a wrapper of it: look inside a wrapper's edge (not inside a
            # figure or a table: a picture with its caption, a table, is the article's as a whole;
            # at the start not into one with a picture either, at the end yes: a post's panel ends
            # with its author and counter lines whatever pictures it holds above them)
            if el.tag not in ("figure", "table") and (edge == -1 or not shows_picture(el)
                                                      or _opens_with_furniture(el, texts)) and any(
                    isinstance(c.tag, str) and c.tag in BLOCK_TAGS and c.tag != "br" for c in el):
                container = el
                continue
            break
    return [el for edge, el, files in dropped if edge == 0 and files], \
        [el for edge, el, files in reversed(dropped) if edge == -1 and files]


def _drop_picture_box_headings(root) -> None:
    """The short heading opening a box of two pictures or more with their captions alone, in the text's middle
    (TeamSite's `div.photo-gallery > h3.gallery-heading` "Một số hình ảnh ghi nhận" over its photo
    items, the text going on after the box): the pictures' label, no text of the article (as
    _gallery_heading's at the text's edge)."""
    for heading in list(root.iter("h2", "h3", "h4", "h5", "h6")):
        box = heading.getparent()
        if box is None or box is root or (heading.tail or "").strip():
            continue
        items = [c for c in box if isinstance(c.tag, str)]
        if items[0] is heading and len(items) >= 3 and _short_label(element_text(heading)) \
                and all(shows_picture(c) and len(element_text(c)) <= 200 and c.find(".//a[@href]") is None
                        for c in items[1:]):
            remove_keeping_tail(heading)


def _gallery_heading(gallery):
    """The short heading just before a block of pictures with no text, or None."""
    head = gallery.getprevious()
    if head is None or head.tag not in ("h2", "h3", "h4", "h5", "h6") or (gallery.tail or "").strip() \
            or (head.tail or "").strip() or head.find(".//a") is not None or gallery.find(".//img") is None:
        return None
    return head if _short_label(element_text(head)) else None


def _short_label(text: str) -> bool:
    """A few words naming what follows, no sentence ("Một số hình ảnh ghi nhận")."""
    return bool(text) and len(text.split()) <= 6 and not text.endswith(".")


# what a file's card writes beside its links: the file's name, its size and type and their labels
_FILE_CARD_WORDS = re.compile(r"\S+\.(?:" + "|".join(DOC_EXTENSIONS) + r")\b|\b(?:file|tệp|tập tin)\s+(?:size|type|name)\b|"
                              r"kích thước|dung lượng|định dạng|loại tệp|\b\d+(?:[.,]\d+)?\s*(?:[KMG]i?B|bytes?)\b|"
                              r"\b(?:" + "|".join(DOC_EXTENSIONS) + r")\b", re.I)


def _file_card(el, texts) -> bool:
    """Nothing but the file's name, size and type is written outside the card's links."""
    outside = texts(el)
    for a in el.iter("a"):
        link_text = texts(a)
        if link_text:
            outside = outside.replace(link_text, " ", 1)
    return not any(c.isalnum() for c in _FILE_CARD_WORDS.sub(" ", outside))


def _documents_only(el) -> bool:
    """A block whose links all open documents ('Chi tiết xem tại: <a>Thông báo số 89</a>.pdf'):
    the article's attachments, though the line is no body text (a related list links pages)."""
    # (a wiki's "file info" page beside each file's link is the file's too, and so is a viewer's page
    # given the file's address: Google Docs' `viewer?url=...pdf` "Xem trực tuyến" after an Umbraco
    # vendor's file link)
    links = [a for a in el.iter("a")
             if not _FILE_PAGE.search(a.get("href") or "") and not _viewed_files(a.get("href") or "")]
    return bool(links) and all(is_attachment_link(a, (a.get("href") or "").strip(), el) for a in links)


def _viewed_files(href: str) -> list[str]:
    """The documents a viewer's address names by their whole address in its query (`docs.google.com/viewer
    ?url=`, Office's `?src=`); none for a download handler given the file's path (BlogEngine's
    `file.axd?file=/2023/03/x.pdf`)."""
    path, query = path_and_query(href)
    if "=" not in query:
        return []
    # (or a viewer's page given the file's address on its own host: pdf.js's `/pdfjs/web/viewer.html?file=
    # /api/file/download%3FfileId%3D<id>` beside that download's link)
    on_host = bool(_VIEWER_PAGE.search(path))
    return [value for _, value in parse_qsl(query) if (value.startswith(("http://", "https://")) and is_doc_link(value))
            or on_host and value.startswith("/")]


_VIEWER_PAGE = re.compile(r"(?:^|/)(?:pdfjs|viewer)(?:[./]|$)", re.I)


def views_one_of(url: str, files) -> bool:
    """A viewer's address given one of `files`' addresses (or its path, on the live host) in its query."""
    viewed = _viewed_files(url)
    paths = {path_and_query(f)[0] for f in files if f != url} if viewed else set()
    whole = {"?".join(filter(None, path_and_query(f))) for f in files if f != url} if viewed else set()
    return any(value in files or path_and_query(value)[0] in paths or value in whole for value in viewed)


def _opens_with_furniture(el, texts) -> bool:
    """A wrapper whose first block is a date or counter line with no picture (NukeViet's "Thứ sáu -
    12/04/2024 16:20 Đã xem: 587" above the lead's picture): the line goes, the picture stays."""
    for _ in range(4):  # through the wrappers it opens with
        # (a line break left where the title was taken out is nothing: MCMS's `<span>title</span><br>`)
        # (nor a box left empty, a tool's icons alone in it: Joomla 2.5's `div.article-header` once the
        # title is out, its print and email buttons left)
        first = next((c for c in el if isinstance(c.tag, str) and c.tag != "br"
                      and (texts(c) or shows_picture(c))), None)
        if first is None or first.tag in ("img", "figure", "table"):
            return False
        if not shows_picture(first):
            return _furniture(first, texts) is True
        el = first
    return False


def _attachments(root, base_url: str, files_block: bool = False) -> list[Attachment]:
    """The documents root links to; `files_block`: a block told to be of documents' links alone where
    it stood (its label above it, gone with it out of the text: every link of it is a file's)."""
    found: dict[str, Attachment] = {}
    titled = set()  # named by a link's title only: the icon's link beside the named one
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not (files_block and href and not _FILE_PAGE.search(href) or is_attachment_link(a, href, root)):
            continue
        url = join_url(base_url, href)
        if url is None:
            continue
        if is_preview_icon(a):
            continue
        name = link_name(a)
        if _GENERIC_LINK_TEXT.match(name or "") or _MACHINE_FILE_NAME.fullmatch(name or ""):
            title = clean_text(a.get("title"))
            if title:
                if url in found:
                    continue
                name = title
                titled.add(url)
        elif url in titled:  # the named link wins, in the icon's place in the page order
            titled.discard(url)
            found[url] = Attachment(url=url, name=name or None)
            continue
        _keep_fuller(found, Attachment(url=url, name=name or None))
    return list(found.values())


_PREVIEW = re.compile(r"^(xem trước|xem nhanh|preview|open|mở)$", re.I)


def is_preview_icon(a) -> bool:
    """An icon's link to a preview of the file the icon's link before it downloads (eXo's `a.fileOpen`
    titled "Xem trước" after `a.fileDownload`): the same file again, not another."""
    return _PREVIEW.match(clean_text(a.get("title"))) is not None and not element_text(a) and any(
        (b.get("href") or "").strip() for b in a.itersiblings("a", preceding=True))


def _name_in_card(a) -> str | None:
    """The file's name written beside an icon's link in the card holding both (eXo's `div.file`:
    `div.fileNameLabel` "Kế hoạch 125-KH-UBND.pdf", then `a.fileDownload > i.uiIconDownload`)."""
    card = a.getparent()
    for _ in range(2):
        if card is None:
            return None
        leaves = [(d, element_text(d)) for d in card.iter("div", "span", "p", "h3", "h4") if not len(d)]
        # (the card's title over the file's name: Jimdo's download module, `cc-m-download-title` "Kế hoạch
        # số 312/KH-UBND ngày 08/11/2022" above `cc-m-download-file-name` "KH 312-UBND.pdf")
        titles = {t for d, t in leaves if t and _TITLE_NAMED.search(d.get("class") or "")}
        names = {t for _, t in leaves if _FILE_NAME_TEXT.match(t)}
        if names:
            return titles.pop() if len(titles) == 1 else names.pop() if len(names) == 1 else None
        card = card.getparent()
    return None


_TITLE_NAMED = re.compile(r"(^|[\s_-])title([\s_-]|$)", re.I)


# The words that label a download or a list of files: a heading ("Văn bản đính kèm"), a label before
# a link ("Tải về:") or inside it.
_DOWNLOAD_WORDS = r"(?:(?:văn bản|tệp|file|tài liệu|tập tin|tệp tin)\s+)?đính kèm|tải về|tải xuống|attachments?|downloads?"
_FILES_LABEL = re.compile(r"\s*(?:" + _DOWNLOAD_WORDS + r")\s*[:：]", re.I)  # (labelled_as_files)
# a file's size written after its name in the link ("Kế hoạch số 215 (1,2 KB)", django CMS filer)
# (its type before it too: "(pdf, 786 bytes)", SPIP's "(PDF - 786 bytes)")
_SIZE = r"\d+(?:[.,]\d+)?\s*(?:[KMG]i?B|bytes?)"  # a file's size as written beside its link: "186,4 kB", "312 KB"
_FILE_SIZE = re.compile(r"\s*[(\[]\s*(?:[a-z]{2,4}\s*[,–-]\s*)?" + _SIZE + r"\s*[)\]]\s*$", re.I)


# a download's label written inside the link ("<a>Tải về: <b>Báo cáo số 215</b></a>", NukeViet's file panel)
_LABEL_IN_LINK = re.compile(r"^(?:" + _DOWNLOAD_WORDS + r")\s*[:：]\s*(?=\S)", re.I)


def link_name(a) -> str:
    """The name a file's link gives it: its text, or where the link is a card of blocks (Ghost's
    file card: the title's, the caption's, the file name's and the size's), its first block's; an
    icon's link, the file's name written beside it in its card."""
    leaves = [d for d in a.iterdescendants(*_CARD_BLOCKS) if d.find(".//div") is None and d.find(".//p") is None
              and element_text(d)]
    name = attachment_name(element_text(leaves[0]) if len(leaves) > 1 else element_text(a))
    for size in (element_text(d) for d in a.iterdescendants("span", "small", "em", "i")):
        if size and name.endswith(size) and _SIZE_ALONE.fullmatch(size):
            # the size in an element of its own after the name, in the link (Webnode's file block:
            # `span.b-file-n` "Thông báo số 215/TB-UBND", `span.b-file-s` "186,4 kB")
            name = name[:-len(size)].rstrip()
    return name or _name_in_card(a) or ""  # (an icon's link: the name written beside it)


_SIZE_ALONE = re.compile(r"[(\[]?\s*" + _SIZE + r"\s*[)\]]?", re.I)


_CARD_BLOCKS = ("div", "p", "h2", "h3", "h4", "h5", "h6")


def attachment_name(name: str) -> str:
    """A file link's text without a download label before the name or the size written after it."""
    if not name:
        return name
    name = _LABEL_IN_LINK.sub("", name)
    return _FILE_SIZE.sub("", name) if name.endswith((")", "]")) else name


def names_file_only(name: str | None) -> bool:
    """A file link's name that is the file's name alone ("45-TB-UBND-tuyen-dung-2023.pdf"): no fuller
    a name than a few words of the document's title."""
    return bool(name) and bool(_FILE_NAME_TEXT.match(name)) and " " not in name.strip()


def _keep_fuller(found: dict, attachment: Attachment) -> None:
    """Add an attachment by its address; a file linked twice keeps its fuller name (a few words in a
    sentence, then the download line's "Kế hoạch số 156/KH-UBND ngày 12/9/2023 của UBND huyện")."""
    known = found.get(attachment.url)
    if known is None or len(attachment.name or "") > len(known.name or ""):
        found[attachment.url] = attachment


def _drop_attachment_lines(root) -> None:
    """'Tải về: <a>Quyết định số 12</a>' is an attachment, not body text (nor is the heading left
    above such lines: "Văn bản đính kèm")."""
    dropped = False
    for a in list(root.iter("a")):
        if a.getparent() is None or not is_attachment_link(a, (a.get("href") or "").strip(), root):
            continue  # (a Phoca Download line: `div.phocadownloadfile32 > a[href*=download=]`, too)
        dropped = True
        block = a.getparent()
        while block is not None and block is not root and block.tag not in BLOCK_TAGS:
            block = block.getparent()
        if block is None or block is root:
            if a.getparent() is root:
                _drop_line_of(a, root)  # its label on its line too, in a text of lines (Blogger's post body)
            if a.getparent() is not None:
                remove_keeping_tail(a)
            continue
        line = _line_of_its_own(a, block)
        if line is not None:
            remove_keeping_tail(line)
            continue
        rest = element_text(block)
        for link in block.iter("a"):
            rest = rest.replace(element_text(link), "", 1)
        rest = _label_and_size_cut(rest).strip(" :.-–;,")
        if _POINTS_TO_FILE.search(rest):
            continue  # the writer's sentence sending the reader to the file: text (the file is taken too)
        if len(rest) <= 25:
            remove_keeping_tail(block)
        elif a.getparent() is block or a.getparent().find("br") is not None:
            # (lines parted by <br> in the block or in an inline wrapper of the whole text: PHP-Nuke's
            # `<font class="content">...<br><br><strong>Tải về:</strong> <a>...</a> (1 KB)</font>`)
            _drop_line_of(a, a.getparent())
    if dropped:
        for el in [el for el in root.iter(*BLOCK_TAGS) if el is not root and not any(
                isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)]:
            if _ATTACHMENTS_HEADING.fullmatch(element_text(el)) and el.getparent() is not None:
                remove_keeping_tail(el)


def _drop_files_heading_left(root, files_taken: bool) -> None:
    """The files' heading left last with nothing under it, its files taken out and the signer's line
    after them taken as the author ("<p><b>Tệp đính kèm:</b></p>", then `p.attach-file` lines, then
    the office's name set right: an OpenCart news extension's editor), or the label left as the
    closing line of a text written in lines."""
    last = _last_block(root)
    if last is not None and last.find(".//a") is None and _ATTACHMENTS_HEADING.fullmatch(element_text(last)):
        remove_keeping_tail(last)
        return
    if not files_taken:
        return  # (a label is left alone only where its files were taken out)
    closing = _last_writing(root)
    kids = [c for c in closing if isinstance(c.tag, str)]
    while kids and kids[-1].tag == "br" and not (kids[-1].tail or "").strip():
        closing.remove(kids.pop())  # (the breaks its lines ended with write nothing)
    text, take_out = _closing_line(closing)
    if text and _ATTACHMENTS_HEADING.fullmatch(text):
        take_out()  # the label on a line of its own in a text of lines (SMF's "<hr><b>Tài liệu đính kèm:</b><br>")


# "Chi tiết xem tại: <a>Kế hoạch số 45</a>", "Toàn văn Kế hoạch xem tại <a>...</a>", "Xem chi tiết
# tại đây": a sentence of the article's, where "Tải về: <a>...</a>" is a download's label
# (and the verb first: "Xem toàn văn Thông báo <a>tại đây</a>", a Drupal notice's last line)
_POINTS_TO_FILE = re.compile(r"(?:^|\s)(?:(?:chi tiết|toàn văn|nội dung)\b.{0,60}\bxem (?:tại|trong)|xem chi tiết|"
                             r"xem (?:toàn văn|nội dung)\b|chi tiết xem\b)", re.I)
_ATTACHMENTS_HEADING = re.compile(r"(?:" + _DOWNLOAD_WORDS + r")\s*[:：]?", re.I)


def _line_of_its_own(a, block):
    """The inline wrapper of the link alone, set between the block's paragraphs (django CMS filer's
    `<p>...</p><span class="file"><a>Kế hoạch số 215</a></span><p>...</p>`), else None."""
    own, text = a, element_text(a)
    while (parent := own.getparent()) is not None and parent is not block and element_text(parent) == text:
        own = parent
    if own.getparent() is not block or (own.tail or "").strip():
        return None
    prev, after = own.getprevious(), own.getnext()
    before = prev.tail if prev is not None else block.text
    return own if not (before or "").strip() and (prev is None or prev.tag in BLOCK_TAGS) \
        and (after is None or after.tag in BLOCK_TAGS) else None


def _label_and_size_cut(rest: str) -> str:
    """What a file's line says beside its link, but for the files' label before it and the type and
    size after it ("Tài liệu đính kèm: <a>...</a> (PDF, 186 KB)": nothing)."""
    label = _FILES_LABEL.match(rest)
    return _FILE_SIZE.sub("", rest[label.end():] if label else rest)


def _drop_line_of(a, block) -> None:
    """The link's own line in a block of lines parted by <br> (Blogger's post body: "...<br><b>Tải
    về:</b> <a>Chương trình công tác</a><br>"), where the line is the link and a label."""
    kids = list(block)
    i = kids.index(a)
    start, end = i, i
    while start > 0 and isinstance(kids[start - 1].tag, str) and kids[start - 1].tag not in BLOCK_TAGS:
        start -= 1
    while end + 1 < len(kids) and isinstance(kids[end + 1].tag, str) and kids[end + 1].tag not in BLOCK_TAGS:
        end += 1
    line = kids[start:end + 1]
    opening = (kids[start - 1].tail if start else block.text) or ""
    text = opening + "".join(element_text(n) + (n.tail or "") for n in line)
    rest = _label_and_size_cut(text.replace(element_text(a), "", 1)).strip(" :.-–;,\n\t")
    if any(n.tag == "a" and n is not a for n in line) or len(rest) > 25:
        return
    if start:
        kids[start - 1].tail = None
    else:
        block.text = None
    for node in line:
        block.remove(node)


def _is_right_aligned(el, root) -> bool:
    node = el
    while node is not None:
        if is_set_right(node):
            return True
        if node is root:
            return False
        node = node.getparent()
    return False


def _is_bold(el) -> bool:
    text = element_text(el)
    bold = "".join(element_text(b) for b in el.iter("strong", "b")
                   if not any(x.tag in ("strong", "b") for x in b.iterancestors()))
    return bool(text) and len(bold) >= 0.9 * len(text)


def _has_own_text(el) -> bool:
    if el.text and el.text.strip():
        return True
    for child in el:
        if child.tail and child.tail.strip():
            return True
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS and element_text(child):
            return True
    return False


def _last_block(root):
    """The last element holding paragraph text of its own (not only in nested blocks)."""
    for el in reversed(list(root.iter())):
        if el is not root and isinstance(el.tag, str) and el.tag in BLOCK_TAGS and _has_own_text(el):
            return el
    return None


def _has_text_beyond(root, limit: int) -> bool:
    """Whether the stripped text pieces under root add up to `limit` characters (stops there)."""
    total = 0
    for piece in root.itertext():
        total += len(piece.strip())
        if total >= limit:
            return True
    return False


# A credit line closing the body: "Theo Nguyễn Văn A", "(Theo Báo Điện Biên Phủ)", "Theo TTXVN.",
# "Theo baochinhphu.vn". A sentence that opens with "Theo" ("Theo kế hoạch, ...", "Theo Quyết định
# của UBND tỉnh") is none: the name starts with a capital (or is a site's address), and holds no
# clause punctuation, digits or the words that join a phrase.
_CREDIT = re.compile(r"^\(?\s*theo\s+(.+?)\s*\.?\s*\)?$", re.I)
_PHRASE_WORDS = frozenset("của về số việc các những và trong với cho theo tại đã được sẽ là có này đó khi".split())


def credited_name(text: str) -> str | None:
    """The name of a "Theo NAME" credit line, or None for any other line."""
    m = _CREDIT.match(text)
    if m is None:
        return None
    name = m.group(1).strip()
    words = name.split()
    if not words or len(words) > 8 or any(c in name for c in ",;:!?()") or any(c.isdigit() for c in name):
        return None
    site = len(words) == 1 and "." in name and name[0].isalpha()
    if not (name[0].isupper() or site) or any(w.lower() in _PHRASE_WORDS for w in words[1:]):
        return None
    return name


def _cut_copy(first: str, after: list[str]) -> bool:
    """The first paragraph is the next again, or the text's first characters cut short (a lead shown
    apart: DedeCMS's `div.intro`, the text's first 200 characters, "... Xã Đồng Tâm có")."""
    if first == after[0]:
        return True
    stem = first.rstrip(".… ")
    start = " ".join(after)
    return len(stem) >= 60 and len(stem) < len(start) and start.startswith(stem)


def _last_writing(root):
    """The element whose own lines close the body: root, or the last of its blocks holding text
    (down through wrappers) where nothing is written after it."""
    container = root
    for _ in range(6):
        if _closing_line(container)[0] is not None:
            return container
        kids = [c for c in container if isinstance(c.tag, str) and element_text(c)]
        if not kids or (kids[-1].tail or "").strip() or kids[-1].tag not in _WRAPPERS and not (
                len(kids) == 1 and kids[0].tag in _LAYOUT_ROWS):
            return container
        container = kids[-1]
    return container


_WRAPPERS = frozenset(["div", "section", "article", "td"])
# a table holding all the text, laid out in one cell (DedeCMS's `div.content > table > tr > td`);
# a table among paragraphs is the text's table, its last cell no closing line
_LAYOUT_ROWS = frozenset(["table", "tbody", "tr"])


def _name_alone(text: str) -> bool:
    """A person's name and nothing else: two to four words each opening with a capital, letters
    only ("Lê Ngọc Sơn"), where a sentence, a place's line with its date or a label has more; or
    such a name with its unit in brackets after it ("Hoàng Lan (Phòng Nông nghiệp và PTNT huyện)")."""
    unit = _UNIT_AFTER.search(text)
    name = text[:unit.start()] if unit else text
    return _name_words(name) and bool(VIETNAMESE_LETTER.search(text))


_UNIT_AFTER = re.compile(r"\s+\([^()]{2,60}\)$")


def _name_words(text: str) -> bool:
    """Two to four words each opening with a capital, letters only (in any language: "Hoài Nam")."""
    words = text.split()
    return 2 <= len(words) <= 4 and len(text) <= 30 and all(w[0].isupper() and w.isalpha() for w in words)



def _ends_with(root, el) -> bool:
    """Nothing written or shown after `el` inside root."""
    node = el
    while node is not root and node is not None:
        if (node.tail or "").strip():
            return False
        for sib in node.itersiblings():
            if isinstance(sib.tag, str) and sib.tag != "noscript" and (  # (a lazy picture's copy)
                    element_text(sib) or sib.find(".//img") is not None):
                return False
        node = node.getparent()
    return True


def _take_author(root, text_before: bool = False) -> str | None:
    """The author line ending the body, taken out of it. `text_before`: body text stands in the
    blocks before root (a page builder's rows, the author's line in a row of its own)."""
    writing = _last_writing(root)
    if writing is not root and _drop_closing_line(writing):
        writing = _last_writing(root)  # (a closing line of metadata down in a table's cell, which the edges' trim leaves whole)
    line, take_out = _closing_line(writing)
    if line and _name_alone(line) and _has_text_beyond(root, len(line) + 200):
        # a text written in lines between <br>, its last a name (1C-Bitrix's plain-text body
        # ending "<br>Lê Ngọc Sơn")
        take_out()
        return line
    last = _last_block(root)
    source = element_text(last) if last is not None else ""
    if last is not None and len(source) <= 120 and (SOURCE_LINE.match(source)
                                                    or SOURCE_NAME.search(class_and_id(last))) \
            and _has_text_beyond(root, len(source) + 40):
        # the source line goes, by its label or its name (ECOIT's `div.article-Source` after
        # `div.article-Author`); an author line may stand above it
        remove_keeping_tail(last)
        last = _last_block(root)
    if last is None:
        return None
    text = element_text(last)
    if not text or len(text) > 90:
        return None
    if not text_before and not _has_text_beyond(root, len(text) + 40):
        return None  # the only line of the body is not an author line
    name = author_of_line(last, root, text)
    if name is None and _field_of_its_own(last, root, text_before) and _name_words(_AFTER_NAME.split(text, 1)[0]):
        name = text  # (Bolt's unlabelled `tacgia` field after the body's: "Thanh Hải - TTVH,TT&TT huyện")
    if name is not None:
        remove_keeping_tail(last)
    return name


# an element named for the source's line (ECOIT's `div.article-Source`)
SOURCE_NAME = re.compile(r"(^|[\s_-])(source|nguon(-?tin)?)([\s_-]|$)", re.I)
_AFTER_NAME = re.compile(r"\s+[-–—]\s+|\s*\(")  # a name's unit after it: "Hoài Nam - TTVH", "Thu Hà (Trung tâm)"


def author_field_after(block, text_el) -> str | None:
    """The author's field right after the text's element, outside it (the text's element taken as
    a site profile learned it: Bolt's body field alone, its unlabelled `tacgia` field next): one
    short line of a name alone in a wrapper of its own."""
    before = block.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    if before is not text_el or len(block) != 1 or not isinstance(block[0].tag, str):
        return None
    line = block[0]
    text = element_text(line)
    if len(line) or len(text) > 90 or not _field_of_its_own(line, None):
        return None
    return text if _name_words(_AFTER_NAME.split(text, 1)[0]) else None


def author_line_after(blocks) -> str | None:
    """A labelled author's line right after the text's element, set right (vBulletin's photo story:
    the bbcode text in its own `div`, then `<div style="text-align: right;"><i><b>Ảnh: Thái Hòa`), or
    past the text's pictures set apart from it with their heading (phpwcms's photo story: the text's
    parts, "Một số hình ảnh" and the image part, then "Tin, ảnh: Thu Hà"); `blocks`: those following
    the text inside the article's container."""
    pictures = False
    for block in blocks:
        text = element_text(block)
        if block.tag == "img" or block.find(".//img") is not None:
            pictures = True
        elif block.tag in _FIELD_HEADINGS and not pictures and 0 < len(text) <= 80:
            continue  # the pictures' heading
        elif text:
            if len(text) > 120:
                return None
            if pictures and AUTHOR_LABEL.match(text):
                return strip_author_label(text) or None
            line = _line_inside(block)  # (its alignment set on the line in its wrappers: a Google Sites text box)
            if _is_right_aligned(line, block) and AUTHOR_LABEL.match(text) or _photographer_line(line, block, text):
                return author_of_line(line, block, text)
            return None
    return None


def _line_inside(block):
    """The element holding a block's line, down its wrappers of one child each."""
    *_, line = wrappers(block)
    return line


def _field_of_its_own(el, root, text_before: bool = False) -> bool:
    """The line alone in a wrapper of its own that follows the wrapper of the text (a CMS's field
    after the body's field; or the text's last block itself, where the text stands in the blocks
    before it), not a line among the text's paragraphs."""
    if el.tag == "div" and not len(el):
        # (or a field's element right after the body's field, built alike: Drupal's
        # `div.field--name-field-tac-gia` after `div.field--name-body` in the node's content)
        before = _element_before(el)
        if before is not None and set((el.get("class") or "").split()) & set((before.get("class") or "").split()) \
                and len(element_text(before)) > 200:
            return True
    wrapper = el.getparent()
    if el.tag not in ("p", "div", "span") or wrapper is None or (wrapper.text or "").strip() or len(wrapper) != 1:
        return False  # (a heading alone in its block is the next box's: "Weitere Korsett Artikel")
    if wrapper is root:
        return text_before
    before = _element_before(wrapper)
    return before is not None and len(element_text(before)) > 200


def _element_before(el):
    """The element sibling before `el` (comments passed over), or None."""
    before = el.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    return before


def author_of_line(el, root, text: str | None = None, *, set_right: bool = False) -> str | None:
    """The author a line ending an article names: labelled ("Tác giả:", "Tin, ảnh:"), or a short
    line set right (style, align, a class's `text-right`/`text-end`) or in bold (`set_right`: not
    bold alone: a bold line after the text heads what follows as often); `root`: up to where its
    alignment may be set."""
    text = element_text(el) if text is None else text
    words = text.split()
    if not text or len(text) > 90 or len(words) > 14 or _DOCUMENT_DATELINE.match(text):
        return None  # (nor a document's place and date set right: "Hướng Hóa, ngày 01 tháng 3 năm 2023")
    credit = credited_name(text)
    labelled = bool(credit or AUTHOR_LABEL.match(text) or BYLINE_LABEL.match(text))
    bold = not set_right and _is_bold(el) and not text.endswith(".") and len(words) <= 10
    if not (labelled or _is_right_aligned(el, root) or bold or _photographer_line(el, root, text)):
        return None
    if is_centred(el) and not labelled:
        return None
    return credit or strip_author_label(text) or None  # (a photographer's line set right: the story's author)


def _first_block(root):
    """The first element holding paragraph text of its own."""
    for el in root.iter():
        if el is not root and isinstance(el.tag, str) and el.tag in BLOCK_TAGS and _has_own_text(el):
            return el
    return None


def _take_opening_credit(root) -> str | None:
    """A "Theo NAME" credit line opening the body (Người Lao Động's pages put the author there,
    above the text): the author, and not the body's first paragraph."""
    if (root.text or "").strip():
        return None
    first = _first_block(root)
    if first is None:
        return None
    text = element_text(first)
    name = credited_name(text) if text and len(text) <= 90 else None
    if name is None or not _has_text_beyond(root, len(text) + 40):
        return None
    remove_keeping_tail(first)
    return name


def paragraphs_of(root) -> list[str]:
    """Block-level text pieces in order (inline elements joined without added spaces)."""
    out: list[str] = []
    buf: list[str] = []
    _walk_paragraphs(root, buf, out)
    _flush_paragraph(buf, out)
    return out


def _second_break(br) -> bool:
    """A `<br>` right after another, nothing written between them."""
    prev = br.getprevious()
    return prev is not None and prev.tag == "br" and not (prev.tail or "").strip()


def _flush_paragraph(buf: list[str], out: list[str]) -> None:
    if buf:
        text = clean_text("".join(buf))
        buf.clear()
        if text:
            out.append(text)


def _walk_paragraphs(el, buf: list[str], out: list[str]) -> None:
    tag = el.tag
    if not isinstance(tag, str) or not tag or tag in _DROP_TAG_SET:
        return
    block = tag in BLOCK_TAGS
    if block:
        if tag == "br" and not _second_break(el):
            buf.append(" ")
        else:
            # (two breaks in a row end a paragraph: a text written in lines, BBCode's or a rich
            # text editor's "...<br><br>..." with no <p>, keeps its paragraphs)
            _flush_paragraph(buf, out)
    if el.text:
        buf.append(el.text)
    for child in el:
        _walk_paragraphs(child, buf, out)
        if child.tail:
            buf.append(child.tail)
    if block and tag != "br":
        _flush_paragraph(buf, out)


def _photo_story(result: BodyResult) -> None:
    """A photo story tells its story in the captions: where they hold more text than the paragraphs
    (a lead, a credit line), the captions are the body's text too, in picture order, after the lead.
    The images keep their captions."""
    captions = [f.image.caption for f in result.images if f.image.caption]
    caption_len = sum(len(c) for c in captions)
    own = sum(len(p) for p in result.paragraphs)
    if len(captions) >= 2 and caption_len > max(own, 200):
        seen = set(result.paragraphs)
        result.paragraphs[1:1] = [c for c in captions if c not in seen]


def _story_caption(el) -> bool:
    """A caption of no picture the body keeps (an embedded post, a slide whose picture is a
    script's) that tells the story in paragraphs of its own: the article's text, not a credit."""
    if el.find(".//img") is not None or el.find("p") is None:
        return False
    return len(element_text(el)) >= 80


def _lead_pictures(lead, base_url: str, document) -> tuple[list, str]:
    """The pictures a sapo block holds with their captions (NukeViet 3's #hometext: a caption table
    or the thumbnail of #imghome above its <em> caption), and the sapo's text without them."""
    clone = copy.deepcopy(lead)
    clone.tail = None
    finds = find_images(clone, base_url, document=document)
    for find in finds:
        for el in [*find.caption_elements, find.element]:
            if el.getparent() is not None:
                remove_keeping_tail(el)
    return finds, element_text(clone)


def _file_box(el) -> bool:
    """A box named for a file that links it, of a card's few words, set between blocks (not a
    file's link inside a sentence: Movable Type's `form.mt-enclosure-file` around "Kế hoạch số 112")."""
    if not is_attachment_block(el) or len(element_text(el)) > 400 or _in_sentence(el):
        return False
    return any(is_attachment_link(a, a.get("href"), el) for a in el.iter("a"))


def _in_sentence(el) -> bool:
    """Text runs on right before or after the element, in its parent."""
    prev, parent = el.getprevious(), el.getparent()
    before = prev.tail if prev is not None else parent.text if parent is not None else ""
    return bool((before or "").strip() or (el.tail or "").strip())


def build_body(roots: list, base_url: str, *, lead=None, take_author: bool = True) -> BodyResult:
    """Paragraphs, images, attachments and the trailing author line of the content element(s)."""
    result = BodyResult()
    work = []
    cut_author = None  # a labelled author's line after a related list the text ended with
    document = roots[0].getroottree().getroot() if roots else None
    for root in roots:
        clone = copy.deepcopy(root)
        clone.tail = None
        if clone.tag in _DROP_TAG_SET:
            # a page-wide <form> (ASP.NET wraps every page in one) or a <noscript> copy chosen
            # as the content: its text is the body, although the same tag inside it is dropped
            clone.tag = "div"
        _drop_title(clone)
        _drop_junk(clone, result.galleries)
        cut_author = _cut_related(clone) or cut_author
        texts = ElementTexts()
        _drop_read_also(clone, texts)
        _drop_picture_box_headings(clone)
        at_start, at_end = _trim_edges(clone, texts, _pictures_after(root))
        _drop_author_cards(clone)
        # (in page order: the files' blocks dropped at the start, the body, those at the end)
        work.append((clone, [*at_start, clone, *at_end]))
    attachments: dict = {}
    captions = set()  # roots that are the caption of the picture ending the root before them
    for i, (clone, parts) in enumerate(work):
        for part in parts:
            for attachment in _attachments(part, base_url, files_block=part is not clone):
                _keep_fuller(attachments, attachment)
        finds = [f for f in find_images(clone, base_url, document=document)
                 if not _file_icon(f.element) and not (i == 0 and _section_icon(f.element, clone, document))]
        if len(finds) == 1 and finds[-1].image.caption is None and i + 1 < len(work) \
                and _ends_with(clone, finds[-1].element):
            # the content as sibling blocks (a page builder's: Avada's image element, then a text
            # element holding the centred italic caption): a picture's caption in the next block
            # (or the caption opening the next block, the text going on after it: Concrete CMS's)
            caption, holder = caption_held(work[i + 1][0])
            if holder is work[i + 1][0]:
                captions.add(i + 1)
            elif holder is not None:
                remove_keeping_tail(holder)
            if caption:
                finds[-1] = _captioned(finds[-1], caption)
        elif len(finds) > 1 and i + 1 < len(work) and not element_text(clone) and caption_block_text(work[i + 1][0]):
            captions.add(i + 1)  # several pictures' block, then their caption: the set's, no one picture's
            # (Google Sites' image carousel, "Một số hình ảnh tại lễ phát động" centred in the next box)
        boxes, paired = _set_captions(clone, finds)
        for k, caption in paired.items():
            finds[k] = _captioned(finds[k], caption)
        for box in boxes:
            remove_keeping_tail(box)  # (the same inside one block: the boxes a site's profile names whole)
        result.images += finds
    # (a viewer's page of a file linked beside it is the same file: Google Docs' "Xem trực tuyến")
    result.attachments = [f for f in attachments.values() if not views_one_of(f.url, attachments)]
    # (a block of the run that is a file's box, its files read: Jimdo's `j-downloadDocument` module,
    # its title, description, file name, type and size, between the text's modules and the author's)
    boxes = {i for i, (clone, _) in enumerate(work) if len(work) > 1 and _file_box(clone)}
    work = [clone for i, (clone, _) in enumerate(work) if i not in captions and i not in boxes]
    for clone in work if result.attachments else ():  # (and such a box inside the text's element, the author's line after it)
        for box in [el for el in clone.iterdescendants() if isinstance(el.tag, str) and _file_box(el)
                    and not any(_file_box(a) for a in el.iterancestors() if a is not clone)]:
            label = box.getprevious()
            if label is not None and label.tag not in BLOCK_TAGS and not (label.tail or "").strip() \
                    and _ATTACHMENTS_HEADING.fullmatch(element_text(label)):
                remove_keeping_tail(label)  # its label before it on its line (Nucleus's "<b>Tải về:</b> <span class=dinhkem>")
            remove_keeping_tail(box)
    consumed = {id(el) for find in result.images for el in find.caption_elements}
    # (and a credit line beside a caption, the picture's, no text: Magnolia's `<dd class="credit">Ảnh: X</dd>`)
    # (held in a list: an lxml proxy let go may hand its id to another)
    credits = [sib for find in result.images for el in find.caption_elements
               for sib in (el.getnext(), el.getprevious()) if sib is not None and _is_credit(sib)]
    consumed |= {id(el) for el in credits}
    for clone in work:
        for el in list(clone.iter()):
            if id(el) in consumed or (isinstance(el.tag, str) and (
                    el.tag == "figcaption" or _CAPTION_WORD.search(el.get("class") or ""))
                    and not _story_caption(el)):
                if el.getparent() is not None:
                    remove_keeping_tail(el)
        _drop_attachment_lines(clone)
    if take_author and work:
        # (a photo story's text is its pictures' captions, taken out of the root by now)
        text_before = (len(work) > 1 and any(_has_text_beyond(clone, 40) for clone in work[:-1])) \
            or sum(len(f.image.caption or "") for f in result.images) >= 40
        result.author = _take_author(work[-1], text_before) or _take_opening_credit(work[0]) or cut_author
    if work:
        _drop_files_heading_left(work[-1], bool(result.attachments))
    if lead is not None:
        lead_text = _shown_text(lead)
        if lead.find(".//img") is not None:
            lead_finds, lead_text = _lead_pictures(lead, base_url, document)
            result.images[:0] = [f for f in lead_finds if f.image.url not in {x.image.url for x in result.images}]
        if lead_text:
            result.paragraphs.append(lead_text)
    for clone in work:
        result.paragraphs += paragraphs_of(clone)
    if len(result.paragraphs) > 1 and _cut_copy(result.paragraphs[0], result.paragraphs[1:3]):
        del result.paragraphs[0]
    _photo_story(result)
    # The HTML form is the same cleaned copy the text came from (captions live in `images`).
    result.html_root = work
    return result
