"""The shingles of every article text and the same-story pairs among them, kept between runs.

Finding copies of one story compares every text with every other (generator.same_story): with
thousands of articles, most of a ``generate`` that has nothing new to analyse. Whether two texts
are one story depends on those two texts alone, so a run keeps what it found here and the next
compares only the texts it has not seen.

One file, ``.cache/duplicates/stories.bin``: a JSON header line (the version of the code that
made it, each text's SHA-256 and shingle count, the pairs) and the shingles as 64-bit integers.
Plain data, no pickle: reading it cannot run code. A file of another version, or one that cannot
be read, is ignored and written again.
"""

from __future__ import annotations

import contextlib
import json
import sys
from array import array
from pathlib import Path

from .cache import CACHE_DIR, analysis_version, write_cache_file
from .same_story import StoryPairs

FILE = Path(CACHE_DIR, "duplicates", "stories.bin")
FORMAT = "1"


class ShingleCache:
    def __init__(self, root: Path) -> None:
        self.path = root / FILE
        # The shingles depend on the text folding of the analysis code.
        self.version = f"{FORMAT}-{analysis_version()}-{sys.byteorder}"

    def load(self) -> StoryPairs | None:
        try:
            with self.path.open("rb") as handle:
                header = json.loads(handle.readline())
                payload = handle.read()
            if header["version"] != self.version:
                return None
            numbers = array("q")
            numbers.frombytes(payload)
            sets: dict[str, array[int] | frozenset[int]] = {}
            start = 0
            for digest, count in header["texts"]:
                sets[digest] = numbers[start : start + count]
                start += count
            if start != len(numbers):
                return None
            pairs = {(str(a), str(b)) for a, b in header["pairs"]}
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent, truncated or of another format: every text is compared again
        return StoryPairs(sets, pairs)

    def save(self, found: StoryPairs) -> None:
        numbers = array("q")
        texts = []
        for digest, shingles in found.shingles.items():
            numbers.extend(shingles)
            texts.append([digest, len(shingles)])
        header = {"version": self.version, "texts": texts, "pairs": sorted(found.pairs)}
        # Not kept on a full disk: the next run compares every text again, only slower.
        with contextlib.suppress(OSError):
            write_cache_file(self.path, json.dumps(header).encode() + b"\n" + numbers.tobytes())
