from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator.model import PublishedDate


def test_unquoted_yaml_date_is_accepted_as_text() -> None:
    published = PublishedDate(
        value=dt.date(2020, 1, 7), precision="day", confidence="high", source="dateline"
    )
    assert published.value == "2020-01-07"


@pytest.mark.parametrize("value", ["2020", "2024-09", "2020-01-07"])
def test_dates_at_each_precision(value: str) -> None:
    assert PublishedDate(value=value, precision="day", confidence="low", source="x").value == value


@pytest.mark.parametrize("value", ["7 Jan", "2020/01/07", "20-01-07", ""])
def test_malformed_dates_are_rejected(value: str) -> None:
    with pytest.raises(ValidationError):
        PublishedDate(value=value, precision="day", confidence="low", source="x")
