"""Measure two ways of building the bilingual (ar/en) MkDocs Material site.

A: one `mkdocs build` with mkdocs-static-i18n (suffix structure, `x.md` + `x.en.md`).
B: two builds of one shared docs/ folder (ar config + en config that INHERITs it), run as two
   parallel processes.

Synthetic pages (~3 KB of Arabic from the sample articles in articles/, read at run time,
plus a short English part) are kept out of the navigation (`nav:` = home page only,
`not_in_nav: /pages/*`).
Every build runs in a subprocess; `os.wait4` gives each child's own rusage, so peak RSS is per
build process (`getrusage(RUSAGE_CHILDREN)` would only give the maximum over all children so far).

    python bench/bilingual_mechanism.py --pages 200 1000
"""

import argparse
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SEEDS = Path(__file__).resolve().parent.parent / "articles"  # the bundled sample articles
FALLBACK_AR = [
    "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة",
    "وأضاف المتحدث أن الحكومة تدرس جميع الخيارات المتاحة لمعالجة الأزمة",
    "وأشارت التقارير إلى ارتفاع أسعار المواد الغذائية خلال الشهر الماضي",
]
EN_SENTENCES = [
    "The ministry said talks would resume next week.",
    "Officials did not give a timetable for the decision.",
    "Local media reported the figures on Monday evening.",
]
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
NAV_HREF = re.compile(r'href="[^"#]*pages/')
PAGE_BYTES = 3000  # UTF-8 bytes of Arabic body per page


@dataclass
class Result:
    """One variant built once for one page count."""

    variant: str
    pages: int
    wall_s: float = 0.0
    rss_mb: list[float] = field(default_factory=list)  # one per build process
    site_bytes: int = 0
    indexes: list[str] = field(default_factory=list)  # one line per search_index.json
    nav_links: dict[str, int] = field(default_factory=dict)  # home page -> links to pages/
    omitted_logged: int = 0  # pages MkDocs reports as "not included in the nav"
    warnings: int = 0
    errors: list[str] = field(default_factory=list)


def arabic_sentences(seed_dir: Path) -> list[str]:
    """Sentences of 40+ characters that are mostly Arabic letters, or a fallback list."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seed_dir.glob("*.txt")))
    parts = (s.strip() for s in re.split(r"[.!؟?\n]+", text))
    found = [s for s in parts if len(s) >= 40 and len(ARABIC_LETTER.findall(s)) > len(s) / 2]
    return found or FALLBACK_AR


def arabic_body(rng: random.Random, sentences: list[str]) -> str:
    """Paragraphs of 2-4 shuffled sentences until the body reaches PAGE_BYTES."""
    paras: list[str] = []
    while len("\n\n".join(paras).encode()) < PAGE_BYTES:
        paras.append(". ".join(rng.sample(sentences, min(len(sentences), rng.randint(2, 4)))) + ".")
    return "\n\n".join(paras)


def write_docs(docs: Path, n: int, sentences: list[str], with_en: bool) -> None:
    """Home page plus n pages under docs/pages/; `x.en.md` twins only when with_en."""
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# الموجز\n\nآخر الأخبار.\n", encoding="utf-8")
    if with_en:
        (docs / "index.en.md").write_text("# Briefing\n\nLatest news.\n", encoding="utf-8")
    rng = random.Random(n)
    for i in range(n):
        body = arabic_body(rng, sentences)
        english = " ".join(rng.sample(EN_SENTENCES, 3))
        ar_title = f"{sentences[i % len(sentences)][:50]} ({i})"
        page = docs / "pages" / f"p{i:04d}.md"
        page.write_text(f"# {ar_title}\n\n{body}\n\n## English\n\n{english}\n", encoding="utf-8")
        if with_en:
            # Different title and text, so static-i18n does not drop it as a search duplicate.
            en_text = f"# Item {i}\n\n{english}\n\n## Arabic source\n\n{body}\n"
            page.with_suffix(".en.md").write_text(en_text, encoding="utf-8")


def base_config(site_dir: str) -> dict:
    """Settings shared by both variants."""
    return {
        "site_name": "Briefing",
        "site_url": "https://example.org/",
        "docs_dir": "docs",
        "site_dir": site_dir,
        "theme": {"name": "material", "language": "ar"},
        # Material's Arabic strings set no search.config.lang, so lunr would fall back to "en".
        "plugins": [{"search": {"lang": ["ar", "en"]}}],
        "nav": [{"الرئيسية": "index.md"}],
        "not_in_nav": "/pages/*",
    }


def dump(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def setup_a(root: Path, n: int, sentences: list[str]) -> tuple[list[Path], list[Path]]:
    """Variant A: one config with the i18n plugin; output in root/site (en under site/en)."""
    write_docs(root / "docs", n, sentences, with_en=True)
    cfg = base_config("site")
    languages = [
        {"locale": "ar", "name": "العربية", "default": True, "build": True},
        {"locale": "en", "name": "English", "build": True},
    ]
    cfg["plugins"].append({"i18n": {"docs_structure": "suffix", "languages": languages}})
    home = [root / "site" / "index.html", root / "site" / "en" / "index.html"]
    return [dump(root / "mkdocs.yml", cfg)], home


def setup_b(root: Path, n: int, sentences: list[str]) -> tuple[list[Path], list[Path]]:
    """Variant B: ar config and an en config that INHERITs it; separate site dirs.

    The en site cannot live inside the ar site_dir: the ar build cleans its site_dir while
    the en build writes, so the two trees are merged (a move) after both finish.
    """
    write_docs(root / "docs", n, sentences, with_en=False)
    alternate = [
        {"name": "العربية", "link": "/", "lang": "ar"},
        {"name": "English", "link": "/en/", "lang": "en"},
    ]
    ar = dump(root / "mkdocs.yml", {**base_config("site_ar"), "extra": {"alternate": alternate}})
    en = {"INHERIT": ar.name, "site_dir": "site_en", "theme": {"language": "en"}}
    en_cfg = dump(root / "mkdocs.en.yml", {**en, "nav": [{"Home": "index.md"}]})
    return [ar, en_cfg], [root / "site_ar" / "index.html", root / "site_en" / "index.html"]


def run_builds(configs: list[Path], cwd: Path, res: Result, timeout: float) -> None:
    """Start one `mkdocs build` per config at once, wait for all, record time/RSS/logs."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # silence Material's end-of-life banner
    start = time.perf_counter()
    running = []
    for cfg in configs:
        log = cfg.with_suffix(".log").open("w", encoding="utf-8")
        cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(cfg)]
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        running.append((cfg, proc, log, timer))
    for cfg, proc, log, timer in running:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it was reaped
        timer.cancel()
        log.close()
        res.rss_mb.append(usage.ru_maxrss / 1024)  # Linux reports KiB
        text = cfg.with_suffix(".log").read_text(encoding="utf-8")
        res.warnings += len(re.findall(r"^WARNING", text, re.M))
        res.omitted_logged += len(re.findall(r"^\s+- pages/", text, re.M))
        if proc.returncode:
            tail = " | ".join(text.strip().splitlines()[-3:])
            res.errors.append(f"{cfg.name}: exit {proc.returncode}: {tail}")
    res.wall_s = time.perf_counter() - start


def inspect_site(cwd: Path, homes: list[Path], res: Result) -> None:
    """Site size, every search_index.json (size, docs, languages), nav leakage on home."""
    sites = [p for p in cwd.iterdir() if p.is_dir() and p.name.startswith("site")]
    res.site_bytes = sum(f.stat().st_size for s in sites for f in s.rglob("*") if f.is_file())
    for index in sorted(p for s in sites for p in s.rglob("search/search_index.json")):
        raw = index.read_bytes()  # Arabic is stored as ASCII escapes, ~3x UTF-8
        data = json.loads(raw)
        docs = data.get("docs", [])
        en_docs = sum(d["location"].startswith("en/") for d in docs)
        lang = ",".join(data.get("config", {}).get("lang", []))
        res.indexes.append(
            f"`{index.relative_to(cwd)}` {len(raw) / 1024:.0f} KB "
            f"(gzip {len(gzip.compress(raw)) / 1024:.0f} KB), "
            f"{len(docs)} entries ({en_docs} under en/), lunr {lang}"
        )
    for home in homes:
        html = home.read_text(encoding="utf-8") if home.exists() else ""
        res.nav_links[str(home.relative_to(cwd))] = len(NAV_HREF.findall(html))


def measure(variant: str, n: int, sentences: list[str], timeout: float, repeat: int) -> Result:
    """Fastest of `repeat` runs, each on fresh docs (not timed); RSS is the max over all runs."""
    runs = []
    for _ in range(max(repeat, 1)):
        runs.append(res := Result(variant, n))
        with tempfile.TemporaryDirectory(prefix=f"bilingual-{variant}-{n}-") as tmp:
            configs, homes = (setup_a if variant == "A" else setup_b)(Path(tmp), n, sentences)
            run_builds(configs, Path(tmp), res, timeout)
            inspect_site(Path(tmp), homes, res)
    best = min(runs, key=lambda r: r.wall_s)
    best.rss_mb = [max(r.rss_mb[i] for r in runs) for i in range(len(best.rss_mb))]
    best.errors = sorted({e for r in runs for e in r.errors})
    return best


def table(results: list[Result]) -> str:
    rows = [
        "| pages | variant | wall s (best) | peak RSS MB (per process) | site MB "
        "| search indexes | nav links to pages/ on homes; omitted logged | warnings | errors |",
        "|---:|---|---:|---|---:|---|---|---:|---|",
    ]
    for r in results:
        rss = " + ".join(f"{m:.0f}" for m in r.rss_mb)
        idx = "<br>".join(r.indexes)
        nav = " / ".join(str(v) for v in r.nav_links.values()) + f"; {r.omitted_logged}"
        label = "A static-i18n, 1 process" if r.variant == "A" else "B 2 builds, 2 processes"
        rows.append(
            f"| {r.pages} | {label} | {r.wall_s:.1f} | {rss} | {r.site_bytes / 2**20:.1f} "
            f"| {idx} | {nav} | {r.warnings} | {'; '.join(r.errors) or 'none'} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[200, 1000], help="page counts")
    parser.add_argument("--variants", nargs="+", choices=["A", "B"], default=["A", "B"])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of Arabic .txt files")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell, fastest kept")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per build process")
    args = parser.parse_args(argv)
    sentences = arabic_sentences(args.seeds) if args.seeds.is_dir() else FALLBACK_AR
    print(f"{len(sentences)} Arabic sentences; {os.cpu_count()} CPUs", file=sys.stderr)
    results = []
    for n in args.pages:
        for variant in args.variants:
            results.append(measure(variant, n, sentences, args.timeout, args.repeat))
            r = results[-1]
            print(f"{variant} N={n}: {r.wall_s:.1f}s {r.errors or ''}", file=sys.stderr)
    print(table(results))
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
