"""How to cite an archived article: a text line, BibTeX, RIS, CSL-JSON and the page's citation_* tags.

One description of the source (`Source`) and one formatter per format, used by `show --cite`
and the web's article page alike. The source names the portal by its title (from the site
registry; the host only when the registry does not know it), the author as the page gave it
(a Vietnamese name is never split into given and family names: it is kept whole), the
original URL, the archive's copy and the day this version was captured.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from archive.shown import day_first, vietnam_day

__all__ = ["Source", "source_of", "as_text", "as_bibtex", "as_ris", "as_csl_json", "meta_tags", "FORMATS",
           "cite"]


@dataclass(slots=True)
class Source:
    article_id: int | None
    title: str | None
    author: str | None
    portal: str                 # the portal's title, else its host
    site: str
    published: str | None       # YYYY-MM-DD, or None
    published_text: str | None  # the date as the page wrote it, when no day could be read
    url: str
    captured: str | None        # YYYY-MM-DD (Vietnam day) this version was captured
    archive_url: str | None     # the archive's copy (the web page of the article), if served
    version: int = 1
    removed: str | None = None  # YYYY-MM-DD the portal stopped serving it
    warc: str | None = None     # "file.warc.gz @ offset" of its capture, if recorded


def source_of(article: dict, *, portal: str | None = None, archive_url: str | None = None) -> Source:
    """A Source from an archived article dict (`show` and the web's `load_article` both give one)."""
    published = article.get("published")
    captures = [c for c in article.get("captures") or [] if c.get("warc_file")]
    warc = f"{captures[-1]['warc_file']} @ {captures[-1]['warc_offset']}" if captures else None
    return Source(
        article_id=article.get("id"), title=article.get("title"), author=article.get("author") or None,
        portal=portal or article.get("portal_name") or article.get("site") or "", site=article.get("site") or "",
        published=published[:10] if published and re.match(r"\d{4}-\d\d-\d\d", published) else None,
        published_text=article.get("published_text"), url=article.get("url") or "",
        captured=vietnam_day(article.get("last_changed") or article.get("first_seen")),
        archive_url=archive_url, version=article.get("version") or 1,
        removed=vietnam_day(article.get("removed_at")), warc=warc)


def _words(lang: str):
    # The citation's words live with the pages' (the catalogues' [citation] section), so the line
    # reads the same on the article page and from `show --cite`.
    from archive.web.i18n import Translator

    return Translator(lang).entry


def _sentence(text: str) -> str:
    """A part of the line ended as a sentence (a title ending in ? or ! keeps its own mark)."""
    text = text.strip()
    return text if text[-1:] in ".?!…" else text + "."


def as_text(s: Source, lang: str = "vi") -> str:
    """An APA-style reference (7th edition, a web page), in Vietnamese by default, then the copy:

    `Nguyễn Thị Hà. (04/11/2022). Title. Portal. URL (Bản lưu ngày 03/12/2026: COPY; phiên bản 2)`

    Without an author the title comes first (`Title. (04/11/2022). Portal. URL`); dates are day
    first; the title is not put in quotes, so one quoting “Dân vận khéo” reads as it was written;
    no full stop after a URL (APA), the archive's note follows in parentheses."""
    words = _words(lang)
    when = f"({day_first(s.published) if s.published else (s.published_text or words('citation.undated'))})."
    title = _sentence(s.title or words("citation.untitled"))
    head = [_sentence(s.author), when, title] if s.author else [title, when]
    if s.archive_url and s.captured:
        copy = words("citation.copy").format(day=day_first(s.captured), url=s.archive_url)
    elif s.archive_url:
        copy = words("citation.copy_undated").format(url=s.archive_url)
    elif s.article_id is not None and s.captured:
        copy = words("citation.copy_unserved").format(id=s.article_id, day=day_first(s.captured))
    else:
        copy = words("citation.copy_unserved_undated").format(id=s.article_id or "?")
    notes = [copy]
    if s.version > 1:
        notes.append(words("citation.version").format(number=s.version))
    if s.removed:
        notes.append(words("citation.removed").format(day=day_first(s.removed)))
    if s.warc:
        notes.append(f"WARC {s.warc}")
    return " ".join(head + [_sentence(s.portal), f"{s.url} ({'; '.join(notes)})"])


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bib(text: str) -> str:
    text = text.replace("\\", r"\textbackslash{}").replace("~", r"\textasciitilde{}").replace("^", r"\^{}")
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


def _key(s: Source) -> str:
    year = (s.published or "nd")[:4]
    host = re.sub(r"[^a-z0-9]+", "", s.site.split(".")[0].lower()) or "portal"
    return f"{host}{year}-{s.article_id}" if s.article_id else f"{host}{year}"


def as_bibtex(s: Source) -> str:
    """A biblatex @online entry (the author in double braces: a Vietnamese name is not split)."""
    fields = [("title", "{" + _bib(s.title or _words("vi")("citation.untitled")) + "}")]
    if s.author:
        fields.append(("author", "{" + _bib(s.author) + "}"))
    fields.append(("organization", _bib(s.portal)))
    if s.published:
        fields += [("date", s.published), ("year", s.published[:4])]
    fields.append(("url", s.url))
    if s.captured:
        fields.append(("urldate", s.captured))
    if s.archive_url:
        fields.append(("addendum", "Archived copy: \\url{" + s.archive_url + "}"))
    fields.append(("langid", "vietnamese"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{_key(s)},\n{body}\n}}\n"


def as_ris(s: Source) -> str:
    """RIS (TY ELEC), lines ending CR LF as the format says."""
    lines = [("TY", "ELEC"), ("TI", s.title or _words("vi")("citation.untitled"))]
    if s.author:
        lines.append(("AU", s.author))
    lines.append(("T2", s.portal))
    if s.published:
        lines += [("PY", s.published[:4]), ("DA", s.published.replace("-", "/") + "/")]
    lines.append(("UR", s.url))
    if s.captured:
        lines.append(("Y2", s.captured.replace("-", "/") + "/"))
    if s.archive_url:
        lines.append(("N1", f"Archived copy: {s.archive_url}"))
    lines += [("LA", "vi"), ("DB", "portal-archive"), ("ER", "")]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def _date_parts(day: str) -> dict:
    return {"date-parts": [[int(day[0:4]), int(day[5:7]), int(day[8:10])]]}


def as_csl_json(s: Source) -> str:
    """CSL-JSON (a list of one item), as Zotero, Pandoc and citeproc read it."""
    item: dict = {"id": _key(s), "type": "webpage", "title": s.title or _words("vi")("citation.untitled"),
                  "container-title": s.portal, "publisher": s.portal, "URL": s.url, "language": "vi",
                  "archive": "portal-archive"}
    if s.author:
        item["author"] = [{"literal": s.author}]
    if s.published:
        item["issued"] = _date_parts(s.published)
    elif s.published_text:
        item["issued"] = {"literal": s.published_text}
    if s.captured:
        item["accessed"] = _date_parts(s.captured)
    if s.archive_url:
        item["archive_location"] = s.archive_url
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def meta_tags(s: Source) -> list[tuple[str, str]]:
    """(name, content) of the Highwire `citation_*` tags reference managers (Zotero) read from a page."""
    tags = [("citation_title", s.title or _words("vi")("citation.untitled"))]
    if s.author:
        tags.append(("citation_author", s.author))
    if s.published:
        tags.append(("citation_publication_date", s.published.replace("-", "/")))
    if s.captured:
        tags.append(("citation_online_date", s.captured.replace("-", "/")))
    tags += [("citation_publisher", s.portal), ("citation_public_url", s.url), ("citation_language", "vi")]
    if s.archive_url:
        tags.append(("citation_abstract_html_url", s.archive_url))
    return tags


FORMATS = {"text": as_text, "bibtex": as_bibtex, "ris": as_ris, "csl-json": as_csl_json}


def cite(source: Source, fmt: str, lang: str = "vi") -> str:
    """The citation in `fmt`; `lang` words the text line (BibTeX, RIS and CSL-JSON are standard)."""
    return as_text(source, lang) if fmt == "text" else FORMATS[fmt](source)
