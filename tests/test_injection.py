"""No injection into the site: hostile strings in every input end up as inert text.

The payloads (``tests/payloads/strings.yml``) go into articles (plain text, Markdown and HTML:
headline, body, quotes, dated events), a sidecar (title, url), ``names.yml`` (entity names and
roles) and, as an editor could, straight into front-matter values. Then the real thing runs
(``briefings build``, both languages) and every file of ``site/`` is scanned: HTML parsed with
lxml, the search index's HTML fragments too, the feeds and sitemaps as XML.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import html

from generator.frontmatter import read_page, write_page
from generator.sidecar import read_sidecar
from generator.textnorm import BIDI_CONTROLS

from .conftest import make_project

PAYLOADS: list[dict[str, str]] = yaml.safe_load(
    (Path(__file__).parent / "payloads" / "strings.yml").read_text(encoding="utf-8")
)
TEXTS = [p["text"] for p in PAYLOADS]
MARKER = "31337"  # every payload that would run code calls alert(31337)
SITE_URL = "https://example.org/briefings/"

# The only scripts a page may load: the theme's bundle and our timeline filter.
ALLOWED_SCRIPT_SRC = (
    re.compile(r"(?:\.\./)*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js"),
    re.compile(r"(?:\.\./)*assets/timeline-filter\.js"),
    # The 404 page links from the site root (MkDocs makes its URLs absolute).
    re.compile(r"/briefings/(?:en/)?assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js"),
)
# Material's inline scripts, by how they start; their text never holds a payload.
ALLOWED_INLINE_SCRIPTS = ("__md_scope=new URL(", "var target=document.")
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset"}
BAD_SCHEMES = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)
BIDI = re.compile(f"[{BIDI_CONTROLS}]")


# --- scanning a built site ------------------------------------------------------------------


def _script_problem(element: Any) -> str | None:
    src = element.get("src")
    if src is not None:
        ok = any(pattern.fullmatch(src) for pattern in ALLOWED_SCRIPT_SRC)
        return None if ok else f"script src={src!r}"
    body = element.text or ""
    if element.get("type") == "application/json" and element.get("id") == "__config":
        json.loads(body)  # Material's configuration: data, and it must stay valid JSON
        return f"payload in __config: {body[:80]!r}" if MARKER in body else None
    if body.startswith(ALLOWED_INLINE_SCRIPTS) and MARKER not in body:
        return None
    return f"inline script {body[:80]!r}"


def element_problems(root: Any) -> Iterator[str]:
    """What is wrong with a parsed HTML tree: code a browser would run, frames, style sheets."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = element.tag.lower().rpartition("}")[2]
        if tag in FORBIDDEN_TAGS:
            yield f"<{tag}> element"
        if tag == "meta" and element.get("http-equiv"):
            yield f"<meta http-equiv={element.get('http-equiv')!r}>"
        if tag == "script" and (problem := _script_problem(element)):
            yield problem
        href = element.get("href") or ""
        if tag == "link" and "://" in href and not href.startswith(SITE_URL):
            yield f"<link> to another host: {href!r}"
        for name, value in element.attrib.items():
            name = name.lower().rpartition("}")[2]
            if name.startswith("on"):
                yield f"<{tag} {name}={value!r}>"
            # Browsers ignore control characters and spaces around a URL's scheme.
            url = re.sub(r"[\x00-\x20]", "", value)
            if name in URL_ATTRIBUTES | {"href"} and BAD_SCHEMES.match(url):
                yield f"<{tag} {name}={value!r}>"
        # Set by an attribute list ("{: #evil .evil }"); a heading id slugged from text is fine.
        if element.get("id") == "evil" or "evil" in (element.get("class") or "").split():
            yield f"<{tag}> with an id or class from a payload"


def fragment_problems(fragment: str) -> Iterator[str]:
    """A search-index field is HTML: the theme shows it with innerHTML."""
    if fragment.strip():
        for element in html.fragments_fromstring(f"<div>{fragment}</div>"):
            if isinstance(element, str):
                continue
            for problem in element_problems(element):
                if not problem.startswith("script src"):
                    yield problem
            if element.xpath("//script"):
                yield "script in a search entry"


def site_problems(site: Path) -> list[str]:
    problems: list[str] = []
    files = [p for p in site.rglob("*") if p.is_file()]
    assert files, f"nothing built in {site}"
    for path in files:
        where = path.relative_to(site).as_posix()
        if path.suffix not in {".html", ".json", ".xml", ".txt", ".js", ".css"}:
            continue
        text = path.read_text(encoding="utf-8")
        if BIDI.search(text):
            problems.append(f"{where}: raw bidi control U+{ord(BIDI.search(text)[0]):04X}")
        if path.suffix == ".html":
            problems += [f"{where}: {p}" for p in element_problems(html.fromstring(text))]
        elif path.name == "search_index.json":
            for doc in json.loads(text)["docs"]:
                for key in ("title", "text"):
                    problems += [
                        f"{where} {doc['location']}: {p}" for p in fragment_problems(doc[key])
                    ]
        elif path.suffix == ".xml":
            problems += [f"{where}: {p}" for p in xml_problems(path)]
    return problems


def xml_problems(path: Path) -> Iterator[str]:
    """Feeds and sitemaps: well-formed, text only, links to the site or to web pages."""
    tree = ET.parse(path)  # raises on anything that broke the XML
    for element in tree.iter():
        tag = element.tag.rpartition("}")[2]
        if tag == "content" or element.get("type") in {"html", "xhtml"}:
            yield f"<{tag} type={element.get('type')!r}>: feed readers render it as HTML"
        href = element.get("href") or (element.text if tag == "loc" else None)
        if href is not None and not href.startswith(("https://", "http://", "../", "feed.xml")):
            yield f"<{tag}> links to {href!r}"


# --- the hostile project ----------------------------------------------------------------------


def article_text() -> str:
    """A plausible Arabic article with one payload per paragraph, dated, with a quote."""
    lines = [f"الدفاع الأمريكية تنفي خطط الانسحاب {TEXTS[2]}", ""]
    for i, text in enumerate(TEXTS):
        lines.append(
            f"نفى وزير الدفاع الأمريكي مارك إسبر في {i % 27 + 1} كانون الثاني 2020 "
            f"وجود خطط للانسحاب {text} من العراق."
        )
        lines.append("")
        lines.append(f'وقال مارك ميلي إن "لا يوجد قرار {text} بالانسحاب" مضيفا أن القوات باقية.')
        lines.append("")
    return "\n".join(lines)


def markdown_article() -> str:
    body = "\n\n".join(f"فقرة {i}: قال إسبر في بغداد {text} اليوم." for i, text in enumerate(TEXTS))
    return f"# عنوان المقال {TEXTS[0]} {TEXTS[11]}\n\n{body}\n"


def sidecar_article() -> str:
    """Another story (not a duplicate of the first), whose facts come from its sidecar."""
    return "\n\n".join(
        f"أعلن البرلمان العراقي في جلسة رقم {i} تصويته على قرار {text} يخص القوات الأجنبية."
        for i, text in enumerate(TEXTS)
    )


def html_article() -> str:
    body = "".join(
        f"<p>قال الجنرال مارك ميلي في بغداد {text} إن القوات باقية.</p>" for text in TEXTS
    )
    return (
        "<!DOCTYPE html><html lang='ar'><head><meta charset='utf-8'>"
        f"<title>البنتاغون ينفي {TEXTS[21]}</title>"
        "<meta property='og:url' content='javascript:alert(31337)'></head>"
        f"<body><article><h1>البنتاغون ينفي الانسحاب {TEXTS[3]}</h1>{body}</article></body></html>"
    )


NAMES_YML = {
    # Editors' corrections: the payloads replace names and roles the pages show.
    "mark-esper": {"en": " ".join(TEXTS[:10]), "role": " ".join(TEXTS[10:20])},
    "mark-milley": {"ar": f"مارك ميلي {TEXTS[0]} {TEXTS[27]}", "en": " ".join(TEXTS[20:])},
}


def _payload_page(template: dict[str, Any], i: int, text: str) -> dict[str, Any]:
    """A copy of a generated briefing with ``text`` in every value an editor may change."""
    data = json.loads(json.dumps(template))
    data["id"] = f"payload-{i:02d}"
    data["sources"] = [{**data["sources"][0], "path": f"articles/gone-{i:02d}.txt", "url": text}]
    if i % 2:  # a javascript: URL where a web address belongs
        data["sources"][0]["url"] = "javascript:alert(31337)//" + text
    data["headline"] = {
        "ar": f"عنوان {text}",
        "en": {"text": text, "status": "reviewed"},
        "provenance": "editor",
    }
    data["outlet"] = {"id": "rudaw", "ar": f"روداو {text}", "en": text, "evidence": text}
    data["published"] = {
        "value": f"2020-01-{i % 27 + 1:02d}",
        "precision": "day",
        "confidence": "low",
        "source": text,
        "evidence": text,
        "reason": text,
    }
    data["entities"] = [
        {"id": f"payload-{i:02d}", "type": "person", "ar": f"شخص {text}", "en": text, "role": text}
    ]
    for quote in data.get("quotes", []):
        quote["ar"] = quote["sentence"] = f"قال {text}"
        quote["en"] = {"text": text, "status": "machine", "engine": text}
        quote["speaker"] = {"kind": "person", "ar": f"متحدث {text}", "en": text}
    for event in data.get("events", []):
        event.update(ar=f"حدث {text}", evidence=text, entities=[f"payload-{i:02d}"])
        event["en"] = {"text": text, "status": "reviewed"}
    for sentence in data.get("gist", []):
        sentence.update(ar=f"جملة {text}", en={"text": text, "status": "reviewed"})
    data["figures"] = [{"value": "2,500", "unit": "troops", "en": text, "ar": text}]
    return data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile") / "project", articles=[])
    articles = root / "articles"
    (articles / "hostile.txt").write_text(article_text(), encoding="utf-8")
    (articles / "hostile-md.md").write_text(markdown_article(), encoding="utf-8")
    (articles / "hostile-html.html").write_text(html_article(), encoding="utf-8")
    (articles / "sidecar.txt").write_text(sidecar_article(), encoding="utf-8")
    sidecar = {
        "title": f"عنوان المحرر {TEXTS[0]} {TEXTS[27]}",
        # A web address a browser accepts, built to leave a single-quoted attribute.
        "url": "https://x.example/a'onmouseover='alert(31337)'/\u202e",
    }
    (articles / "sidecar.meta.yml").write_text(yaml.safe_dump(sidecar), encoding="utf-8")
    (root / "names.yml").write_text(yaml.safe_dump(NAMES_YML, allow_unicode=True), "utf-8")
    run(root, "generate")

    # Editors' front matter: one more briefing per payload, the payload in every field.
    template = read_page(root / "docs/briefings/hostile.md").data
    briefings = root / "docs" / "briefings"
    for i, text in enumerate(TEXTS):
        page = briefings / f"payload-{i:02d}.md"
        body = "\n\n".join(f"فقرة {text} {n}" for n in range(3))
        write_page(page, _payload_page(template, i, text), body)
    run(root, "build")
    return root


def run(root: Path, command: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(root), command],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "SITE_URL": SITE_URL},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


# --- the tests ------------------------------------------------------------------------------


def test_every_hostile_input_became_a_briefing(hostile: Path) -> None:
    built = {p.parent.name for p in (hostile / "site" / "briefings").glob("*/index.html")}
    expected = {"hostile", "hostile-md", "hostile-html", "sidecar"}
    expected |= {f"payload-{i:02d}" for i in range(len(TEXTS))}
    assert built == expected


def test_nothing_in_the_site_runs_code_frames_restyles_or_reorders_text(hostile: Path) -> None:
    assert site_problems(hostile / "site") == []


def heading(path: Path) -> str:
    """The page's <h1> as a reader sees it (without the toc's permalink sign)."""
    h1 = html.fromstring(path.read_bytes()).xpath("//h1")[0]
    for link in h1.xpath(".//a[contains(@class, 'headerlink')]"):
        link.drop_tree()
    return " ".join(h1.text_content().split())


@pytest.mark.parametrize(("i", "payload"), list(enumerate(TEXTS)), ids=[p["id"] for p in PAYLOADS])
def test_each_payload_is_shown_as_the_text_it_is(hostile: Path, i: int, payload: str) -> None:
    # Inert, not lost: the pages show the editor's string itself (bidi controls removed).
    shown = " ".join(BIDI.sub("", payload).split())
    site = hostile / "site"
    assert heading(site / f"en/briefings/payload-{i:02d}/index.html") == shown
    assert heading(site / f"briefings/payload-{i:02d}/index.html") == f"عنوان {shown}"
    assert heading(site / f"en/entities/payload-{i:02d}/index.html") == shown
    assert heading(site / f"entities/payload-{i:02d}/index.html") == f"شخص {shown}"
    title = html.fromstring((site / f"en/briefings/payload-{i:02d}/index.html").read_bytes())
    assert title.findtext(".//title") == f"{shown} - Arabic News Briefings"


def test_scraped_text_never_reaches_the_site_configuration(hostile: Path) -> None:
    # mkdocs.yml is the project's, not the generator's: the run reads it and never writes it.
    repo = Path(__file__).resolve().parent.parent
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        assert (hostile / name).read_bytes() == (repo / name).read_bytes()


# --- hostile sidecar values: a clear refusal, not a page --------------------------------------


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        (
            {"url": "javascript:alert(31337)"},
            "sidecar hostile.meta.yml: 'url' must start with http:// or https://",
        ),
        (
            {"url": 'https://x.example/" onmouseover="alert(31337)'},
            "sidecar hostile.meta.yml: 'url' is not a web address (it needs a host and no "
            "spaces, quotes or angle brackets)",
        ),
        (
            {"url": "https:///no-host"},
            "sidecar hostile.meta.yml: 'url' is not a web address (it needs a host and no "
            "spaces, quotes or angle brackets)",
        ),
        (
            {"date": "<script>alert(31337)</script>"},
            "sidecar hostile.meta.yml: 'date' must be YYYY, YYYY-MM or YYYY-MM-DD, got "
            "'<script>alert(31337)</script>'",
        ),
        (
            {"date": 20200107},
            "sidecar hostile.meta.yml: 'date' must be YYYY, YYYY-MM or YYYY-MM-DD, got '20200107'",
        ),
        (
            {"outlet": "<script>alert(31337)</script>"},
            "sidecar hostile.meta.yml: outlet '<script>alert(31337)</script>' is not in "
            "generator/data/outlets.yml",
        ),
    ],
)
def test_a_hostile_sidecar_value_skips_the_article_with_a_reason(
    project: Path, sidecar: dict[str, object], message: str
) -> None:
    (project / "articles/hostile.txt").write_text(article_text(), encoding="utf-8")
    (project / "articles/hostile.meta.yml").write_text(yaml.safe_dump(sidecar), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(project), "generate"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1
    assert message in " ".join(result.stderr.split())
    assert not list((project / "docs" / "briefings").glob("*.md"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("عنوان \u202eمعكوس\u202c", "عنوان معكوس"),
        ("عنوان\nعلى سطرين", "عنوان على سطرين"),
        ("\u2066عنوان\u2069\u200b", "عنوان"),
    ],
)
def test_sidecar_text_is_cleaned_like_article_text(
    tmp_path: Path, value: str, expected: str
) -> None:
    path = tmp_path / "a.meta.yml"
    path.write_text(yaml.safe_dump({"title": value}, allow_unicode=True), encoding="utf-8")
    assert read_sidecar(path) == {"title": expected}


# --- the scanner itself finds what it looks for -----------------------------------------------


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("<script>alert(31337)</script>", "inline script"),
        ('<script src="https://evil.example/x.js"></script>', "script src="),
        ('<script src="assets/javascripts/bundle.0000000.min.js"></script>', "script src="),
        ("<img src=x onerror=alert(31337)>", "onerror"),
        ("<svg><g onload=alert(31337)></g></svg>", "onload"),
        ('<a href=" java\tscript:alert(31337)">x</a>', "href"),
        ('<a href="data:text/html,x">x</a>', "href"),
        ('<form action="javascript:alert(31337)"></form>', "action"),
        ('<iframe src="https://example.org"></iframe>', "<iframe> element"),
        ('<object data="x"></object>', "<object> element"),
        ('<base href="https://evil.example/">', "<base> element"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "http-equiv"),
        ("<style>body{display:none}</style>", "<style> element"),
        ('<link rel="stylesheet" href="https://evil.example/x.css">', "another host"),
        ('<p class="x evil">x</p>', "id or class from a payload"),
        ("<p>\u202etxt.exe</p>", "raw bidi control U+202E"),
        ("<p>\u2067x\u2069</p>", "raw bidi control U+2067"),
    ],
)
def test_the_scanner_finds_code_in_a_page(tmp_path: Path, snippet: str, expected: str) -> None:
    page = tmp_path / "site" / "page" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f"<!DOCTYPE html><html><head></head><body>{snippet}</body></html>", "utf-8")
    problems = site_problems(tmp_path / "site")
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "search/search_index.json",
            '{"docs": [{"location": "a/", "title": "<img src=x onerror=alert(1)>", "text": ""}]}',
            "onerror",
        ),
        (
            "search/search_index.json",
            '{"docs": [{"location": "a/", "title": "t", "text": "<p><script>x</script></p>"}]}',
            "script in a search entry",
        ),
        (
            "feed.xml",
            f'<feed xmlns="{"http://www.w3.org/2005/Atom"}"><entry>'
            '<content type="html">&lt;b&gt;x&lt;/b&gt;</content></entry></feed>',
            "feed readers render it as HTML",
        ),
        (
            "feed.xml",
            '<feed xmlns="http://www.w3.org/2005/Atom"><link href="javascript:alert(1)"/></feed>',
            "links to 'javascript:alert(1)'",
        ),
        ("sitemap.xml", "<urlset><url><loc>javascript:x</loc></url></urlset>", "links to"),
    ],
)
def test_the_scanner_finds_code_in_data_files(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / "site" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    problems = site_problems(tmp_path / "site")
    assert any(expected in problem for problem in problems), problems


def test_our_scripts_never_turn_text_into_markup() -> None:
    # The static scan cannot see what a script does at run time: ours only ever set text.
    repo = Path(__file__).resolve().parent.parent
    scripts = sorted((repo / "docs" / "assets").rglob("*.js"))
    assert scripts
    sinks = re.compile(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|\bnew Function\b"
    )
    assert {p.name: sinks.findall(p.read_text(encoding="utf-8")) for p in scripts} == {
        p.name: [] for p in scripts
    }
