"""Build sites of N articles and measure generate and build: time, memory, bytes, growth with N.

    python bench/scale.py                                  # N = 100, 1000, 5000, 10000
    python bench/scale.py --sizes 100 1000 --reference-max 1000

Articles are made from the real sample articles (``articles/``) and, when present,
``../shared/corpus/articles-dev``: each synthetic article keeps one real article's lead, shuffles
its other paragraphs with those of a second real article (so no two are the same story for
``generator.same_story``), shifts its numbers and years, and has its own sidecar (outlet, date,
URL). Every step runs in a subprocess: ``os.wait4`` gives the largest process's peak RSS, and a
sampler adds up the resident memory of the whole process tree (the two language builds run at
the same time) every 50 ms.

The reference configuration builds the same Markdown pages with plain MkDocs Material and
mkdocs-static-i18n (every page in the default navigation, default search). Its build time grows
with the square of the page count, so it is only run up to ``--reference-max`` articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "articles-dev"
PROJECT_FILES = ("mkdocs.yml", "mkdocs.en.yml", "templates", "docs/assets")
MEMORY_FILE = "translation-memory.yml"
OUTLETS = (
    "rudaw",
    "rt",
    "enab-baladi",
    "cnn-arabic",
    "al-arabiya",
    "sky-news-arabia",
    "france24",
    "bbc-arabic",
    "al-jazeera",
    "independent-arabia",
    "alhurra",
    "anadolu",
)
FIRST_DAY = dt.date(2018, 1, 1)
NUMBER = re.compile(r"\d+")
SAMPLE_EVERY = 0.05  # seconds between two readings of the process tree's memory


# --- synthetic articles ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Seed:
    """A real article: its paragraphs and the title its publisher gave it (corpus only)."""

    name: str
    paragraphs: tuple[str, ...]
    title: str | None


def read_seeds(corpus: Path | None) -> list[Seed]:
    """The sample articles, then the corpus articles with their titles (``meta.jsonl``)."""
    titles: dict[str, str] = {}
    folders = [REPO / "articles"]
    if corpus is not None and corpus.is_dir():
        folders.append(corpus)
        meta = corpus / "meta.jsonl"
        if meta.is_file():
            for line in meta.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                titles[record["file"]] = record.get("title") or ""
    seeds = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
            if len(blocks) < 3:  # the corpus has one paragraph a line
                blocks = [line.strip() for line in text.splitlines() if line.strip()]
            seeds.append(Seed(path.stem, tuple(blocks), titles.get(path.name) or None))
    return seeds


def shift_numbers(text: str, index: int) -> str:
    """Years move by a few years, days stay days, other numbers change (ASCII digits)."""
    years = index % 7 - 3

    def shifted(match: re.Match[str]) -> str:
        value = int(match.group())
        if 1990 <= value <= 2030:
            return str(value + years)
        if value <= 31:
            return str((value - 1 + index) % 28 + 1)
        return str(value + index % 97 + 1)

    return NUMBER.sub(shifted, text)


def synthetic_article(index: int, seeds: list[Seed]) -> tuple[str, dict[str, str]]:
    """The text and sidecar of article ``index``: distinct for every index."""
    rng = random.Random(index)
    seed = seeds[index % len(seeds)]
    lead, rest = seed.paragraphs[:2], list(seed.paragraphs[2:])
    mixed = rng.sample(rest, (len(rest) + 1) // 2)
    # At least as much text from other articles as from this one: two variants of one seed
    # then share well under the 80% of their text that makes them one story.
    own = sum(len(p) for p in (*lead, *mixed))
    foreign = 0
    while foreign < own:
        other = rng.choice(seeds)
        if other is seed:
            continue
        paragraph = rng.choice(other.paragraphs[1:] or other.paragraphs)
        mixed.append(paragraph)
        foreign += len(paragraph)
    rng.shuffle(mixed)
    text = shift_numbers("\n\n".join([*lead, *mixed]), index)
    day = FIRST_DAY + dt.timedelta(days=(index * 37) % 2900)
    sidecar = {
        "outlet": OUTLETS[index % len(OUTLETS)],
        "date": day.isoformat(),
        "url": f"https://example.org/news/{index}",
    }
    if seed.title:
        sidecar["title"] = shift_numbers(seed.title, index)
    return text + "\n", sidecar


def make_project(root: Path, count: int, seeds: list[Seed]) -> Path:
    """A project with the repository's configuration and ``count`` synthetic articles."""
    import yaml  # the bench extra's environment always has it (MkDocs needs it)

    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    if (REPO / MEMORY_FILE).is_file():
        shutil.copy2(REPO / MEMORY_FILE, root / MEMORY_FILE)
    articles = root / "articles"
    articles.mkdir()
    for index in range(count):
        text, sidecar = synthetic_article(index, seeds)
        (articles / f"a{index:05d}.txt").write_text(text, encoding="utf-8")
        (articles / f"a{index:05d}.meta.yml").write_text(
            yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return root


# --- running and measuring one step ------------------------------------------------------------


@dataclass(slots=True)
class Step:
    """One command: wall time, the largest process's peak RSS, the tree's peak memory."""

    name: str
    wall_s: float = 0.0
    max_rss_mb: float = 0.0  # os.wait4: the largest single process (its own peak)
    tree_mb: float = 0.0  # sampled: the whole process tree at once (PSS, else RSS)
    ok: bool = True
    tail: str = ""


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").glob("*/children"))
    except OSError:  # the process has just ended
        return found
    for children in tasks:
        try:
            found += [int(c) for c in children.read_text().split()]
        except OSError:
            continue
    return found


def _memory_kb(pid: int) -> int:
    """Proportional set size (shared pages counted once across processes), else RSS."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return 0


def _tree_kb(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _memory_kb(current)
        todo += _children(current)
    return total


def run(name: str, args: list[str], cwd: Path, timeout: float) -> Step:
    """Run ``python -m generator`` (or another module) and measure it."""
    env = {**os.environ, "BRIEFINGS_TRANSLATOR": "none", "NO_MKDOCS_2_WARNING": "1"}
    step = Step(name)
    log = cwd / f"{name.replace(' ', '-')}.log"
    peak = 0
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, *args], cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env
        )
        done = threading.Event()
        timer = threading.Timer(timeout, proc.kill)
        timer.start()

        def sample() -> None:
            nonlocal peak
            while not done.wait(SAMPLE_EVERY):
                peak = max(peak, _tree_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        step.wall_s = time.perf_counter() - start
        done.set()
        timer.cancel()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it was reaped
    step.max_rss_mb = usage.ru_maxrss / 1024  # Linux: KiB
    step.tree_mb = max(peak, usage.ru_maxrss) / 1024
    text = log.read_text(encoding="utf-8", errors="replace")
    step.ok = proc.returncode in (0, 1) and "Traceback" not in text  # 1: skipped articles
    step.tail = " | ".join(text.strip().splitlines()[-2:])
    return step


# --- the site's sizes -------------------------------------------------------------------------


# Sizes on disk in MB of 10**6 bytes, as the targets and GitHub Pages' 1 GB limit count them;
# memory is in MiB.
MB = 10**6


def _bytes(paths: list[Path]) -> list[int]:
    return sorted(p.stat().st_size for p in paths)


def site_sizes(site: Path, briefings: int) -> dict[str, float]:
    """Bytes of the built site, per briefing and per page kind, for each language."""
    sys.path.insert(0, str(REPO))
    from generator.site.search import index_bytes_per_briefing

    every = [p for p in site.rglob("*") if p.is_file()]
    sizes: dict[str, float] = {"site_mb": sum(_bytes(every)) / MB}
    english = [p for p in every if p.is_relative_to(site / "en")]
    for code, root, files in (
        ("ar", site, sorted(set(every) - set(english))),
        ("en", site / "en", english),
    ):
        pages = _bytes(list((root / "briefings").glob("*/index.html")))
        sizes[f"{code}_bytes_per_briefing"] = sum(_bytes(files)) / max(briefings, 1)
        sizes[f"{code}_page_mean"] = sum(pages) / max(len(pages), 1)
        sizes[f"{code}_page_p95"] = pages[int(len(pages) * 0.95)] if pages else 0
        sizes[f"{code}_page_max"] = pages[-1] if pages else 0
        # The timeline: its index and one page per year.
        timeline = _bytes(list((root / "timeline").glob("**/index.html")))
        sizes[f"{code}_timeline_mb"] = sum(timeline) / MB
        sizes[f"{code}_timeline_max_mb"] = timeline[-1] / MB if timeline else 0
        entities = _bytes(list((root / "entities").glob("*/index.html")))
        sizes[f"{code}_entities_mb"] = sum(entities) / MB
        sizes[f"{code}_entities_max_mb"] = entities[-1] / MB if entities else 0
    for code, value in index_bytes_per_briefing(site).items():
        sizes[f"{code}_search_per_briefing"] = value
    return sizes


# --- the reference configuration ----------------------------------------------------------------

REFERENCE_CONFIG = {
    "site_name": "Briefings (reference)",
    "site_url": "https://example.org/",
    "theme": {"name": "material", "language": "ar"},
    "markdown_extensions": ["attr_list", {"toc": {"permalink": True}}],
    # No nav: every page is in the default navigation. Default search.
    "plugins": [
        "search",
        {
            "i18n": {
                "docs_structure": "suffix",
                "languages": [
                    {"locale": "ar", "name": "العربية", "default": True, "build": True},
                    {"locale": "en", "name": "English", "build": True},
                ],
            }
        },
    ],
}


def reference_project(project: Path, target: Path) -> int:
    """The same pages (our Markdown, both languages) as a plain Material + static-i18n site.
    Returns the number of pages per language."""
    import yaml

    sys.path.insert(0, str(REPO))
    from generator.collection.briefings import load_collection
    from generator.site.i18n import LANGUAGES
    from generator.site.render import Renderer

    docs = target / "docs"
    collection = load_collection(project / "docs", cache=False)
    count = 0
    for code, lang in LANGUAGES.items():
        renderer = Renderer(project / "templates", lang)
        pages = {uri: render() for uri, render in renderer.prepare(collection).items()}
        for entry in collection.entries:
            title = yaml.safe_dump({"title": renderer.headline(entry)}, allow_unicode=True)
            pages[entry.src_uri] = f"---\n{title}---\n\n{renderer.briefing(entry)}"
        suffix = "" if not lang.path else f".{code}"
        for uri, text in pages.items():
            path = docs / (uri[: -len(".md")] + suffix + ".md")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        count = len(pages)
    shutil.copytree(project / "docs" / "assets", docs / "assets")
    (target / "mkdocs.yml").write_text(
        yaml.safe_dump(REFERENCE_CONFIG, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return count


# --- one size -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Result:
    articles: int
    briefings: int = 0
    steps: dict[str, Step] = field(default_factory=dict)
    sizes: dict[str, float] = field(default_factory=dict)
    reference: Step | None = None
    reference_pages: int = 0
    reference_sizes: dict[str, float] = field(default_factory=dict)
    identical: bool | None = None  # incremental site == full rebuild (--verify)


def edit_field(project: Path) -> None:
    """An editor's fix: one briefing's publication year, in its front matter."""
    for path in sorted((project / "docs" / "briefings").glob("*.md"))[::-1]:
        text = path.read_text(encoding="utf-8")
        found = re.search(r'\npublished:\n  value: "?(\d{4})', text)
        if found:
            year = found.group(1)
            path.write_text(text.replace(f'value: "{year}', f'value: "{int(year) - 1}', 1))
            return


def edit_article(project: Path) -> None:
    """A correction to one article: a sentence added."""
    path = sorted((project / "articles").glob("*.txt"))[
        len(list((project / "articles").glob("*.txt"))) // 2
    ]
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nوقال متحدث رسمي في 12 آذار 2021 إن المشاورات مستمرة.\n")


def measure(count: int, seeds: list[Seed], args: argparse.Namespace) -> Result:
    result = Result(count)
    project = args.out / f"n{count}"
    shutil.rmtree(project, ignore_errors=True)
    make_project(project, count, seeds)
    cli = ["-m", "generator", "--project", str(project)]
    timeout = args.timeout

    def step(name: str, *extra: str) -> Step:
        found = result.steps[name] = run(name, [*cli, *extra], project, timeout)
        print(f"  N={count} {name}: {found.wall_s:.1f} s, {found.tree_mb:.0f} MiB", file=sys.stderr)
        return found

    step("generate", "generate")
    step("generate again", "generate")
    result.briefings = len(list((project / "docs" / "briefings").glob("*.md")))
    step("build", "build", "--no-generate")
    result.sizes = site_sizes(project / "site", result.briefings)
    shutil.rmtree(project / "site")
    step("build, warm caches", "build", "--no-generate")
    edit_field(project)
    step("edit a field", "build", "--no-generate")
    edit_article(project)
    step("edit an article", "build")
    if args.verify:
        full = args.out / f"n{count}-full"
        shutil.rmtree(full, ignore_errors=True)
        code = (
            "from pathlib import Path; from generator.site.build import build_site; "
            f"build_site(Path({str(project)!r}), Path({str(full)!r}), incremental=False)"
        )
        run("full rebuild", ["-c", code], project, timeout)
        result.identical = _same_tree(project / "site", full)
    if count <= args.reference_max:
        target = args.out / f"n{count}-reference"
        shutil.rmtree(target, ignore_errors=True)
        result.reference_pages = reference_project(project, target)
        result.reference = run("reference", ["-m", "mkdocs", "build", "-q"], target, timeout)
        index = target / "site" / "search" / "search_index.json"
        result.reference_sizes = {
            "site_mb": sum(_bytes([p for p in (target / "site").rglob("*") if p.is_file()])) / MB,
            "search_per_briefing": index.stat().st_size / max(result.briefings, 1)
            if index.is_file()
            else 0,
        }
        print(f"  N={count} reference: {result.reference.wall_s:.1f} s", file=sys.stderr)
    if not args.keep:
        shutil.rmtree(project, ignore_errors=True)
    return result


def _same_tree(a: Path, b: Path) -> bool:
    files_a = {p.relative_to(a): p for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b): p for p in b.rglob("*") if p.is_file()}
    return files_a.keys() == files_b.keys() and all(
        files_a[k].read_bytes() == files_b[k].read_bytes() for k in files_a
    )


# --- the report ----------------------------------------------------------------------------------


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


TIMES = [
    "articles",
    "briefings",
    "generate s (ms/article)",
    "generate again s",
    "build s (ms/briefing)",
    "ms/briefing vs N=1000",
    "build, warm caches s",
    "edit a field s",
    "edit an article s",
    "peak MiB: generate / build tree (largest process)",
    "reference s (x ours, warm)",
]
SIZES = [
    "articles",
    "site MB",
    "site bytes per briefing ar / en",
    "briefing page KB mean / p95 / max: ar; en",
    "search index B per briefing ar / en",
    "timeline MB: all / largest page (ar)",
    "entity pages MB: all / largest (ar)",
    "reference: site MB, search B per briefing",
    "incremental = full",
]


def tables(results: list[Result]) -> str:
    base = next((r for r in results if r.articles >= 1000), results[0])
    base_ms = base.steps["build"].wall_s * 1000 / max(base.briefings, 1)
    rows = [_row(TIMES), _row(["---:"] * len(TIMES))]
    for r in results:
        s = r.steps
        gen, build, warm = s["generate"], s["build"], s["build, warm caches"]
        ms = build.wall_s * 1000 / max(r.briefings, 1)
        ref = "not run"
        if r.reference is not None:
            ref = f"{r.reference.wall_s:.1f} ({r.reference.wall_s / warm.wall_s:.1f}x)"
        failed = [name for name, st in s.items() if not st.ok]
        rows.append(
            _row(
                [
                    f"{r.articles:,}",
                    f"{r.briefings:,}",
                    f"{gen.wall_s:.1f} ({gen.wall_s * 1000 / r.articles:.0f})",
                    f"{s['generate again'].wall_s:.1f}",
                    f"{build.wall_s:.1f} ({ms:.1f})",
                    f"{ms / base_ms:.2f}",
                    f"{warm.wall_s:.1f}",
                    f"{s['edit a field'].wall_s:.1f}",
                    f"{s['edit an article'].wall_s:.1f}",
                    f"{gen.tree_mb:.0f} / {build.tree_mb:.0f} ({build.max_rss_mb:.0f})",
                    ref + (f" FAILED: {', '.join(failed)}" if failed else ""),
                ]
            )
        )
    rows += ["", _row(SIZES), _row(["---:"] * len(SIZES))]
    for r in results:
        z, ref, rz = r.sizes, "-", r.reference_sizes
        if rz:
            ref = f"{rz['site_mb']:.0f}, {rz['search_per_briefing']:,.0f}"
        same = "-" if r.identical is None else "yes" if r.identical else "NO"
        rows.append(
            _row(
                [
                    f"{r.articles:,}",
                    f"{z['site_mb']:.0f}",
                    f"{z['ar_bytes_per_briefing']:,.0f} / {z['en_bytes_per_briefing']:,.0f}",
                    "; ".join(
                        f"{z[f'{code}_page_mean'] / 1000:.1f} / {z[f'{code}_page_p95'] / 1000:.1f}"
                        f" / {z[f'{code}_page_max'] / 1000:.1f}"
                        for code in ("ar", "en")
                    ),
                    f"{z['ar_search_per_briefing']:,.0f} / {z['en_search_per_briefing']:,.0f}",
                    f"{z['ar_timeline_mb']:.1f} / {z['ar_timeline_max_mb']:.2f}",
                    f"{z['ar_entities_mb']:.1f} / {z['ar_entities_max_mb']:.2f}",
                    ref,
                    same,
                ]
            )
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000, 10000])
    parser.add_argument(
        "--reference-max",
        type=int,
        default=1000,
        help="largest N built with the reference configuration (it grows with the square of N)",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="more real articles")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "scale")
    parser.add_argument("--keep", action="store_true", help="keep the projects and sites")
    parser.add_argument("--verify", action="store_true", help="compare incremental and full")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per step")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    seeds = read_seeds(args.corpus)
    cpus = os.cpu_count()
    print(
        f"{len(seeds)} seed articles; {cpus} CPUs; Python {sys.version.split()[0]}", file=sys.stderr
    )
    results = [measure(count, seeds, args) for count in args.sizes]
    print(tables(results))
    return 0 if all(st.ok for r in results for st in r.steps.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
