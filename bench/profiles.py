"""Learned site profiles and checked family rules: held-out style field counts, learning time, speed.

Run: `.venv/bin/python -m bench profiles` (PYTHONPATH set to the tree).

1. Held-out style: the sample portals of platforms with no sample (tests/fixtures/unseen_portals),
   each with its family file hidden (PORTAL_ARCHIVE_HIDE_FAMILIES), as held-out material meets the
   code: `extract_article` with recognition, the generic extractor, a profile learned from the
   portal's pages, and a crawl from the start URL alone; the same run also with the family file
   present. The baseline is the generic extractor, measured in the same run.
2. Learning a profile from 20 article pages (generated portals of three layouts): CPU time of
   `learn_profile` alone (the records given, as the crawl's writer has them).
3. Extraction speed with a learned profile, against family extraction and trafilatura in the
   same run (tests/fixtures/portals, each portal's profile learned from its own pages).
"""
from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

__all__ = ["run"]

ROOT = Path(__file__).resolve().parent.parent
MODES = ["with family file", "recognised, file hidden", "generic", "learned profile, file hidden", "crawl, file hidden"]


def _heldout() -> tuple[list[str], dict]:
    from bench.heldout import crawl_counts, extract_counts, portal_names

    totals = {m: [0, 0] for m in MODES}
    rows = ["| portal | " + " | ".join(MODES) + " |", "|---|" + "---:|" * len(MODES)]
    problems = []
    for name in portal_names():
        got = {"with family file": extract_counts(name, None, False),
               "recognised, file hidden": extract_counts(name, None, True),
               "generic": extract_counts(name, "generic", True),
               "learned profile, file hidden": extract_counts(name, "profile", True),
               "crawl, file hidden": crawl_counts(name)}
        for m, (r, t, p) in got.items():
            totals[m][0] += r
            totals[m][1] += t
            problems += [f"{name} ({m}): {x}" for x in p]
        rows.append(f"| {name} | " + " | ".join(f"{got[m][0]}/{got[m][1]}" for m in MODES) + " |")
    rows.append("| **all** | " + " | ".join(f"**{r}/{t}** ({100 * r / t:.1f}%)" for r, t in totals.values()) + " |")
    return rows, {"totals": totals, "problems": sorted(set(problems))}


def _learning_ms() -> list[str]:
    from scraper.extract import extract_article, learn_profile
    from scraper.sample.generate import generate_portal

    lines = ["| layout | pages | learn_profile CPU ms (median of 5) | fields learned |", "|---|---:|---:|---|"]
    for layout in ("phutho-aspnet", "wordpress", "generic"):
        with tempfile.TemporaryDirectory() as tmp:
            generate_portal(tmp, 20, layout=layout)
            manifest = json.loads((Path(tmp) / "manifest.json").read_text(encoding="utf-8"))
            pages = []
            for exp in sorted((Path(tmp) / "expected").glob("*.json"))[:20]:
                path = json.loads(exp.read_text(encoding="utf-8"))["path"]
                html = (Path(tmp) / "pages" / manifest["routes"][path]["file"]).read_bytes()
                url = "http://127.0.0.1:8000" + path
                pages.append((html, url, extract_article(html, url).to_dict()))
        spent = []
        for _ in range(5):
            start = time.process_time()
            profile = learn_profile(pages, "127.0.0.1")
            spent.append((time.process_time() - start) * 1000)
        fields = ", ".join(sorted((profile or {}).get("article", {})))
        lines.append(f"| {layout} | {len(pages)} | {statistics.median(spent):.0f} | {fields} |")
    return lines


def _speed() -> list[str]:
    import trafilatura

    from bench.extract import _rates, _sample_pages
    from scraper.extract import extract_article, learn_profile

    pages = _sample_pages()
    profiles = {}
    for group in _groups(pages):
        profile = learn_profile([(h, u, extract_article(h, u).to_dict()) for h, u in group], "127.0.0.1")
        for _, u in group:
            profiles[u] = profile
    decoded = [(h.decode("utf-8"), u) for h, u in pages]
    rates = _rates({"profile": lambda h, u: extract_article(h, u, profile=profiles[u]),
                    "family": lambda h, u: extract_article(h, u),
                    "trafilatura": lambda h, u: trafilatura.extract(h, url=u)},
                   {"profile": pages, "family": pages, "trafilatura": decoded}, min_seconds=6.0)
    t = rates["trafilatura"]
    return ["| extractor | pages/s | vs trafilatura |", "|---|---:|---:|",
            f"| learned profile (`extract_article(profile=...)`) | {rates['profile']:.0f} | {rates['profile'] / t:.1f}x |",
            f"| family (recognised, checked) | {rates['family']:.0f} | {rates['family'] / t:.1f}x |",
            f"| trafilatura.extract (baseline) | {t:.0f} | 1.0x |"]


def _groups(pages):
    """The sample pages per portal (the order _sample_pages gives: portal by portal)."""
    from bench.extract import PORTALS

    out = []
    for manifest in sorted(PORTALS.glob("*/manifest.json")):
        n = len(list((manifest.parent / "expected").glob("*.json")))
        out.append(pages[sum(len(g) for g in out):sum(len(g) for g in out) + n])
    return out


def run() -> str:
    rows, detail = _heldout()
    lines = [
        "## Site profiles and checked family rules",
        "",
        "Command: `.venv/bin/python -m bench profiles`.",
        "",
        "Held-out style: sample portals of platforms with no sample portal (tests/fixtures/unseen_portals:",
        "DotNetNuke, Drupal 7, Joomla/K2, NukeViet 4, Oracle WebCenter, 3 articles x 8 fields each; and, made",
        "by someone who had not read the code, Joomla 3 core, a vendor's PHP portal, IBM WebSphere Portal,",
        "DNN with EasyDNNnews, Liferay DXP 7.4, a table-laid classic-ASP portal of 2012, SharePoint 2010 list",
        "forms, WordPress with Elementor (4 articles each), a vendor's ASP.NET WebForms portal, Drupal 7 with",
        "Views, NukeViet 4.5, Oracle WebCenter Portal 11g, DNN 7 with a vendor's news module, Joomla 3 with",
        "K2, Drupal 9, Liferay 6.2 under another province's theme, SharePoint 2013, WordPress with a vendor's",
        "classic theme and WPBakery, a vendor's Java Spring portal, Joomla 4, a JSF + PrimeFaces portal, DNN 9",
        "with the 2sxc News app, NukeViet 3.4, a vendor's ASP.NET MVC portal, WordPress with Flatsome,",
        "Sitefinity, Umbraco and Joomla 1.5 (5 each), a Blogger news blog, WordPress with tagDiv's Newspaper,",
        "Drupal 10 with Olivero and a vendor's CodeIgniter portal (4 each);",
        "WebCenter, WebSphere, the vendors' and the classic-ASP portal have no family file), measured with the",
        "portal's platform family file hidden (the family files of these platforms were written without the",
        "platform in hand; Liferay's, SharePoint's and WordPress's from the samples' other skins),",
        "and once with it. Fields compared as the golden tests compare them. Baseline: the generic extractor, same run.",
        "",
        *rows,
        "",
        "Before this work (main at db6cdc3, the same fixtures and expected files, measured once by hand",
        "with this module's scoring; per portal dotnetnuke/drupal/joomla/nukeviet/webcenter):",
        "",
        "| | with family file | recognised, file hidden | generic | crawl, file hidden |",
        "|---|---:|---:|---:|---:|",
        "| per portal (of 24) | 7/24/19/22/24 | 17/21/17/20/24 | 17/21/17/20/24 | 0/0/17/20/0 |",
        "| **all** | **96/120** (80.0%) | **99/120** (82.5%) | **99/120** (82.5%) | **37/120** (30.8%) |",
        "",
        "(the DotNetNuke family file's misfire: title 'Chuyên mục', views 3120 from 'Tin đọc nhiều', empty",
        "body, no images; no article found on the Drupal listing (`/node/N` links), the DotNetNuke one",
        "(`/ArticleID/N/Default.aspx`) or the WebCenter one (`?dDocName=N`, session-bound links).)",
        "",
        "The three portals made blind, as first measured (2026-12-05, main at 521bca1; recognised / generic /",
        "learned profile / crawl, of 32 each): joomla-core 24/24/24/24 (the CMS account 'Quản trị viên' as",
        "author, the e-mail cloaking notice in the body, captions from `img.caption` titles and a floated",
        "picture's paragraph taken as its caption, a UTC machine time of the day the page shows); vendor-php",
        "29/29/29/29 (a 'Mới' badge in the title, 'PV: ' left in the author, a 'Nguồn:' line taken as author);",
        "websphere 23/23/17/11 (the portlet's header 'Tin hoạt động', the page's <title> too, taken as title;",
        "no category from its crumb trail; listing links carrying the portal's state in their path not",
        "taken for articles, nor the declared canonical of a page fetched under its state).",
        "The next three, as first measured the same day (after those fixes; recognised / generic / learned",
        "profile / crawl with the family file present): dnn-easydnn 17/26/26/23 (the DotNetNuke family's",
        "selectors met a 'most read' box first: another article's title, date and count; the 'Chuyên mục:'",
        "line beside the article lost to the trail to the module's page; a lightbox gallery and an",
        "extension-less document handler after the text); liferay-dxp 23/26/24/4 (a screen-reader heading",
        "and a portlet title, both the page's <title>, taken as title; a count in its own span; Liferay 7's",
        "display-page and view-content addresses not in the family's listing rules); legacy-asp",
        "17/17/17/17 (no heading and a <title> that is the site's name: the title cell, the date and the",
        "'Số lần đọc' counter beside it missed; a trail in a table cell named by nothing but its text; a",
        "soft error page archived as an article).",
        "Liferay DXP with its family file hidden, crawled: 8/32 until 2026-12-05's second session. The",
        "generic listing took the one address shape most of a page's article links share, and Liferay 7",
        "writes three in one listing (`/w/<slug>`, `/web/<site>/-/<slug>`, the publisher's view-content",
        "address). Taking other shapes' links set among the chosen ones took lists of documents beside the",
        "articles; joining shapes whose headlines hold one place in one list (the same list element, the",
        "same tags and classes down to the link) does not: 32/32, every sample listing unchanged.",
        "The last two, as first measured the same day (after the fixes above; recognised / generic / learned",
        "profile / crawl with the family file present): sharepoint-lists 22/22/21/16 (the title, author and",
        "category in the rows of a list item's display form, the heading and <title> cut short; the list",
        "view's own paging `?Paged=TRUE&PageFirstRow=N` behind an image 'Next'; `&Source=<the page it was",
        "opened from>` making a second address of one item); wp-elementor 30/30/32/32 (an en dash in the",
        "heading where the <title> has a hyphen; the site's name as every page's h1).",
        "Four more, first measured 2026-12-05 (second session; recognised / generic / learned profile /",
        "crawl with the family file hidden, of 40): aspnet-webforms 36/36/36/29 (the count read from the",
        "date beside it: a cell's text read before its spans'; a small portal's page 2 listing only what",
        "page 1's boxes linked ended the walk before page 3); drupal-views 33/33/32/25 (the trail's",
        "screen-reader heading 'Bạn đang ở đây' as category, the 'Chuyên mục:' field label beside its",
        "value missed, the image field above the text, Drupal's month-first 'T2, 10/12/2020' its own RDFa",
        "states, an article linked only from a notices box as `/node/2419`); nukeviet4 35/35/35/35 (the",
        "date and counter row above the lead and its picture taken into the body, a 'Nguồn tin:' line as",
        "author, a figure's caption inside its sized wrapper); webcenter-portal 36/36/36/0 (content ids",
        "`dDocName=PORTAL471266` not taken for articles: nothing crawled; captions in the cells below",
        "pictures side by side and in a table's <caption>; `IdcService=GET_FILE` downloads).",
        "The last three, first measured the same session (after the fixes above; recognised / generic /",
        "learned profile / crawl, of 40): dnn-classic 35/35/35/28 (the news module's own path line going on",
        "from DNN's breadcrumb to the category, `LinkClick.aspx?fileticket=` downloads; with the family file",
        "present its `_lblContent` took DNN's HTML module, a marquee, for the text; crawled, the page was",
        "recognised as another ASP.NET family whose page patterns hid 'Xem tiếp'); joomla-k2 37/37/34/34 (K2's",
        "featured flag 'Nổi bật' in the heading; its picture block with caption and credit above the text;",
        "a learned profile's date `#k2Container span`, another item's on one page); drupal9 32/32/30/30",
        "(field labels without a colon, 'Chuyên mục' and 'Tác giả', beside their values; Colorbox links",
        "opening the originals of styled copies).",
        "Third session (2026-12-05), four made blind, three of them on platforms with a sample portal but",
        "told to use another skin than the sample's, first measured (recognised / generic / learned profile /",
        "with the family file / crawled with it hidden, of 40): liferay62-egov 38/38/38/38/38 (attachments",
        "in Liferay's document library, `/documents/10181/252400/125-TB.pdf/<uuid>`, not taken for files);",
        "sharepoint2013 33/33/33/33/28 (a list item's form: 'Thông báo' as title, 'DispForm' from the trail",
        "as category, an en-US '10/23/2019 8:15 AM' with no day-first reading missed; the page image's field",
        "with hidden labels beside it; a notice only on the second page of the list a box's 'Xem tất cả'",
        "links); wordpress-gov 33/33/39/39/39 (the modified date glued after the published time, 'CH11/07',",
        "taken as the day; WPBakery's rows after a separator row lost from the body; a gallery's 150x150",
        "thumbnails instead of the originals they link); spring-vendor 39/39/39/39/39 (a closing line",
        "linking only the attachment trimmed with it). Four more the same session: joomla4 40 each;",
        "jsf-portal 40/40/40/40/0 (an .xhtml listing opening with its XML declaration read as a feed);",
        "dnn9-2sxc 33/33/30/28/18 (the 2sxc app's category link under the title, a LinkClick.aspx?fileticket=",
        "link in a sentence, a lightbox anchor without href taken for a link to another page; with the",
        "DotNetNuke file, its `[id$=_lblDate]` met DNN's header token of today; crawled, cards covered by an",
        "empty link and 'Xem thêm tin cũ hơn' paging); nukeviet3 36/36/36/33/36 (the sapo block's picture",
        "and caption, an author line running into 'Nguồn tin:'; with the NukeViet file, another item's date",
        "after the text). Five more the same session: aspnet-mvc 40 each; blogger 23/23/23/23/23 of 32 (the",
        "blog's name before each post's title in <title> and og:title, hAtom's <abbr class=published title=...>",
        "not read, a download line among <br>-parted lines); wp-flatsome 39/39/39/39/39 (a gallery slider",
        "named like furniture dropped with its pictures; crawled, no article on its listings: cards a link",
        "wraps whole, and <body> classes 'nav-...' made every link chrome; a category sitemap read for",
        "articles); sitefinity 38 each (the author in a camel-cased sfnewsAuthor); umbraco 40 each; joomla15",
        "30/30/30/35/30 (the table's byline, date and update rows in the body, the header's date in the trail's",
        "row as category). Three more: wp-newspaper 29 of 32 each way (the featured image's caption in its",
        "lightbox link's data-caption, an ad block's title in the text, the login 'quantri' as author);",
        "drupal10 28/28/27/28/27 (Olivero's 'sidebar-grid' around the main column took the hero pictures for a",
        "box's; a learned profile read the date from a document's link); codeigniter 32 each.",
        "Fourth session (2026-12-05), eight made blind, first measured (recognised with the family file",
        "hidden / crawled with it hidden, of 32; the last four after the first fixes of the session):",
        "laravel-vendor 32/32; webcenter-sites 26/26 ('Lượt truy cập: 2.341' in the article's own",
        "`span.view-count` refused as a site counter; files served from a blob store's query address,",
        "`/cs/Satellite?blobwhere=...&ssbinary=true`, named by their file name in the attachments box, not",
        "taken); nextjs-ssr 29/22 (next/image: its sizer `<img aria-hidden src=data:svg>` beside the picture",
        "kept the figure's caption from it, `/_next/image?url=%2Fuploads%2F...` for the original, a lazy copy's",
        "blank with the picture only in <noscript>; crawled, article addresses ending '-p4817' read as list",
        "pages, so a header ticker of `/bai-viet/N` links won the listing); drupal7-gov 30/30 (the lazyloader",
        "module's `class=lazyloader-icon` taken for an icon); sharepoint2010-news 16/16, with the family",
        "file 24 (the <title> 'Trang chủ - Tin tức' on every page and no <h1>: 'Trang chủ' as the title, and",
        "with it the date's time and the views; 'Chi tiết', the trail's name of `chi-tiet.aspx`, as category);",
        "wp-avada 27/31 (Fusion Builder's sibling blocks: a caption in the block after the picture's, the",
        "author's line in a row of its own, the views line after five levels of builder rows); joomla3-t3",
        "28/27 (the Attachments extension's table at the body's end, the author above it); dnn8-digarticle",
        "32/32. Together 220/256 (85.9%) recognised and 216/256 (84.4%) crawled; all 256 after the fixes.",
        "Eight more the same session, made while the first eight were fixed (the first, aspnet-core, measured",
        "before any fix of its own, the other seven after aspnet-core's): aspnet-core 25/25 (a bare count",
        "after Bootstrap's `bi-eye` icon, an attachments card after the <article>, the author in a",
        "`div.text-end` after the text); sharepoint2016-egov, nukeviet-egov 32/32 each; joomla25-k2 31/31",
        "(the picture's credit 'Ảnh: Hoàng Quân' alone below it, which the code keeps as its caption and the",
        "expected file wants none: left, see tests/fixtures/unseen_portals/README.md); wp-jnews 30/30 (JNews's",
        "'Bởi' alone in its own span, a count shown '3,5K' with the exact one in its title); liferay70-vnpt",
        "31/31 (a document library file with its version `?t=...` after the uuid); viettel-jsp 30/30 (no",
        "heading, a site-wide <title>: the portlet's section name above `td.title` taken); drupal8-paragraphs",
        "31/31, with the Drupal family file 25 (its `.field--name-body` met a custom block in the header",
        "first; Drupal's 'Gửi bởi quantri vào ...' as author). Together 242/256 (94.5%) recognised and",
        "242/256 (94.5%) crawled; 255 after the fixes.",
        "A tenth round the same session, eight platforms told to be harder (a DNN whose news is its core",
        "Announcements and HTML modules, WebSphere Portal 9, a frames-era PHP portal, photo stories...),",
        "measured after the ninth round's fixes: websphere-portal9 17/16 (the <title> 'Chi tiết tin tức' on",
        "every page and no <h1>); legacy-php-frames 13/0 (no heading, a site-wide <title>, its news list in an",
        "<iframe>); aspnet-webforms-gridview 28/32 (with its family hidden, another family's <h1>, the site's",
        "name, as title); nukeviet-photo 31/29; drupal7-panels 32/32; wp-divi 22/22 (Divi's text modules,",
        "each 'module' to the unlikely-names test, left out but the first; the meta line 'bởi admin | ...' as",
        "author); joomla3-sppagebuilder 32/35 of 48 (the hits line above the headline, SP Page Builder's",
        "sections); dnn-announcements 23/0 (its list linked through `LinkClick.aspx?link=` and",
        "`.../<headline>/tabid/214/Default.aspx`, no address of an article's shape). Together 198/272",
        "(72.8%) recognised and 166/272 (61.0%) crawled; after the fixes five are whole (wp-divi 31 of 32),",
        "nukeviet-photo 31 of 32 every way (after a photo story's closing author line was taken where its",
        "text is in the captions), and two stay open (tests/fixtures/unseen_portals_open:",
        "joomla3-sppagebuilder 39 of 48, legacy-php-frames 13 of 32).",
        "",
        "Fifth session (2026-12-05), two more rounds of eight, each measured before any fix of its own",
        "(recognised / crawled, family file hidden). Eleventh round: orchard-core 28/28 (a taxonomy badge",
        "over the title as category); typo3-news 13/4 (the news extension's own div.header and div.footer",
        "taken for the page's chrome: no date time, views, author or category, and no listing headline;",
        "processed picture copies `csm_x_<hash>.jpg`; files among the related things); plone5 27/27 (a",
        "year's folder in the trail as category; 'Chủ đề:' not read; a byline of dates as author);",
        "bkav-egov, fpt-iportal, cmc-mvc 32/32 each; liferay74-clay 29/29 (a caption field in its own",
        "fragment wrappers); html4-dreamweaver 32/29 (the learned profile's date selector read past its",
        "first match). Together 225/256 (87.9%) and 213/256 (83.2%). Twelfth round: joomla3-gantry5",
        "30/29 (a Phoca Download file line in the text); wp-gutenberg 31/31 (the -scaled upload a picture",
        "links to); dnn-ventrian 32/32; asp-classic 18/18 ('.:: TRANG THÔNG TIN ĐIỆN TỬ ...' as every",
        "title, 'lúc 7:5 ngày 12/5/2023', the author's bold line after the text's element);",
        "vnpt-portal-aspx 32/32; mambo-joomla10 16/0 (Joomla 1.0's tables: the site's name before the",
        "title in <title>, the article table named 'content' left for its column); vietsoftware-cms",
        "40/40; liferay73-smartportal 27/27 (the category box over the title inside the family's body",
        "element; a friendly document address `/documents/d/site/x-pdf`). Together 226/264 (85.6%) and",
        "209/264 (79.2%). After the fixes all sixteen are in tests/fixtures/unseen_portals (mambo-joomla10",
        "31 of 32, its README says what is left); legacy-php-frames (still open) is crawled through its",
        "frame and menus, 0 -> 26 of 32 fields. A thirteenth round of four: wp-enfold 39/40 (with the",
        "WordPress file 38: a views box's count read twice, '856856'); sharepoint-online-classic 25/22,",
        "with the SharePoint file 22 (the hit counter web part in another zone, a hidden field label in",
        "the lead, `?RenditionID=5` copies); egov-vnpt-igate 32/32; hue-s-portal 28/28 (a CDN's `-w800.webp`",
        "copy in data-src, the original in data-original). Together 124/136 (91.2%) and 122/136 (89.7%);",
        "after the fixes 135/136 and 136/136, and the four join the fixtures. A fourteenth round of four:",
        "joomla4-yootheme 30/30 (YOOtheme's meta line 'Viết bởi X trong <a>Chính trị</a>' as author);",
        "opencms-portal 26/26 (a kicker span in the <h1>, the author behind a screen-reader label); kentico13",
        "28/28 (the counter `div.widget-counter` under the title passed over as a widget); nukeviet2 16/0",
        "(PHP-Nuke's story title after its section's link and a colon, 'Đọc: N lần', stories addressed by",
        "`sid`). Together 100/128 (78.1%) and 84/128 (65.6%); after the fixes joomla4-yootheme and kentico13",
        "are whole and join the fixtures (81 portals), nukeviet2 27/27 and opencms-portal 26 stay open",
        "(tests/fixtures/unseen_portals_open). Over the 48 platforms of five sessions: 1,335/1,568 fields",
        "(85.1%) recognised and 1,252/1,568 (79.8%) crawled at first contact.",
        "",
        "Sixth session (2026-12-05), seven rounds of four, each measured before any fix of its own (and",
        "opencms-portal 26 -> 32, nukeviet2 27 -> 29 first, from the open ones' habits). Fifteenth:",
        "wagtail-egov 29/29 (a time before a weekday and its date, a picture among rich-text paragraphs",
        "with its italic caption after it), yii2-vendor 32/32, nuxt-ssr 31/31 ('06:15 862 lượt xem' read",
        "as 15,862), sitecore-egov 31/31 (a `-/media/x.ashx` file whose type is stated beside its link):",
        "123/128 (96.1%) both ways. Sixteenth: httrack-mirror (a frozen NukeViet portal's static mirror)",
        "32/32, drupal6 31/31 (a CCK field's value after its label's element), xoops-news 20/24 (the",
        "section's link before the title, '(Đọc: 12406)', the topic's emblem), django-cms 26/26 (filer's",
        "caption repeating the picture's title, a file's size in its name): 109/128 (85.2%) and 113/128",
        "(88.3%). Seventeenth: matbao-php, hugo-static, telerik-radgrid 32/32 each, google-sites-classic",
        "65/65 of 88 (Google's '15 thg 12, 2015' and the poster after it): 161/184 (87.5%) both ways.",
        "Eighteenth: lotus-domino 29/0 (documents addressed by a 32-hex UNID, a latin-1 page writing",
        "Vietnamese by references read as windows-1258), sharepoint2007-moss 28/28 ('Chuyên mục:",
        "<b>...</b>'), struts-do 30/30 (a summary in its own table cell), wp-multisite-subdir 21/21 (a",
        "byline's ' - ', Jetpack's 'Có liên quan'): 108/128 (84.4%) and 79/128 (61.7%). Nineteenth:",
        "express-pug and amp-wordpress 32/32, frontpage-word 23/24 (windows-1258's combining marks left",
        "uncomposed in the tree, so 'Trang chủ' matched nothing), mobile-portal 32/0 (`/m/chi-tiet/4563.html`",
        "not an article's address): 119/128 (93.0%) and 88/128 (68.8%). Twentieth: concrete5 30/30 (a",
        "'Tải về:' label before a `/download_file/view/58` link in the text), blazor-prerender 32/32,",
        "plone3-legacy 29/30 (its news image linked to a view of itself, a 'Phóng to' label),",
        "liferay52-journal 25/22 (a title in `ul.tabs li.current`, the page's name as <title>): 116/128",
        "(90.6%) and 114/128 (89.1%). Twenty-first: joomla-easyblog 24/24 (a day-only date whose time",
        "only the UTC structured data gives, EasyBlog's byline and popup originals), dnn-blog 32/32,",
        "gatsby-static 31/31 (a date's year read as the count a script fills), coldfusion-cfm 32/32:",
        "119/128 (93.0%) both ways. The session's twenty-eight: 855/952 (89.8%) recognised and 797/952",
        "(83.7%) crawled; over the 76 platforms of six sessions 2,190/2,520 (86.9%) and 2,049/2,520",
        "(81.3%). After the fixes twenty-three are whole and in the fixtures (105 portals);",
        "frontpage-word 27/28, mobile-portal (stored under its dead desktop canonical), plone3-legacy",
        "30/30, liferay52-journal and joomla-easyblog stay open (tests/fixtures/unseen_portals_open says",
        "what fails).",
        "",
        "Seventh session (2026-12-05), three rounds of four, each measured before any fix of its own",
        "(joomla-easyblog 24 -> 32 first, from its open habits: a day-only date's time from the UTC",
        "structured data, 'Được viết bởi', `data-popup` originals, a cover photo above the headline).",
        "Twenty-second: dotcms 27/27 (the detail page's name ending the trail, a template's unfilled",
        "`$URLMapContent.tacGia`), oracle-portal10g 11/0 (every article the section's page with the",
        "portlet's `p_main_news_id`, the page's name as <title>), mcms2002 31/32, php-fusion 30/16",
        "(`news.php?readmore=N`, a file type's icon before a download handler's link): 99/128 (77.3%) and",
        "75/128 (58.6%). Twenty-third: magnolia 31/31 (a credit beside a `dl > dd` caption), ektron 32/32,",
        "abp-razor 28/28 (a category badge in capitals), odoo-blog 21/23 (no heading, an SEO title, the",
        "meta line inside `o_wblog_read_with_sidebar`): 112/128 (87.5%) and 114/128 (89.1%).",
        "Twenty-fourth: cmsms 20/0 (`<base href=\"/\">`, addresses of raw Vietnamese letters, a pager of",
        "`index.php?...mae204pagenumber=2`, a head's rel=next to another section), silverstripe 29/29",
        "(`<base>`), modx 27/7 (`<base>`, a short title ending the trail), episerver 32/32: 108/128 (84.4%)",
        "and 68/128 (53.1%). Twenty-fifth: contao, jahia and kentico9 32/32 each, ezpublish 24/24 (a",
        "`#path` trail parted by slashes, pictures in a `content-view-embed`, a byline inside the element",
        "taken for the body): 120/128 (93.8%) both ways. The session's sixteen: 439/512 (85.7%) recognised",
        "and 377/512 (73.6%) crawled; over the 92 platforms of seven sessions 2,629/3,032 (86.7%) and",
        "2,426/3,032 (80.0%). After the fixes fifteen are whole (oracle-portal10g's one legacy address,",
        "with no canonical, is kept as a second article: the crawl test leaves it out); the fixtures hold",
        "121 portals; ezpublish (30/32) and liferay52-journal (recognised 32/32, crawled 27) stay open.",
        "",
        "Eighth session (2026-12-05), three rounds of four, each measured before any fix of its own.",
        "Twenty-sixth: expressionengine 31/31 (a photo album after the text), bitrix 27/0",
        "(`index.php?ELEMENT_ID=N`, the update's date, author and source as bare lines after the text),",
        "aem-core 27/27 (a trail through year and month folders, a caption stated as microdata only),",
        "ghost-blog 31/31 (the byline's date taken for its name): 116/128 (90.6%) and 89/128 (69.5%).",
        "Twenty-seventh: hippo-cms 31/32 (a lead picture's own figure), squiz-matrix 26/26 (dates written",
        "year first, an unfilled `%asset_metadata_tac_gia%`, the page's short name ending the trail),",
        "craft-cms 32/32, october-cms 31/31 (a featured image whose `data-src` is a bare file name):",
        "120/128 (93.8%) and 121/128 (94.5%). Twenty-eighth: reddot-wsm and umbraco4-xslt 32/32 each,",
        "alfresco-wqs 30/30 (a Word upload's <title> in the text), typo3-ttnews 25/3 (the crawl asks for",
        "`tx_ttnews%5Btt_news%5D=N` where the page writes the brackets): 119/128 (93.0%) and 97/128",
        "(75.8%). The session's twelve: 355/384 (92.4%) recognised and 307/384 (79.9%) crawled; over the",
        "104 platforms of eight sessions 2,984/3,416 (87.4%) and 2,733/3,416 (80.0%). After the fixes ten",
        "are whole and in the fixtures (131 portals, oracle-portal10g's legacy address now one article",
        "with the listing's: the archive's content twins); ezpublish is recognised and crawled 32/32 but",
        "stores one article twice, alfresco-wqs (31/32) and typo3-ttnews stay open.",
        "",
        "Ninth session (2026-12-06), two rounds of four, each measured before any fix of its own.",
        "Twenty-ninth: sapo-web 32/32 (Sapo Web, articles at a bare slug), joomla-zoo 29/28 (YOOtheme",
        "ZOO's fields as a heading and its value after the text), movable-type 27/27 (every picture and",
        "file in a `<form class=\"mt-enclosure\">` the body's cleaning dropped), wp-jannah 31/31 (its story",
        "highlights: a judgement, below): 119/128 (93.0%) and 118/128 (92.2%). Thirtieth: angular-universal",
        "32/32, exo-platform 20/0 (the title in an `<a>` with no address, `newsId=<32 hex>` not taken for an",
        "article's key, a trail drawn with icons, a count shortened to \"12k\"), mura-cms 30/30 (the author",
        "after a person's icon), dedecms 21/0 (`/2023/1115/128.html` in date folders, a Chinese pager, a",
        "lead shown again as the text's first characters): 103/128 (80.5%) and 62/128 (48.4%). The",
        "session's eight: 222/256 (86.7%) recognised and 180/256 (70.3%) crawled; over the 112 platforms of",
        "nine sessions 3,206/3,672 (87.3%) and 2,913/3,672 (79.3%). After the fixes six are whole and in",
        "the fixtures (137 portals); wp-jannah and dedecms stay open at 31/32 each, both on one judgement:",
        "an editor's summary above the text (Jannah's story highlights, DedeCMS's own `div.intro`) is kept",
        "as an opening summary, where the portals' makers counted it chrome.",
        "",
        "Tenth session (2026-12-06), three rounds of four, each measured before any fix of its own.",
        "Thirty-first: jekyll-static 32/32, nopcommerce-news 31/31, phpcms-v9 22/22 (the meta line inside",
        "the `<h1>` after a `<br />`, a trail ending \"正文\"), wix-ssr 26/26 (\"12.903 lượt xem 3 bình luận\",",
        "a photo hidden from screen readers while it loads): 111/128 (86.7%) both ways. Thirty-second: spip",
        "25/4 (`article1212.html`, its entries in a `div.menu`, a spelt date), processwire 30/30, webflow",
        "31/31, empirecms 24/0 (`/tintuc/2023-03-16/1206.html`, views left to a script): 110/128 (85.9%) and",
        "65/128 (50.8%). Thirty-third: grav 27/27 and hubspot-cms 26/26 (tags taken for the category),",
        "textpattern 32/32, pimcore 27/26 (a text of bricks): 112/128 (87.5%) and 111/128 (86.7%). The",
        "session's twelve: 333/384 (86.7%) recognised and 287/384 (74.7%) crawled; over the 124 platforms",
        "of ten sessions 3,539/4,056 (87.3%) and 3,200/4,056 (78.9%). After the fixes nine are whole and in",
        "the fixtures (146 portals); nopcommerce-news and hubspot-cms stay open at 31/32 on one judgement (a",
        "list of files after the text, kept in the body by their makers), empirecms at 29/32 recognised and",
        "32/32 crawled: the crawl now asks a views label's `<script src>` for the count it writes.",
        "",
        "Eleventh session (2026-12-06), two rounds of four, each measured at the session's start (daaa3c9).",
        "Thirty-fourth: kirby-cms 31/32 (a sentence of the text naming a date, broken by a link, taken for",
        "a header line), backdrop-cms 31/31 (Lazyload's `data-lazyload-src`), statamic 32/32, plone6-volto",
        "24/24 (Volto's title inside the blocks' wrapper, the date before it, the article's footer below",
        "the related items): 118/128 (92.2%) and 119/128 (93.0%). Thirty-fifth: bolt-cms 24/0 (cards whose",
        "only link is \"Read more »\"), piranha-cms 32/31, weebly 21/21 (no category but the menu's active",
        "section; month-first dates under `lang=\"en\"`), squarespace 27/19: 104/128 (81.3%) and 71/128",
        "(55.5%). The session's eight: 222/256 (86.7%) recognised and 190/256 (74.2%) crawled; over the 132",
        "platforms of eleven sessions 3,761/4,312 (87.2%) and 3,390/4,312 (78.6%). After the fixes the",
        "thirty-fourth's four are whole and in the fixtures (150 portals); the thirty-fifth's stay open",
        "(tests/fixtures/unseen_portals_open says what is left): 31, 32, 28 and 31 of 32 recognised.",
        "",
        "Twelfth session (2026-12-06), two rounds of four, each measured at the session's start (3f142c3).",
        "Thirty-sixth: symfony-vendor 32/32, duda 25/0 (each paragraph's text in a `span.font-size-16`",
        "taken for a text-size tool: no body), e107 31/31 (a PDF at `request.php?file=27`), tilda 28/28",
        "(the section only as a tag link after the date): 116/128 (90.6%) and 91/128 (71.1%).",
        "Thirty-seventh: mezzanine 32/32, php-nuke 21/5 (latin-1 pages read as windows-1258, a title",
        "opening with \"Xã\" taken for the site's name going on), rails-refinery 27/27 (`<time",
        "datetime=\"06-02-2023\">` beside a day shown without its year), mediawiki 16/18 (the namespace in",
        "the title, the views in the footer's sentence, a contents box and sections after the author):",
        "96/128 (75.0%) and 82/128 (64.1%). The session's eight: 212/256 (82.8%) recognised and 173/256",
        "(67.6%) crawled; over the 140 platforms of twelve sessions 3,973/4,568 (87.0%) and 3,563/4,568",
        "(78.0%). After the fixes six are whole and in the fixtures (156 portals); tilda and php-nuke stay",
        "open with 28 and 26 of 32 both ways (php-nuke 29 since, and 30 in the thirteenth).",
        "",
        "Thirteenth session (2026-12-06), two rounds of eight, each measured when it came (15ac92e, 515abff).",
        "Thirty-eighth: neos-cms 32/32, serendipity 24/23 (the entry in two blocks, its pictures'",
        "`imageComment` captions, \"Add Comment\"), dotclear 31/16 (the route as the whole query,",
        "`/index.php?post/...`), discuz-portal 21/22 (the posting account before the writer, the trail after",
        "the site's name, `a.attach`, `zoomfile`), vignette 26/0 (channel and items on one path told apart by",
        "`vgnextoid`; the section's heading in capitals above the title), coremedia 28/28 (the sizes as JSON",
        "in a data attribute, the author's box after the article), apostrophe 30/30 (`img.image-widget`",
        "taken for a widget), mojoportal 31/32: 223/256 (87.1%) recognised and 183/256 (71.5%) crawled.",
        "Thirty-ninth: hexo-static 27/20 (`/x/index.html` stored before `/x/`, a reading-aloud tool),",
        "jimdo 29/29 (a download module between the text and the author), b2evolution 24/24 (every block",
        "an `evo_widget`), sulu-cms 31/31, websitebaker 31/31, bludit 31/31 (the cover as a background),",
        "sitevision 24/24 (addresses dated at creation, `sv-font-bildtext` captions), ametys 31/29:",
        "228/256 (89.1%) and 219/256 (85.5%). The session's sixteen: 451/512 (88.1%) recognised and",
        "402/512 (78.5%) crawled; over the 156 platforms of thirteen sessions 4,424/5,080 (87.1%) and",
        "3,965/5,080 (78.1%). After the fixes all sixteen are whole and in the fixtures, with nukeviet2",
        "from the open ones (173 portals); php-nuke 30/32 both ways.",
        "",
        "Fourteenth session (2026-12-06), one round of eight, measured at 7c17a4b. Fortieth: geeklog 32/0",
        "(each story's \"Xem tiếp\" taken for the pager, `?story=` for no article's key), nucleus-cms 25/24",
        "(the text written into one block after the title, `<h2>22/03: title</h2>`), zikula 23/21 (\"Tạo bởi X",
        "vào 15:30 3 thg 11, 2022\", a lead block before the text), impresscms 24/24 (the title after a",
        "doubled section link, the files after the item's tables), cascade-cms 31/30, percussion-cms 16/16 (a",
        "hidden heading for the title, the counter and files in the layout's next slots), xwiki 28/0",
        "(CamelCase page names, \"thg 11 02 2022\"), pelican-static 31/24 (\"⟩\" to `tin-tuc-su-kien2.html`):",
        "210/256 (82.0%) recognised and 139/256 (54.3%) crawled; over the 164 platforms of fourteen sessions",
        "4,634/5,336 (86.8%) and 4,104/5,336 (76.9%). After the fixes 253/256 and 248/256; five are whole",
        "and in the fixtures (178 portals), cascade-cms, pelican-static and zikula in the open ones.",
        "",
        "Fifteenth session (2026-12-06), two rounds of eight. Forty-first, measured at 25aa8fc: fork-cms 32/32,",
        "subrion-cms 30/30, vbulletin-cms 23/25 (a byline container named for its comments' count, the",
        "account's member menu), radiant-cms 32/32, tinhvan-egov 32/32, orchard1-legacy 31/31 (an author's",
        "field after the related list), composite-c1 32/16 (the side box's twin addresses kept, each alone in",
        "its day's folder), phpwcms 31/31: 243/256 (94.9%) recognised and 229/256 (89.5%) crawled. Forty-second,",
        "measured at 4da5f34: cmsimple-xh 26/7 (entries on the listing's own path taken for its pages, the",
        "post's `<h4>` under the page's `<h1>`), dle-datalife 23/23, blogengine-net 31/31, joomla5-cassiopeia",
        "29/32, wp-astra 31/31, typo3-bootstrap-package 26/30, ecoit-egov 31/30, phpbb-portal 19/19: 216/256",
        "(84.4%) and 203/256 (79.3%). Over the 180 platforms of fifteen sessions 5,093/5,848 (87.1%) and",
        "4,536/5,848 (77.6%). After the fixes 250/256 and 250/256, 233/256 and 239/256; nine are whole and",
        "in the fixtures with cascade-cms (188 portals), seven in the open ones.",
        "",
        "Sixteenth session (2026-12-07), two rounds of eight. Forty-third, measured at e6bbf07: getsimple-news",
        "31/31 (an editor's login as author), eleventy-static 30/30 (a day shown in UTC), wp-generatepress 31/31",
        "(a gallery's own caption), oqtane-blazor 31/23 (a pager with no addresses), haravan-blog 32/32,",
        "ibexa-dxp 30/30 (pictures in embeds named twice), google-sites-new 25/23 (every paragraph, picture and",
        "caption in a box of its own), typesetter-cms 28/28 (a labelled category after the post, a document's",
        "number before the date): 238/256 (93.0%) recognised and 228/256 (89.1%) crawled. Forty-fourth,",
        "measured at 10c6fa6: wp-soledad 29/27 (an hAtom `updated` date first), drupal11-olivero 30/30,",
        "joomla4-helix 31/31, kooboo-cms 31/31, dynamicweb9 31/31 (an en-US date on a Vietnamese page),",
        "pico-flatfile 32/32, sveltekit-ssr 32/32, province-shared-subsite 32/32: 248/256 (96.9%) and",
        "246/256 (96.1%), the best first contact of any round. Over the 196 platforms of sixteen sessions",
        "5,579/6,360 (87.7%) and 5,010/6,360 (78.8%). After the fixes all sixteen 256/256 both ways, in the",
        "fixtures (205 portals) with typo3-bootstrap-package, out of the open ones.",
        "",
        "Seventeenth session (2026-12-07), one round of eight. Forty-fifth, measured at 4187330: wp-colormag",
        "30/30 (a post's two categories, the primary in the SEO plugin's trail; a midnight stated), dokuwiki",
        "24/20 (a history trail's label, a page about a picture around the picture, a wiki's last-changed",
        "line), strikingly 31/31 (\"Ảnh và bài:\"), concrete-cms9 27/27 (the caption opening the next block, a",
        "gallery's captions in its lightbox links), cakephp-vendor 32/32, astro-static 30/30 (what the site's",
        "search is told to skip), pavietnam-builder 32/32, joomla3-jsn 31/23 (`/index.php/<path>` fetched",
        "first): 237/256 (92.6%) recognised and 225/256 (87.9%) crawled. Over the 204 platforms of",
        "seventeen sessions 5,816/6,616 (87.9%) and 5,235/6,616 (79.1%). After the fixes all eight 256/256",
        "both ways, in the fixtures (213 portals).",
        "",
        "Eighteenth session (2026-12-07), two rounds of eight. Forty-sixth, measured at 7fa08c7: wp-kadence",
        "32/32, docusaurus-blog 28/28 (a schema.org author card taken for a lead, a UTC midnight for a day),",
        "opencart-news 30/30 (an editor's file name beside a picture's address, a files' heading left last),",
        "flask-vendor 31/31 (the posting account's login), umbraco13-blocks 32/32, sitecore-sxa 32/32,",
        "adobe-muse 29/31 (the site's imprint outscoring a one-paragraph article, a slideshow's captions",
        "stacked apart), zoho-sites 28/28 (a views label whose count a script fills, after the year):",
        "242/256 (94.5%) recognised and 244/256 (95.3%) crawled. Over the 212 platforms of eighteen",
        "sessions 6,058/6,872 (88.2%) and 5,479/6,872 (79.7%). After the fixes all eight 256/256 both",
        "ways, in the fixtures (221 portals). Forty-seventh, measured at db07ba3: wp-oceanwp 32/32,",
        "drupal9-barrio 29/29 (Drupal's noon UTC for a date-only field, the account in its submitted line, a",
        "media entity's figure), joomla4-astroid 32/32, mkdocs-material-blog 20/20 (the post's details in the",
        "sidebar), hugo-papermod 25/25 (the standfirst, kept where its maker left it out; a midnight told on",
        "hover), publii-static 27/27 (a category's link over the title; a midnight read as a day): the six made",
        "blind 165/192 (85.9%) both ways; dnict-egov and microweber 32/32 each, not counted as blind (their",
        "makers once saw the project's README). Over the 218 platforms made blind in eighteen sessions",
        "6,223/7,064 (88.1%) recognised and 5,644/7,064 (79.9%) crawled. After the fixes all eight 256/256",
        "both ways, in the fixtures (229 portals).",
        "",
        "Fields still wrong:",
        "",
        *([f"- {p}" for p in detail["problems"]] or ["- none"]),
        "",
        "Learning a profile from 20 article pages (target: under 1 s):",
        "",
        *_learning_ms(),
        "",
        "Extraction with a learned profile (tests/fixtures/portals, one core, interleaved passes, same run):",
        "",
        *_speed(),
    ]
    return "\n".join(lines)
