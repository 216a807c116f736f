from __future__ import annotations

import pytest

from generator.slugs import MAX_SLUG_BYTES, slugify, unique

SHA = "0123456789abcdef" * 4


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("000_51295827b7bc72d8", "000-51295827b7bc72d8"),
        ("Esper Denies Withdrawal", "esper-denies-withdrawal"),
        ("إسبر ينفي الانسحاب", "article-0123456789ab"),  # no ASCII to keep: content hash
        ("../../etc/passwd", "etc-passwd"),
        ("con", "article-0123456789ab"),  # a reserved device name on Windows
        ("café—crème", "cafe-creme"),
        ("a" * 300, "a" * MAX_SLUG_BYTES),
    ],
)
def test_slugify(stem: str, expected: str) -> None:
    assert slugify(stem, SHA) == expected


def test_unique_appends_a_counter() -> None:
    assert unique("story", {"story", "story-2"}) == "story-3"
    assert unique("story", set()) == "story"
