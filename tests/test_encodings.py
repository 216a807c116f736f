"""Encodings: every accepted one decodes exactly; every rejection names the file's problem."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from generator.encodings import declared_charset, decode, mojibake
from generator.errors import InputError

PATH = Path("articles/a.txt")
AR = (
    "نفى وزير الدفاع الأمريكي مارك إسبر مساء أمس الاثنين وجود خطط لانسحاب القوات الأمريكية "
    "من العراق.\n"
)
SHORT = "قال الوزير إن الحكومة ستدرس الخطة.\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(AR.encode("utf-8"), AR, "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + AR.encode("utf-8"), AR, "utf-8", id="utf-8-bom"),
        pytest.param(AR.encode("utf-16"), AR, "utf-16", id="utf-16-bom-native"),
        pytest.param(codecs.BOM_UTF16_LE + AR.encode("utf-16-le"), AR, "utf-16", id="utf-16-le"),
        pytest.param(codecs.BOM_UTF16_BE + AR.encode("utf-16-be"), AR, "utf-16", id="utf-16-be"),
        pytest.param(AR.encode("utf-32"), AR, "utf-32", id="utf-32-bom"),
        pytest.param(AR.encode("cp1256"), AR, "cp1256", id="windows-1256"),
        pytest.param(SHORT.encode("cp1256"), SHORT, "cp1256", id="windows-1256-one-sentence"),
        pytest.param(
            ("CH-47 و AH-64: " + AR).encode("cp1256"),
            "CH-47 و AH-64: " + AR,
            "cp1256",
            id="windows-1256-mixed-latin",
        ),
        pytest.param(b"plain ASCII news text.\n", "plain ASCII news text.\n", "utf-8", id="ascii"),
    ],
)
def test_accepted_encodings_decode_exactly(data: bytes, text: str, encoding: str) -> None:
    assert decode(PATH, data) == (text, encoding)


def _damaged_utf8() -> bytes:
    data = bytearray((AR * 3).encode("utf-8"))
    data[40] = 0xFF
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            "Le président a déclaré que la réforme était nécessaire.".encode("latin-1"),
            "is not UTF-8 (byte 0xE9 on line 1) and not confidently Windows-1256; "
            "save it as UTF-8 and retry",
            id="latin-1-french",
        ),
        pytest.param(
            _damaged_utf8(),
            "is UTF-8 with 2 invalid byte sequence(s), the first on line 1: the file was "
            "damaged or cut short; re-save it as UTF-8",
            id="damaged-utf-8",
        ),
        pytest.param(
            codecs.BOM_UTF8 + b"\xd9\x86\xff\n",
            "starts with a UTF-8 byte-order mark but is not valid UTF-8 (invalid start "
            "byte at line 1)",
            id="bom-then-invalid",
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + b"\x46\x06\x41",
            "starts with a UTF-16 byte-order mark but is not valid UTF-16 (truncated "
            "data at line 1)",
            id="utf-16-cut-short",
        ),
        pytest.param(
            ("قال الوزير \ufffd\ufffd إن الحكومة.\n" * 2).encode("utf-8"),
            "contains 4 U+FFFD replacement character(s) (first on line 1): the text was "
            "damaged before it was saved; re-save it from the source",
            id="replacement",
        ),
        pytest.param(
            AR.encode("utf-8").decode("cp1256").encode("utf-8"),
            "looks like mojibake (UTF-8 Arabic read as Windows-1256 and saved again); "
            "re-save it from the source as UTF-8",
            id="mojibake-1256",
        ),
        pytest.param(
            AR.encode("utf-8")
            .decode("cp1252", errors="replace")
            .replace("\ufffd", "")
            .encode("utf-8"),
            "looks like mojibake (UTF-8 Arabic read as Windows-1252 and saved again); "
            "re-save it from the source as UTF-8",
            id="mojibake-1252",
        ),
    ],
)
def test_rejected_bytes_name_the_problem(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as error:
        decode(PATH, data)
    assert error.value.message == message
    assert error.value.path == PATH


def test_html_that_declares_windows_1256_is_decoded_with_it() -> None:
    page = f'<html><head><meta charset="windows-1256"></head><body><p>{AR}</p></body></html>'
    assert decode(PATH, page.encode("cp1256"), html=True) == (page, "cp1256")


def test_declared_windows_1256_that_is_not_arabic_is_refused() -> None:
    page = '<meta charset="windows-1256"><p>Le président a déclaré.</p>'.encode("latin-1")
    with pytest.raises(InputError) as error:
        decode(PATH, page, html=True)
    assert error.value.message == (
        "the page declares windows-1256, but decoded that way it is not Arabic text; "
        "save it as UTF-8"
    )


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="windows-1256">', "windows-1256"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=UTF-8'>", "utf-8"),
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_charset(head: bytes, charset: str | None) -> None:
    assert declared_charset(head) == charset


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        (AR, None),
        ("ط§ظ„ط¯ظپط§ط¹ ط§ظ„ط£ظ…ط±ظٹظƒظٹط© طھظ†ظپظٹ ظˆط¬ظˆط¯ ط®ط·ط·", "Windows-1256"),
        ("Ø§Ù„Ø¯Ù�Ø§Ø¹ Ø§Ù„Ø£Ù…Ø±ÙŠÙƒÙŠØ© ØªÙ†Ù�ÙŠ ÙˆØ¬ÙˆØ¯", "Windows-1252"),
        ("ضبط الحدود وضبط النفس والظروف الطارئة", None),  # ض/ظ-rich but real Arabic
    ],
)
def test_mojibake(text: str, garbled: str | None) -> None:
    assert mojibake(text) == garbled
