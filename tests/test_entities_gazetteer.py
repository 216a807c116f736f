"""The gazetteer data, the matcher on real sentences, and editors' names.yml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.entities import analyse, to_records
from generator.entities.gazetteer import TYPES, base, with_names_file
from generator.entities.matcher import find_mentions
from generator.errors import ConfigError
from generator.langdata import mapping as data


def ids(text: str) -> list[str]:
    return [m.entity for m in find_mentions(text, base())]


def test_gazetteer_entries_are_well_formed() -> None:
    entries = data("gazetteer")["entities"]
    assert len(entries) > 150
    for key, value in entries.items():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", key), key
        assert value["type"] in TYPES, key
        assert value.get("wikidata") is None or re.fullmatch(r"Q\d+", value["wikidata"]), key


def test_no_alias_names_two_entities() -> None:
    owners: dict[tuple[str, ...], str] = {}
    for first, candidates in base().index.items():
        for words, entity, _ in candidates:
            assert owners.setdefault(words, entity) == entity, (first, words)


def test_countries_come_from_babel_with_curated_ids() -> None:
    gazetteer = base()
    assert gazetteer.entries["iraq"].en == "Iraq"
    assert gazetteer.entries["kuwait"].wikidata == "Q817"
    assert gazetteer.entries["turkey"].en == "Turkey"
    assert "country-om" not in gazetteer.entries  # عمان is also Amman: skipped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نفى وزير الدفاع الأمريكي مارك إسبر", ["mark-esper"]),
        ("وقال اسبر للصحفيين", ["mark-esper"]),
        ("جددت وزارة الدفاع الأمريكية (البنتاجون) التزامها", ["pentagon", "pentagon"]),
        ("وقال مسؤول للبنتاغون", ["pentagon"]),
        ("مغادرة قاعدة عين الأسد الجوية غرب محافظة الأنبار", ["ain-al-asad", "anbar"]),
        ("إلى قاعدتها الأصلية في معسكر (بورينغ) بالكويت", ["camp-buehring", "kuwait"]),
        ("لقتال تنظيم “الدولة الإسلامية” رسميًا", ["isis"]),
        ("من عناصر كتائب حزب الله", ["kataib-hezbollah"]),
        ("تتبادل إسرائيل وحزب الله اللبناني إطلاق النار", ["israel", "hezbollah"]),
        ("ونقل معظم أفرادهم إلى إقليم كردستان العراق", ["kurdistan-region"]),
        ("داخل وحول المنطقة الخضراء في بغداد", ["green-zone", "baghdad"]),
        ("قوات بشار الأسد", ["bashar-al-assad"]),
        ("ككاتب في صحيفة واشنطن بوست", ["washington-post"]),
        ("يدرسها حاليا مجلس الأمن القومي الأمريكي", ["us-national-security-council"]),
    ],
)
def test_matcher_finds_names_with_clitics_and_variants(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A weak alias alone is not enough: "التحالف" is also the Saudi-led coalition in Yemen.
        ("أعلن التحالف أنه أوقف مهام التدريب", []),
        ("أعلن التحالف الدولي ضد داعش. وقال التحالف", ["international-coalition"] * 2),
        ("وقال الرئيس السوداني", []),  # "السوداني" alone: Sudanese, not al-Sudani
        ("محمد شياع السوداني. وقال السوداني", ["mohammed-shia-al-sudani"] * 2),
    ],
)
def test_weak_aliases_need_a_strong_mention(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


def test_records_count_mentions_and_keep_english_names() -> None:
    text = "نفى وزير الدفاع الأمريكي مارك إسبر وجود خطط. وقال إسبر إن بلاده"
    records = to_records(analyse(text, base()))
    esper = next(r for r in records if r.id == "mark-esper")
    assert (esper.en, esper.mentions, esper.type, esper.en_source) == (
        "Mark Esper",
        2,
        "person",
        "gazetteer",
    )


def test_names_file_corrects_and_adds(tmp_path: Path) -> None:
    (tmp_path / "names.yml").write_text(
        "abd-al-amir:\n  type: person\n  ar: عبد الأمير يارالله\n  en: Abdul Amir Yarallah\n"
        "mark-esper:\n  en: Mark T. Esper\n",
        encoding="utf-8",
    )
    gazetteer = with_names_file(tmp_path)
    assert gazetteer.entries["mark-esper"].en == "Mark T. Esper"
    assert gazetteer.entries["mark-esper"].en_source == "editor"
    text = "التقى الفريق عبد الأمير يارالله بالسفير"
    assert [m.entity for m in find_mentions(text, gazetteer)] == ["abd-al-amir"]
    assert base().entries["mark-esper"].en == "Mark Esper"  # the base is untouched


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- a list\n", "must be a mapping of entity id to fields"),
        ("new-one:\n  ar: اسم\n", "entity 'new-one' lacks type, en"),
        ("new-one:\n  type: city\n  ar: اسم\n  en: Name\n", "has type 'city'"),
    ],
)
def test_names_file_errors_name_the_file_and_key(
    tmp_path: Path, content: str, message: str
) -> None:
    (tmp_path / "names.yml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        with_names_file(tmp_path)
    assert "names.yml" in str(info.value)


def test_no_names_file_means_the_base_gazetteer(tmp_path: Path) -> None:
    assert with_names_file(tmp_path) is base()
