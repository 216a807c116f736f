"""Turn a saved HTML page into its whole visible text, as a reader who copies a page gets it.

    python eval/page_text.py page.html > page.txt       # one page to standard output
    python eval/page_text.py DIR                        # every DIR/*.html -> DIR/*.txt
    python eval/page_text.py DIR --out OUT              # ... written to OUT/ instead
    python eval/page_text.py DIR --compare              # differ from the .txt beside each page?

This is how ``../shared/corpus/pages-dev/*.txt`` were made (it reproduces all four byte for
byte): the menus, tickers, widgets and footers stay in, which is what the page evaluation
(``eval/pages.py``) needs. Standard library only, so any saved page can be turned into text
without the generator or its dependencies.

The rules, inferred from those four pages and checked against them:

* ``script``, ``style``, ``noscript``, ``template`` and ``svg`` are dropped with their content;
  an ``svg``'s own ``<title>`` is an icon label, not page text.
* Block elements (``BLOCKS``) start and end a line. Inline elements (``a``, ``span``,
  ``button``, ``sup`` ...) do not, so a sentence with a link inside stays one line.
* Line breaks in the source text are kept; each line's whitespace (no-break spaces too) is
  collapsed, and runs of empty lines become one empty line. Two blocks that follow each other
  are therefore separated by an empty line, while two links on two source lines are not.
* Character references are decoded (``&nbsp;``, ``&#1575;``); the ``<title>`` comes first
  because the head comes first.
"""

from __future__ import annotations

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

# Elements whose text is never shown.
HIDDEN = frozenset({"script", "style", "noscript", "template", "svg"})
# Elements that start and end a line: HTML's block-level elements, table cells and rows,
# list items, options, line breaks and the document title.
BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "center", "dd"),
        *("details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr"),
        *("legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section"),
        *("summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul"),
    }
)
# The charset a page declares in its first bytes, for pages not saved as UTF-8.
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # depth inside hidden elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <div/>: one line break; a self-closed hidden element hides nothing.
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's visible text: one block per line, blocks separated by one empty line."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines: list[str] = []
    for raw in "".join(parser.parts).split("\n"):
        line = " ".join(raw.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def decode(path: Path) -> str:
    """The page's characters: UTF-8, else the charset its markup declares."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = CHARSET.search(data[:4096])
        if declared is None:
            raise ValueError("not UTF-8 and no charset declared") from None
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot decode as {declared.group(1).decode('ascii')}") from exc


def page_text(path: Path) -> str:
    return visible_text(decode(path))


def _folder(folder: Path, out: Path | None, compare: bool) -> int:
    failed = differ = 0
    pages = sorted(folder.glob("*.html"))
    for page in pages:
        try:
            text = page_text(page)
        except (OSError, ValueError) as exc:
            print(f"{page}: {exc}", file=sys.stderr)
            failed += 1
            continue
        target = (out or folder) / f"{page.stem}.txt"
        if compare:
            same = target.is_file() and target.read_text("utf-8") == text
            differ += not same
            print(f"{'same' if same else 'DIFFERS'}  {target}")
            continue
        target.write_text(text, "utf-8")
    print(f"{len(pages)} page(s), {failed} unreadable, {differ} differing", file=sys.stderr)
    return 1 if failed or differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="a saved .html page, or a folder of them")
    parser.add_argument("--out", type=Path, help="folder for the .txt files (folder mode)")
    parser.add_argument(
        "--compare", action="store_true", help="compare with the .txt files instead of writing"
    )
    args = parser.parse_args(argv)
    if args.path.is_dir():
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
        return _folder(args.path, args.out, args.compare)
    try:
        sys.stdout.write(page_text(args.path))
    except (OSError, ValueError) as exc:
        print(f"{args.path}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
