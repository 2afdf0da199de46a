"""The shell's footer: the data pack's credit once, in the page's language only."""

from __future__ import annotations

import pytest

from dashboard.app import footer_content
from dashboard.data import DashboardData
from geo.datapack import DATA_CREDIT


@pytest.mark.parametrize(
    ("lang", "starts", "absent"),
    [("id", "Batas & kode wilayah: ", "Boundaries"), ("en", "Boundaries & codes: ", "Batas")],
)
def test_the_footer_credits_the_data_once_in_one_language(lang: str, starts: str, absent: str) -> None:
    items = footer_content(DashboardData.__new__(DashboardData), None, lang)  # no reader: no demo check
    text = " ".join(str(item.children) for item in items)
    assert text.startswith(starts) and absent not in text
    assert text.count("cahyadsn/wilayah_boundaries") == 1
    if lang == "en":
        assert text == DATA_CREDIT  # the pack README's suggested line, verbatim
