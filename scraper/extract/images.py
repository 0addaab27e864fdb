"""Content images: the full-size URL behind lazy-loading, and the caption that belongs to each image.

Caption patterns, as Vietnamese CMS editors write them: `figure > figcaption`; a caption block
beside the image in the same wrapper (`div.image-caption`, WordPress `.wp-caption-text`); the
second row of a caption table (CKEditor `table.image` / `td.image_desc`); text after the image in
the same centred block; the centred or italic paragraph right after the image's paragraph. The
`alt` text is kept apart and is never a caption.
"""
from __future__ import annotations

import itertools
import json
import re
from urllib.parse import parse_qsl, urlsplit

import lxml.etree

from scraper.extract.canonical import join_url
from scraper.extract.dates import find_dates
from scraper.extract.fields import AUTHOR_LABEL
from scraper.extract.model import ArticleImage
from scraper.extract.text import BLOCK_TAGS, clean_text, element_text

__all__ = ["CAPTION_CLASS", "IMAGE_FILE", "PHOTO_LABEL", "PICTURE_COMMENT", "ImageFind", "alt_said_again",
           "best_image_url", "caption_block_text", "caption_held", "find_images", "is_centred", "is_emphasised",
           "is_set_right", "wrappers"]

# The picture files' extensions, one place for every pattern that looks for a picture's file.
PICTURE_EXT = r"(?:jpe?g|png|webp|gif)"
# Compiled once: these run per element or per text piece.
_SRCSET_WIDTH = re.compile(r"([\d.]+)([wx])")
_LEADING_NUMBER = re.compile(r"\s*(\d+)")
_STYLE_WIDTH = re.compile(r"(?<![-\w])width\s*:\s*(\d+)px")

# (and the full size a page keeps beside a smaller `src`: Confluence's `data-image-src`)
_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-full-src",
               "data-image-src", "data-large-file", "data-orig-file")
_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset", "srcset")
_PLACEHOLDER = re.compile(
    r"(^data:)|((^|[/_.-])(placeholder|loading|loader|lazy|blank|spacer|pixel|transparent|no[-_]?image|noimage|"
    r"1x1|grey|gray|default[-_]?(?:img|image|cover|thumb))[^/]*\.(gif|png|svg|jpe?g|webp)(\?|$))", re.I)
_NOT_CONTENT = re.compile(r"(^|[\s_-])(emoji|wp-smiley|icon|logo|avatar|gravatar|author[-_]?(?:photo|image|pic)|"
                          r"banner|ads?|advert|button|btn|"
                          r"share|social|rating|captcha)([\s_-]|$)", re.I)
# (and a tool's button: Joomla's `/media/system/images/emailButton.png`, `printButton.png`, `pdf_button.png`;
# a hit counter's digits drawn by its script, `hitwebcounter.com/counter/counter.php?page=...` after "Lượt xem:")
_NOT_CONTENT_URL = re.compile(r"(gravatar\.com|s\.w\.org/images/core/emoji|/emoji/|/icons?/|[/_-]icon[-_.]|[/_-]print[-_.]|"
                              r"(?:print|e?mail|pdf|share|rss)[_-]?button\.|/counter(?:\.php|\.cgi|/)|"
                              r"/logo|[/_-]logo[-_.]|/smil(?:ies|eys)/|/banners?/|/banner[-_.]|facebook\.com/tr|/pixel)", re.I)
# a picture's comment is its caption (Serendipity's `serendipity_imageComment_txt`), no reader's comment
PICTURE_COMMENT = re.compile(r"(?:image|img|photo|picture)[_-]?comment", re.I)
CAPTION_CLASS = re.compile(r"caption|image_desc|img_desc|image-desc|desc|chu-?thich|chuthich|legend|bildtext|"
                           r"photo-?note|note-?image|expNoEdit|gallery-?text|"  # (MediaWiki's `div.gallerytext`)
                           + PICTURE_COMMENT.pattern, re.I)
_MAX_CAPTION_CHARS = 400


class ImageFind(tuple):
    """(img element, ArticleImage, caption elements consumed by the pairing)."""

    __slots__ = ()
    element = property(lambda self: self[0])
    image = property(lambda self: self[1])
    caption_elements = property(lambda self: self[2])


def _srcset_best(value: str | None) -> str | None:
    best, best_w = None, -1.0
    for part in (value or "").split(","):
        bits = part.strip().split()
        if not bits:
            continue
        width = 0.0
        if len(bits) > 1:
            m = _SRCSET_WIDTH.match(bits[1])
            if m:
                width = float(m.group(1)) * (1 if m.group(2) == "w" else 1000)
        if width > best_w:
            best, best_w = bits[0], width
    return best


def best_image_url(img, base_url: str, document=None) -> str | None:
    """The full-size URL of an <img>: the original a lightbox link opens (or the copy a click on it
    shows, looked up in `document`, the page, where img sits in a cleaned copy without hidden
    elements), else the lazy attribute, else a real src, else the widest srcset entry."""
    url = _shown_url(img, base_url)
    if not url:
        return None
    url = _resized_from(url) or url
    return _original_of(img, url, base_url) or _declared_original(img, url, base_url) \
        or _previewed_copy(img, url, base_url, document) or url


# (and a lightbox's: EasyBlog's `data-popup`, elevateZoom's `data-zoom-image`, WooCommerce's `data-large_image`)
_ORIGINAL_ATTRS = ("data-original", "data-orig-file", "data-full-src", "data-large-file", "data-popup",
                   "data-zoom-image", "data-large_image")


def _declared_original(img, url: str, base_url: str) -> str | None:
    """The original an attribute names beside the copy the lazy loader shows, where the copy is named
    after it (a CDN's `x-w800.webp` in data-src, `x.jpg` in data-original); the known names first,
    then any other `data-*` naming a picture file (Duda's `data-dm-image-path="/multi/x.jpg"` beside
    `src="/multi/opt/x-1920w.jpg"`). The name test keeps it one way: never a thumbnail's attribute
    (`data-thumb="x-150x150.jpg"` beside `x.jpg`). Of the other names, only a plain file that is no
    sized copy itself (not a share picture's `x-1200x630.jpg`, a resizer's `/415x233/x.jpg` or
    `x.jpg?w=960`, a loader's `x.jpg?is-pending-load=1`, Joomla's `local-images:` address of its
    media manager). Last, a
    srcset's entry whose path the copy's own path holds (MediaWiki's `2x` entry, the upload
    `/images/c/c3/x.jpg`, beside its thumbnail `/images/thumb/c/c3/x.jpg/800px-x.jpg` in src)."""
    # (or an attribute of the platform's own, no `data-`: Discuz!'s `zoomfile="x.jpg"` beside `src="x.jpg.thumb.jpg"`)
    others = [img.get(name) for name in img.attrib if (name.startswith("data-") or name not in _PLAIN_ATTRS)
              and name not in _ORIGINAL_ATTRS and "srcset" not in name and _plain_file(img.get(name) or "")]
    entries = [e.split()[0] for e in (img.get("srcset") or "").split(",") if e.strip()]
    held = [e for e in entries if _plain_file(e) and _path_held(join_url(base_url, e), url)]
    shown_in_folder = "/" in (img.get("src") or "")
    for value in (*(img.get(attr) for attr in _ORIGINAL_ATTRS), *others, *held):
        value = (value or "").strip()
        if not value or value.startswith("data:"):
            continue
        if "/" not in value and shown_in_folder:
            continue  # a file's name as uploaded beside its address (Summernote's `data-filename="x.jpg"`)
        original = join_url(base_url, value)
        if original and original != url and _same_picture(original, url, any_format=True):
            return original
    return None


_PLAIN_ATTRS = frozenset(["src", "alt", "title", "class", "id", "style", "width", "height", "longdesc", "usemap"])


def _path_held(original: str | None, copy: str) -> bool:
    """Whether the copy's path holds the original's last three segments as a folder of its own."""
    if not original:
        return False
    tail = "/".join(urlsplit(original).path.rsplit("/", 3)[-3:])
    return len(tail) > 8 and f"/{tail}/" in urlsplit(copy).path


_SCHEME = re.compile(r"^[a-z][\w+.-]*:", re.I)
_ANY_SIZE = re.compile(r"\d{2,4}x\d{2,4}")  # (a resizer's `/415x233/` in the path)


def _plain_file(value: str) -> bool:
    """A picture file's address on the site or the web, with no query and no size of a copy in its name."""
    value = value.strip()
    if "?" in value or not IMAGE_FILE.search(value) or _sized(value) or _ANY_SIZE.search(value):
        return False
    return not _SCHEME.match(value) or value.lower().startswith(("http:", "https:"))


def _original_of(img, url: str, base_url: str) -> str | None:
    """The file a link around the picture opens where it is the same picture by name (Drupal's
    Colorbox: `<a href="/files/2024-03/x.jpg">` around
    `<img src="/files/styles/max_650/public/2024-03/x.jpg?itok=...">`)."""
    # (the link around it, through a few wrappers: Flatsome's gallery a > div.box > div.box-image > img)
    link = _link_around(img, 4)
    href = (link.get("href") or "").strip() if link is not None else ""
    if href and not IMAGE_FILE.search(href) and (target := join_url(base_url, href)) and (
            _thumbnail_of(url, target) or _PICTURE_ATTACHMENT.search(urlsplit(target).path)
            or _renumbered(url, target)):
        # (a script's picture: vBulletin's `attachment.php?attachmentid=1247&d=...` around `&thumb=1`;
        # or a forum's attachment named for a picture around its thumbnail: XenForo's
        # `/attachments/phoi-ca-phe-jpg.3323/` around `/data/attachments/3/3309-<hash>.jpg`; or
        # the same handler's address but for the file's number: SMF's `?action=dlattach;attach=845;image`
        # around its thumbnail, a file of its own, `attach=846`)
        return target
    if not href or not IMAGE_FILE.search(href):
        return None
    target = join_url(base_url, href)
    if not target or target == url or not _same_picture(target, url):
        return None
    if target.split("?", 1)[0] == url.split("?", 1)[0] and "?" not in url:
        return None  # the file itself with a flag for the server (Google Sites' `x.jpg?attredirects=0`)
    if "?" not in url and _names_a_page(target):
        # a page about the picture, the file shown (DokuWiki's `/_detail/x.jpg?id=<page>` around `/_media/x.jpg`)
        return None
    # (not a smaller copy where the picture shows the file itself: a link to x-1024x576.jpg around x.jpg)
    return None if _sized(target) and not _sized(url) else target


_PICTURE_ATTACHMENT = re.compile(r"/attachments?/[^/]*[-_.]" + PICTURE_EXT + r"\b[^/]*/?$", re.I)


def _names_a_page(url: str) -> bool:
    """An address whose query names something in words, no size or version: `?id=tin_tuc:su_kien:x`."""
    params = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    return not any(key in _SIZE_KEYS for key, _ in params) and any(_WORD.search(value) for _, value in params)


_WORD = re.compile(r"[^\W\d]{3}")
_SIZE_KEYS = frozenset(["w", "h", "width", "height", "size", "resize", "fit", "crop", "quality", "q", "format",
                        "fm", "auto", "itok", "v", "ver", "version", "t", "ts"])


def _thumbnail_of(copy: str, original: str) -> bool:
    """Whether `copy` is `original`'s address with a thumbnail's flag added to its query (`&thumb=1`)."""
    path, _, query = copy.partition("?")
    opath, _, oquery = original.partition("?")
    if path != opath or not oquery:
        return False
    params, oparams = set(query.split("&")), set(oquery.split("&"))
    extra = params - oparams
    return oparams <= params and bool(extra) and all(_THUMB_FLAG.match(p) for p in extra)


def _renumbered(copy: str, original: str) -> bool:
    """Whether two addresses of one script differ in one query value only, a number in both (a
    forum keeps a picture's thumbnail as an attachment of its own, numbered next to it)."""
    path, _, query = copy.partition("?")
    opath, _, oquery = original.partition("?")
    if path != opath or not query:
        return False
    parts, oparts = _QUERY_SEP.split(query), _QUERY_SEP.split(oquery)
    changed = [(p, o) for p, o in zip(parts, oparts) if p != o]
    if len(parts) != len(oparts) or len(changed) != 1:
        return False
    (key, _, value), (okey, _, ovalue) = (changed[0][0].partition("="), changed[0][1].partition("="))
    return key == okey and value.isdigit() and ovalue.isdigit()


_QUERY_SEP = re.compile(r"[&;]")
_THUMB_FLAG = re.compile(r"^(thumb(nail)?|size=(thumb|small)|stc)(=\w*)?$", re.I)


_HASHED = re.compile(r"^[0-9a-f]{32,64}[-_]")


def _same_picture(original: str, copy: str, any_format: bool = False) -> bool:
    """Whether `copy` is a smaller copy of `original` by its file name: the same name but for a
    size (WordPress's x-150x150.jpg), or the original's name inside it (TYPO3's processed
    `csm_x_3b8f02c9d1.jpg` of x.jpg; a name of 6 letters or more, so that "1.jpg" is no copy's)."""
    name, copy_name = _file_name(original), _file_name(copy)
    if name == copy_name:
        return True
    if f"/{name}/" in urlsplit(copy).path:
        return True  # a copy cached in a folder named for the original (b2evolution's `.evocache/x.jpg/fit-1280x720.jpg`)
    unhashed = _HASHED.sub("", name)
    if unhashed != name and unhashed == _HASHED.sub("", copy_name):
        return True  # two copies an image cache names by their own hash (Grav's `<sha1>-gian-hang.jpeg`)
    stem, dot, ext = name.rpartition(".")
    same_format = any_format or copy_name.endswith("." + ext)  # (a CDN's copies may be of another format: webp)
    return bool(dot) and len(stem) >= 6 and same_format and stem in copy_name.rpartition(".")[0]


_FILE_THEN_SETTINGS = re.compile(r"^(.*?\." + PICTURE_EXT + r")/", re.I)


def same_file(one: str, other: str) -> bool:
    """Whether two addresses are renditions of one picture file: the same address up to the file's
    name and a resizer's settings in the path after it (GoDaddy's builder's `/isteam/ip/<id>/x.jpg/:/rs=w:1280`
    in the text, `x.jpg/:/rs=w:984,h:492,cg:true,m/cr=w:984,h:492` as the post's cover), or the same
    folder and the file's name but for a size (below)."""
    if one == other:
        return True
    a, b = _FILE_THEN_SETTINGS.match(one), _FILE_THEN_SETTINGS.match(other)
    if a is not None and b is not None:
        return a.group(1) == b.group(1)
    # (or a size a CMS keeps in the same folder: WordPress's `x-768x512.jpg`, the post's featured copy of `x.jpg`)
    folder, _, _ = one.split("?", 1)[0].rpartition("/")
    return folder == other.split("?", 1)[0].rpartition("/")[0] and _file_name(one) == _file_name(other)


def _resized_from(url: str) -> str | None:
    """The original an image resizer's address names in its query (Next.js's
    `/_next/image?url=%2Fuploads%2Fx.jpg&w=1080&q=75`, timthumb's `timthumb.php?src=...&w=300`):
    the picture itself, where the resizer's copy is one size of it."""
    if "?" not in url:
        return None
    parts = urlsplit(url)
    if IMAGE_FILE.search(parts.path):
        # SharePoint's renditions, `/PublishingImages/x.jpg?RenditionID=5`: a size of the file at the path
        return url.split("?", 1)[0] if _RENDITION_QUERY.fullmatch(parts.query) else None
    for name, value in parse_qsl(parts.query):
        if name in ("url", "src") and IMAGE_FILE.search(urlsplit(value).path):
            original = join_url(url, value)
            # (on the resizer's own host only: a storage bucket's address behind Brightspot's DIMS
            # copies, `/dims4/.../?url=http%3A%2F%2Fbucket.s3.amazonaws.com%2F...`, is no file the
            # portal serves, and a crawl keeps to the portal's host)
            return original if urlsplit(original).netloc == parts.netloc else None
    return None


_RENDITION_QUERY = re.compile(r"RenditionID=\d+", re.I)


def _sized(url: str) -> bool:
    return bool(_SIZE_SUFFIX.search(url.split("?", 1)[0]))


def _file_name(url: str) -> str:
    """A picture's file name without a size a CMS adds to its copies (WordPress's `x-150x150.jpg`
    of `x.jpg`, and `x-scaled.jpg`, the one it keeps of an upload wider than 2560 pixels)."""
    base, _, query = url.partition("?")
    name = base.rsplit("/", 1)[-1]
    if query and not IMAGE_FILE.search(name) and (m := _PICTURE_IN_QUERY.search(query)):
        name = m.group(1)  # a script's copy named in its query (Quix's `index.php?quix-image=.../x_800.jpg&dirs=...`)
    return _NAME_SUFFIX.sub("", name)


_PICTURE_IN_QUERY = re.compile(r"[=/]([^=&/]+\." + PICTURE_EXT + r")(?:&|$)", re.I)


_SIZE_SUFFIX = re.compile(r"-\d{2,4}x\d{2,4}(?=\.\w+$)")
_NAME_SUFFIX = re.compile(r"-(\d{2,4}x\d{2,4}|scaled)(?=\.\w+$)")


def _previewed_copy(img, url: str, base_url: str, document) -> str | None:
    """The copy of the same picture (by file name) in the hidden element a click on the picture
    shows (NukeViet's `<figure onclick="modalShowByObj('#imgpreview')">` around a thumbnail, the
    full-size picture in `<div id="imgpreview" style="display:none">`)."""
    element = img
    for _ in range(4):
        element = element.getparent()
        if element is None:
            return None
        target = _PREVIEW_TARGET.search(element.get("onclick") or "")
        if target:
            break
    else:
        return None
    name = _file_name(url)
    if document is None:
        document = img.getroottree().getroot()
    for copy in document.iterfind(f".//*[@id='{target.group(1)}']//img"):
        copy_url = _shown_url(copy, base_url)
        if copy_url and copy_url != url and _file_name(copy_url) == name:
            return copy_url
    return None


# an element named by id in a click handler: `modalShowByObj('#imgpreview')`, `$("#zoom").show()`
_PREVIEW_TARGET = re.compile(r"""['"]#([A-Za-z][\w-]*)['"]""")


# an address of a picture file (a lightbox's link, a gallery's), not of a page
IMAGE_FILE = re.compile(r"\." + PICTURE_EXT + r"(\?|#|$)", re.I)


def _lazy_values(img, src_shown: bool = False):
    """The addresses a lazy loader keeps for the picture: its common attributes first, then any other
    `data-*lazy*` naming a picture file (Backdrop's Lazyload `data-lazyload-src`), and where the
    picture shows no real `src`, the one `data-*src*` naming one (not beside a real one: a theme's
    `data-teaser-image-src` is another crop of it; nor one of a set of sizes, CNN's `data-src-mini`
    to `data-src-large`, whose choice is the page script's)."""
    for attr in _LAZY_ATTRS:
        yield img.get(attr)
    # (a name for the loader holding a picture's file anywhere in its address: GoDaddy's builder's
    # `data-srclazy="/isteam/ip/<id>/x.jpg/:/rs=w:1280"`, its resizer's settings after the file)
    named = [(name, value) for name, value in img.attrib.items()
             if name.startswith("data-") and "srcset" not in name and name not in _LAZY_ATTRS
             and ("lazy" in name and _NAMES_PICTURE.search(value) or "src" in name and IMAGE_FILE.search(value))]
    sources = [value for name, value in named if "lazy" not in name]
    yield from (value for name, value in named if "lazy" in name)
    if not src_shown and len(sources) == 1:
        yield sources[0]


def _shown_url(img, base_url: str) -> str | None:
    src = (img.get("src") or "").strip()
    for value in _lazy_values(img, bool(src) and not _PLACEHOLDER.search(src)):
        value = (value or "").strip()
        if "/" not in value and "." not in value:
            continue  # a flag, no address (Themify's `data-lazy="1"` beside its `data-tf-src`)
        if value and not value.startswith("data:"):
            if src and value.startswith(src + ("&" if "?" in src else "?")):
                break  # the src itself with the loader's mark (Jetpack's `data-lazy-src="x.jpg?is-pending-load=1"`)
            if "/" not in value and "/" in src and not _PLACEHOLDER.search(src):
                break  # a file's name as uploaded beside its real address (RainLab.Blog's `data-src="DSC_0931.JPG"`)
            return join_url(base_url, value)
    if src and not _PLACEHOLDER.search(src):
        return join_url(base_url, src)
    for attr in _SRCSET_ATTRS:
        best = _srcset_best(img.get(attr))
        if best and not best.startswith("data:"):
            return join_url(base_url, best)
    best = _widest_in_data(img) or (None if src else _in_own_attribute(img) or _picture_source(img))
    return join_url(base_url, best) if best else None


def _picture_source(img) -> str | None:
    """A picture with no address of its own in a `<picture>`: the widest file of its last `<source>`,
    the format every browser shows, after the newer ones (Medium's `<source type="image/webp">`, then
    the JPEG's, then `<img alt="" role="presentation">` alone)."""
    parent = img.getparent()
    if parent is None or parent.tag != "picture":
        return None
    sources = [el for el in parent.iterchildren("source") if el.get("srcset")]
    best = _srcset_best(sources[-1].get("srcset")) if sources else None
    return best if best and not best.startswith("data:") else None


def _in_own_attribute(img) -> str | None:
    """A picture with no src and no srcset at all: its file in an attribute of the platform's own
    named for the file (Discuz!'s lazy `<img file="data/attachment/album/x.jpg" lazyloadthumb="1">`;
    not any attribute naming a picture: a related teaser's `dsrc` thumbnail on web-eval)."""
    return next((value for name, value in img.attrib.items() if name.endswith("file")
                 and not name.startswith("data-") and IMAGE_FILE.search(value)), None)


_NAMES_PICTURE = re.compile(r"\." + PICTURE_EXT + r"\b", re.I)


def _widest_in_data(img) -> str | None:
    """The widest of the picture's sizes a responsive script keeps as JSON in a `data-*` attribute,
    its addresses by width (CoreMedia's `data-cm-responsive-media` of `{"linksForWidth": {"320": ...,
    "1280": ...}}` under a 1x1 placeholder); else the last picture address the attribute names."""
    for name, value in img.attrib.items():
        if not name.startswith("data-") or not value.lstrip().startswith(("[", "{")) or not _NAMES_PICTURE.search(value):
            continue
        try:
            data = json.loads(value)
        except ValueError:
            continue
        by_width, found = {}, []
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for key, item in node.items():
                    if isinstance(item, str) and IMAGE_FILE.search(item):
                        found.append(item)
                        if key.isdigit():
                            by_width[int(key)] = item
                    else:
                        stack.append(item)
            elif isinstance(node, list):
                stack.extend(reversed(node))
        if by_width:
            return by_width[max(by_width)]
        if found:
            return found[-1]
    return None


def _tiny(img) -> bool:
    for attr in ("width", "height"):
        m = _LEADING_NUMBER.match(img.get(attr) or "")
        if m and int(m.group(1)) <= 40:
            return True
    style = img.get("style") or ""
    m = _STYLE_WIDTH.search(style)
    return bool(m and int(m.group(1)) <= 40)


def _shown_small(img) -> bool:
    """Declared no larger than a thumbnail (Adobe Muse's `data-width="90" data-height="60"`)."""
    sizes = [_LEADING_NUMBER.match(img.get(attr) or img.get("data-" + attr) or "") for attr in ("width", "height")]
    return all(sizes) and all(int(m.group(1)) <= 150 for m in sizes)


def _is_content_image(img, url: str | None) -> bool:
    if not url or _tiny(img):
        return False
    # (and the name a page's tests know it by: Medium's byline `img[data-testid=authorPhoto]`)
    names = " ".join(filter(None, (img.get("class"), img.get("id"), img.get("data-testid"))))
    if _NOT_CONTENT.search(names):
        # (not a lazy loader's name for its state: Drupal's lazyloader marks every picture it has
        # not loaded yet `lazyloader-icon`, the spinner shown in its place)
        names = " ".join(t for t in names.split() if "lazy" not in t.lower())
        if _NOT_CONTENT.search(names) and not named_button_only(img, names, _NOT_CONTENT):
            return False
    return not _NOT_CONTENT_URL.search(url)


def named_button_only(img, names: str, furniture: re.Pattern) -> bool:
    """A picture whose class names a button and nothing else of the page's furniture (the words of
    `furniture`, its second group), declared larger than any button is drawn: the editor's word for
    the tool that put it there (Moodle's Atto editor classes every picture it inserts
    `atto_image_button_text-bottom`), not a button."""
    words = {m[2].lower() for m in furniture.finditer(names)}
    sizes = [_LEADING_NUMBER.match(img.get(attr) or "") for attr in ("width", "height")]
    return words <= {"button", "btn"} and all(sizes) and int(sizes[0][1]) >= 300 and int(sizes[1][1]) >= 200


def shows_picture(el) -> bool:
    """Whether `el` holds a picture of the article's, not only a tool's icon (Joomla's print and email
    buttons in its `ul.actions` over the text)."""
    return any(_is_content_image(img, (img.get("src") or "").strip() or "-") for img in el.iter("img"))


def is_centred(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    cls = (el.get("class") or "").lower()
    return ("text-align:center" in style or (el.get("align") or "").lower() == "center"
            or "center" in cls or el.tag == "center")


_CAPTION_STYLE = ("em", "i", "small")


def is_emphasised(el) -> bool:
    """All the element's text sits inside <em>/<i> (an editor's usual caption style), or in small
    print (`<p><small>` under a picture: Tumblr's posts, whose pictures have no caption field)."""
    text = element_text(el)
    if not text:
        return False
    if el.find(".//small") is not None and find_dates(text):
        return False  # (a date line in small print under the post's picture: no caption)
    italic = "".join(element_text(e) for e in el.iter(*_CAPTION_STYLE)
                     if not any(a.tag in _CAPTION_STYLE for a in e.iterancestors()))
    # (or set in italics by its style: a builder's `<span style="font-style: italic;">`)
    if len(italic) < 0.9 * len(text) and (
            styled := [e for e in _ITALIC_STYLED(el) if _ITALIC_STYLE.search(e.get("style"))]):
        italic += "".join(element_text(e) for e in styled if not any(a in styled for a in e.iterancestors()))
    return len(italic) >= 0.9 * len(text)


_ITALIC_STYLED = lxml.etree.XPath("descendant-or-self::*[contains(@style, 'italic')]")
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.I)


def _block_of(el, root):
    """The nearest block ancestor of an inline element, inside root."""
    node = el.getparent()
    while node is not None and node is not root and node.tag not in BLOCK_TAGS:
        node = node.getparent()
    return node


def _has_image(el) -> bool:
    return el.tag == "img" or next(el.iter("img"), None) is not None


def _next_block(el):
    """The next sibling element with visible text or an image, skipping empty paragraphs."""
    node = el.getnext()
    while node is not None:
        if not isinstance(node.tag, str) or node.tag == "noscript":
            # (nor a lazy picture's <noscript> copy between it and its caption: Sitevision's
            # `<p><img class="lazyload"></p><noscript><img></noscript><p class="sv-font-bildtext">`)
            node = node.getnext()
            continue
        if element_text(node) or _has_image(node):
            return node
        node = node.getnext()
    return None


def _visible_images(el) -> int:
    # (not an icon: a caption's "enlarge" glyph, DokuWiki imagebox's 15×11 `magnify-clip.png` in its `thumbcaption`)
    return sum(1 for i in el.iter("img") if not _sizer(i) and not _in_noscript(i) and not _tiny(i))


def _in_noscript(img) -> bool:
    """The <noscript> copy of a lazy picture, not a picture shown."""
    return any(a.tag == "noscript" for a in img.iterancestors())


def _sizer(img) -> bool:
    """An inline blank a layout draws to hold a picture's place (Next.js's next/image: an
    `aria-hidden` `data:image/svg+xml` beside the picture in its wrapper), no picture of its own."""
    return img.get("aria-hidden") == "true" and (img.get("src") or "").startswith("data:") \
        and not any(_lazy_values(img)) and not any(img.get(attr) for attr in _SRCSET_ATTRS)


def _caption_in_wrapper(img, root):
    """figure > figcaption, or a caption-classed sibling inside the image's own small wrapper."""
    described = (img.get("aria-describedby") or "").split()
    if described:
        target = next((el for el in root.iter() if isinstance(el.tag, str) and el.get("id") == described[0]), None)
        if target is not None and not _has_image(target):
            return target
    node = img.getparent()
    for _ in range(4):
        if node is None:
            return None
        if node.get("role") == "figure" and node.tag != "figure" and _visible_images(node) == 1:
            # a box a figure by its role, its one line beside the picture the caption (the JCE editor's
            # `span.wf_caption[role=figure] > img + span`)
            said = [c for c in node if isinstance(c.tag, str) and element_text(c) and not _has_image(c)]
            return said[0] if len(said) == 1 else None
        if node.tag == "figure":  # (the figure itself read: a lead picture's, taken whole)
            return caption if (caption := _own_figcaption(node)) is not None else _outer_figcaption(node, root)
        if node is root:
            return None
        if node.tag == "dl":  # (a term and its description: `dl > dt > img` and `dd`, WordPress's old
            # wp-caption, Magnolia's image paragraph): the description after the picture's term
            term = next((a for a in [img, *img.iterancestors()] if a.getparent() is node), None)
            after = term.getnext() if term is not None else None
            return after if after is not None and after.tag == "dd" and not _has_image(after) else None
        if node.tag in ("tr", "tbody", "table"):  # (a row of pictures side by side: their table decides)
            table = node if node.tag == "table" else next((a for a in node.iterancestors() if a.tag == "table"), None)
            return _caption_in_table(img, table) if table is not None else None
        if _visible_images(node) > 1:
            return None
        for child in node.iter():
            if child is img or not isinstance(child.tag, str) or child.tag == "img":
                continue
            if CAPTION_CLASS.search(child.get("class") or "") and not _visible_images(child):
                return child
        node = node.getparent()
    for _ in range(2):  # (deeper, a figure of its own still: Drupal's embedded media entity, `figure > div >
        # article.media > div.field > div.field__item > img`, then the figure's figcaption)
        if node is None or node is root or _visible_images(node) > 1:
            return None
        if node.tag == "figure":  # (its own child: not one beside a credit in a box of both, Vox's `e-image__meta`)
            caption = _own_figcaption(node)
            return caption if caption is not None and caption.getparent() is node else None
        node = node.getparent()
    return None


def _outer_figcaption(figure, root):
    """The caption of the figure around an uncaptioned one and its one picture (CKEditor 5's captioned
    media in Drupal 10: `figure.caption-drupal-media > div > figure.ct-figure > img`, the theme's own
    figure inside the editor's, its `figcaption` the outer's)."""
    for _, outer in zip(range(2), figure.iterancestors()):
        if outer is root:
            return None
        if outer.tag == "figure":
            return _own_figcaption(outer) if _visible_images(outer) == 1 else None
    return None


def _own_figcaption(figure):
    """A figure's caption, not one of a figure inside it (NukeViet wraps picture and caption in a
    sized <div> inside the <figure>)."""
    for caption in figure.iter("figcaption"):
        if next(a for a in caption.iterancestors() if a is figure or a.tag == "figure") is figure:
            return caption
    # (none: the one short paragraph beside its one picture, Hugo PaperMod's cover `figure.entry-cover >
    # img + p`, written so by the theme)
    said = [c for c in figure if isinstance(c.tag, str) and c.tag in ("p", "div", "span") and element_text(c)]
    if len(said) == 1 and _visible_images(figure) == 1 and not _has_image(said[0]) and said[0].find(".//a") is None \
            and len(element_text(said[0])) <= _MAX_CAPTION_CHARS:
        return said[0]
    return None


def _caption_in_table(img, table):
    rows = [r for r in table.iter("tr")]
    if len(rows) > 4:
        return None
    pictures = len(list(table.iter("img")))
    if pictures > 1:
        return _caption_below_in_column(img, rows)
    caption = next((c for c in table if c.tag == "caption"), None)
    if caption is not None and element_text(caption):
        return caption  # <table><caption>: the table is the picture's frame
    for row in rows:
        if _has_image(row):
            continue
        if element_text(row):
            cells = [c for c in row if c.tag in ("td", "th")]
            return cells[0] if len(cells) == 1 else row
    return None


def _caption_below_in_column(img, rows):
    """Pictures side by side in a table row, their captions in the next row's cells below them."""
    cell = next((a for a in img.iterancestors() if a.tag in ("td", "th")), None)
    row = cell.getparent() if cell is not None else None
    if row is None or row not in rows:
        return None
    cells = [c for c in row if c.tag in ("td", "th")]
    below = next((r for r in rows[rows.index(row) + 1:] if not _has_image(r)), None)
    if below is None:
        return None
    under = [c for c in below if c.tag in ("td", "th")]
    if len(under) != len(cells) or _visible_images(cell) != 1:
        return None
    caption = under[cells.index(cell)]
    return caption if element_text(caption) and not _has_image(caption) else None


def _caption_after(img, root):
    """Text after the image in its own block, or the centred/italic block that follows it."""
    block = _block_of(img, root)
    if block is None:
        return None, []
    pictures = list(block.iter("img")) if block is not root else []
    # (one shown, the lazy picture's <noscript> copy beside it: PHP-Nuke's `img.lazy`, its copy, `<br><em>caption`)
    shown = [i for i in pictures if not _in_noscript(i)]
    tail = _text_after(img, block) if len(pictures) == 1 or len(shown) == 1 else None
    floated_into = tail and _floats(img) and len(tail) > _FLOATED_PROSE  # the paragraph the picture is floated into
    if len(pictures) == 1:
        if floated_into:
            return None, []
        if tail:
            return tail, [block]
    elif tail and not floated_into and len(tail) <= _MAX_CAPTION_CHARS and (
            is_centred(block) or is_emphasised(block)):
        return tail, [block]  # (where the block reads as a caption: centred, or in italics)
    elif pictures:
        caption, consumed = _linked_caption(img)
        if caption:
            return caption, consumed
    if img.getparent() is block and not (img.tail or "").strip() and (following := _next_block(img)) is not None:
        # a picture set among the paragraphs, not in one (Wagtail's rich text `<img class="richtext-image">`
        # then `<p><i>caption</i></p>`; django CMS filer's `<img>` then `<span class="filer_image_info">`):
        # the element after it may be its caption
        text, holder = caption_held(following, img)
        if text:
            return text, [holder]
    anchor = block if block is not root else img
    following = _next_block(anchor)
    while following is None and anchor is not root and (up := anchor.getparent()) is not None \
            and up is not root and _visible_images(up) == 1:
        # the last thing in its wrappers: the block after the outermost one holding it alone
        # (a media field's picture nested four deep, its caption field after the whole field)
        anchor = up
        following = _next_block(anchor)
    if following is None or _gallery_caption(following):
        return None, []
    text, holder = caption_held(following, img)
    return (text, [holder]) if text else (None, [])


def _caption_words(caption) -> str | None:
    """A caption's text without the photographer's credit in a block of its own beside it
    (Brightspot's `figcaption > div.Figure-caption + div.Figure-credit "Ảnh: Ngọc Hân"`): the credit
    is who took the picture, left out as the body's cleaning leaves it out of the text."""
    if not (caption.text or "").strip():
        blocks = [c for c in caption if isinstance(c.tag, str)]
        said = [c for c in blocks if not credit_line(element_text(c))]
        if len(said) == 1 and len(blocks) > 1 and not any((c.tail or "").strip() for c in blocks):
            return element_text(said[0]) or None
    return element_text(caption) or None


def caption_held(block, img=None) -> tuple[str | None, object]:
    """The caption `block` holds for the picture before it, and the element holding it: the block
    itself (short, centred or italic; or saying `img`'s alt again), or the caption that opens it, the
    text going on after it (Concrete CMS: an image block, then a content block whose first paragraph
    is the centred caption); (None, None) where it holds none."""
    text = caption_block_text(block) or (alt_said_again(block, img) if img is not None else None)
    if text:
        return text, block
    opening = _first_block(block)
    text = caption_block_text(opening) if opening is not None else None
    return (text, opening) if text else (None, None)


def _gallery_caption(el) -> bool:
    """The caption of a figure of several pictures, no one's own (WordPress's gallery block, its
    `figcaption.blocks-gallery-caption` after the last picture's uncaptioned `figure`)."""
    figure = el.getparent()
    return el.tag == "figcaption" and figure is not None and figure.tag == "figure" \
        and sum(1 for _ in zip(range(2), figure.iterdescendants("figure"))) > 1


def alt_said_again(block, img) -> str | None:
    """The block after a picture that says what its alt or title says: its caption, however it is
    set (OpenCms Mercury's plain `div.subtitle`, hidden from screen readers that read the alt;
    django CMS filer's `span.filer_image_info`, the picture's title again)."""
    if _has_image(block):
        return None
    text = element_text(block)
    return text if text and text in (clean_text(img.get("alt") or ""), clean_text(img.get("title") or "")) else None


def caption_block_text(el) -> str | None:
    """The text of a block that reads as the caption of the picture before it: short, centred,
    italic or named a caption, no picture of its own."""
    if _has_image(el):
        return None
    text = element_text(el)
    if not text or len(text) > _MAX_CAPTION_CHARS or not any(c.isalpha() for c in text):
        return None  # (no words: a video's length "2:56" under its still)
    chain = list(wrappers(el))
    if any(is_set_right(w) for w in chain) and (PHOTO_LABEL.match(text) or AUTHOR_LABEL.match(text)
                                                 or _next_block(el) is None):
        # a photographer's or writer's line set right: the story's credit, no picture's caption (JCE's
        # "Ảnh và bài: Quốc Việt" under a photo story's last picture; or, unlabelled, the text's last
        # line, N2's "Ngọc Ánh (Trung tâm VH-TT&TT huyện)" set right in bold under the last picture)
        return None
    if is_centred(el) or is_emphasised(el) or any(_NAMED_CAPTION.search(w.get("class") or "") for w in chain):
        return text
    if any(w.tag == "p" and is_centred(w) for w in chain) \
            and sum(len(element_text(a)) for a in el.iter("a")) < 0.5 * len(text):
        return text  # a centred paragraph in its wrappers alone (a Google Sites text box), not a bar of links
    return None


def _first_block(box):
    """The first block of a box of several with no text before it; None for a box with a picture."""
    children = [c for c in box if isinstance(c.tag, str)]
    if box.tag not in ("div", "section") or len(children) < 2 or (box.text or "").strip() or _has_image(box) \
            or children[0].tag not in BLOCK_TAGS:
        return None
    return children[0]


# A picture's credit ("Ảnh: Ngọc Hân", "Photo by ...", "© Getty Images"): who took it, not what it shows.
CREDIT_LINE = re.compile(r"^(photos?|fotos?|bild(er)?|image|credits?|ảnh)\s*(by\b|:|©)|getty images|unsplash|"
                         r"shutterstock|thinkstock|istock(photo)?\b|^©", re.I)


def credit_line(text: str) -> bool:
    """A short line saying who took a picture ("Ảnh: Ngọc Hân", "© Getty Images")."""
    return 0 < len(text) <= 60 and bool(CREDIT_LINE.search(text))


# a photographer's label: "Ảnh: Thái Hòa" set right closing a photo story names its author
PHOTO_LABEL = re.compile(r"^\s*ảnh\s*[:：]\s*(?=\S)", re.I)
_SET_RIGHT = re.compile(r"text-align\s*:\s*right", re.I)


def is_set_right(el) -> bool:
    """The element's own alignment is right: by its style, its `align` or a framework's class word."""
    cls = el.get("class") or ""
    return bool(_SET_RIGHT.search(el.get("style") or "")) or (el.get("align") or "").lower() == "right" or \
        "align-right" in cls or "text-right" in cls or "has-text-align-right" in cls or "text-end" in cls


def wrappers(el):
    """el and the elements it wraps alone, down to the one with text of its own (Liferay's fragment
    wrappers around its `div.image-caption`); an empty box beside it is no second child (a page
    builder's `<div style="clear: both"></div>` after each element's content)."""
    while True:
        yield el
        children = [c for c in el if isinstance(c.tag, str) and not _empty_box(c)]
        if len(children) != 1 or (el.text or "").strip():
            return
        el = children[0]


def _empty_box(el) -> bool:
    return el.tag == "div" and not len(el) and not (el.text or "").strip()


# a block after the picture named a caption by its class (Drupal's caption field after its image
# field: `field--name-field-chu-thich-anh`); not "desc", which names a summary as often as a caption
# (and the caption's word in the platform's own language: Sitevision's Swedish `p.sv-font-bildtext`,
# German "Bildunterschrift", Italian "didascalia")
_NAMED_CAPTION = re.compile(r"caption|chu-?thich|legend|bildtext|bildunterschrift|didascalia", re.I)


_FLOAT = re.compile(r"float\s*:\s*(left|right)", re.I)
_FLOATED_PROSE = 150  # past this, text beside a floated picture is a paragraph (a caption is a line)


def _floats(img) -> bool:
    """An image floated left or right in its paragraph: a long text after it flows around it, the
    paragraph's own (Joomla's editors float a picture into the text it illustrates)."""
    return bool(_FLOAT.search(img.get("style") or "")) or (img.get("align") or "").lower() in ("left", "right") \
        or bool(_FLOAT_CLASS.search(img.get("class") or ""))


# the class words editors float a picture by (WordPress's alignleft, Bootstrap's float-start,
# Wagtail's rich-text format `richtext-image left`)
_FLOAT_CLASS = re.compile(r"(^|\s)(left|right|align-?(left|right)|float-(left|right|start|end)|pull-(left|right))(\s|$)")


def _titled_caption(img) -> str | None:
    """Joomla's caption script: an <img class="caption"> shows its title under it as the caption."""
    if "caption" not in (img.get("class") or "").split():
        return None
    return clean_text(img.get("title")) or None


def _lightbox_caption(img) -> tuple[str | None, list]:
    """The caption a lightbox link gives the picture it opens (tagDiv's featured image, fancybox:
    `data-caption`), where the page shows none beside it; and the link's own line saying it again
    (Concrete CMS's gallery: the caption shown over the picture on hover, `div...-overlay-text`)."""
    link = _link_around(img, 3)
    caption = (clean_text(link.get("data-caption")) or None) if link is not None else None
    if caption is None:
        return None, []
    said = next((el for el in link.iterdescendants() if isinstance(el.tag, str) and not _has_image(el)
                 and element_text(el) == caption and not any(isinstance(c.tag, str) for c in el)), None)
    return caption, [said] if said is not None else []


def _stated_caption(img) -> str | None:
    """A caption stated only as the picture's microdata (`<meta itemprop="caption" content=...>` in
    its own wrapper: AEM's image component with the caption shown as a pop-up), where the page
    shows none beside it."""
    for node in itertools.islice(img.iterancestors(), 3):
        if _visible_images(node) > 1:
            return None
        meta = next((m for m in node.iter("meta") if m.get("itemprop") == "caption"), None)
        if meta is not None:
            return clean_text(meta.get("content")) or None
    return None


def _link_around(img, levels: int):
    """The nearest <a> among a picture's `levels` nearest ancestors, or None; its `<picture>` and
    `<source>` no level (libxml2 does not know `<source>` is empty: `<picture><source><img>` puts
    the img inside the source, Concrete CMS's gallery picture three wrappers down in its lightbox link)."""
    ancestors = (a for a in img.iterancestors() if a.tag not in ("picture", "source"))
    return next((a for _, a in zip(range(levels), ancestors) if a.tag == "a"), None)


def _linked_caption(img) -> tuple[str | None, list]:
    """The caption set as a second link to the same picture after the picture's own (DedeCMS's
    photo set: `<a href="x.jpg"><img src="x.jpg"></a><br><a href="x.jpg">caption</a>`)."""
    link = img.getparent()
    if link is None or link.tag != "a" or not (href := (link.get("href") or "").strip()) \
            or not IMAGE_FILE.search(urlsplit(href).path):
        return None, []  # (the picture's own file: a gallery's "43 Bilder" linking to the gallery's page is none)
    after = link.getnext()
    while after is not None and after.tag == "br" and not (link.tail or "").strip():
        link, after = after, after.getnext()
    if after is None or after.tag != "a" or (after.get("href") or "").strip() != href or (link.tail or "").strip():
        return None, []
    text = element_text(after)
    return (text, [after]) if text and len(text) <= _MAX_CAPTION_CHARS else (None, [])


def _text_after(img, block) -> str | None:
    """Text written after the image inside the same block (e.g. `<img><br><em>caption</em>`)."""
    parts, seen = [], False
    before = []
    for node in block.iter():
        if node is img:
            seen = True
            if img.tail:
                parts.append(img.tail)
            continue
        if not isinstance(node.tag, str):
            continue
        target = parts if seen else before
        if node.text and node is not block:
            target.append(node.text)
        if node.tail and node is not block and any(a is block for a in node.iterancestors()):
            target.append(node.tail)
    text = clean_text("".join(parts))
    if text and not clean_text("".join(before) + (block.text or "")) and len(text) <= _MAX_CAPTION_CHARS:
        return text
    return None


def find_images(root, base_url: str, exclude=(), document=None) -> list[ImageFind]:
    """Content images under root in page order, each with its caption (or None); `document` is
    the page root is a cleaned copy of."""
    found: list[ImageFind] = []
    seen: set[str] = set()
    excluded = set(exclude)
    for img in root.iter("img"):
        ancestors = list(img.iterancestors())
        if any(a in excluded for a in ancestors):
            continue
        noscript = next((a for a in ancestors if a.tag == "noscript"), None)
        if noscript is not None and noscript.getparent() is not None and any(
                i is not img and not any(x.tag == "noscript" for x in i.iterancestors())
                and _shown_url(i, base_url) for i in noscript.getparent().iter("img")):
            # the <noscript> copy of a lazy-loaded image (read where the copy shown names no
            # picture but a blank: next/image's lazy `src="data:image/gif..."`)
            continue
        url = best_image_url(img, base_url, document)
        if not _is_content_image(img, url) or url in seen:
            continue
        if _shown_small(img) and any(_same_picture(f.image.url, url) and (img.get("alt") or None) in (None, f.image.alt)
                                     for f in found):
            continue  # a thumbnail of a picture already taken, nothing said of it (a slideshow's strip of links)
        seen.add(url)
        caption_el = _caption_in_wrapper(img, root)
        consumed = []
        caption = None
        if caption_el is not None:
            caption = _caption_words(caption_el)
            consumed = [caption_el]
        else:
            caption = _titled_caption(img)
            if caption is None:
                caption, consumed = _caption_after(img, root)
            if caption is None:
                caption, consumed = _lightbox_caption(img)
            if caption is None:
                caption = _stated_caption(img)
        if caption and " " not in caption and IMAGE_FILE.search(caption):
            caption = None  # a picture's file name where its caption would be (an upload left uncaptioned)
        alt = img.get("alt")
        found.append(ImageFind((img, ArticleImage(url=url, caption=caption or None, alt=alt if alt else None), consumed)))
    return found
