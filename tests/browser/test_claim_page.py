"""The claim page in headless Chromium: the screenshot shows the chart, the DOM the evidence."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipeline.core.chart import BAND_FILL, source_colours
from pipeline.core.pages import claim_page
from tests.browser.chromium import dump_dom, page_errors, screenshot
from tests.browser.png import pixel_counts
from tests.page_data import SENTENCES, make_history

pytestmark = pytest.mark.browser

#: Page background and card/table white: everything else is ink, chart or badge.
_BLANK = {(255, 255, 255), (246, 247, 249)}
#: A point is a 5 px radius circle (about 78 px, less its white rim and antialiased edge).
_POINT_PIXELS = 30


def rgb(colour: str) -> tuple[int, int, int]:
    value = int(colour.lstrip("#"), 16)
    return (value >> 16, (value >> 8) & 0xFF, value & 0xFF)


@pytest.fixture
def claim_file(tmp_path: Path) -> str:
    page = tmp_path / "claim.html"
    page.write_text(claim_page(make_history()), encoding="utf-8")
    return page.as_uri()


def test_claim_page_screenshot_shows_band_points_and_text(claim_file: str, tmp_path: Path
                                                         ) -> None:
    width, height, counts = pixel_counts(screenshot(claim_file, tmp_path))
    assert (width, height) == (1000, 800)
    total = width * height
    drawn = total - sum(counts[c] for c in _BLANK)
    assert drawn > 0.08 * total, f"only {drawn / total:.1%} of the screenshot is not blank"
    # The band is a 10,000–12,000 range for two days: a large solid area.
    assert counts[rgb(BAND_FILL)] > 10_000, "the consensus band is missing"
    colours = source_colours(make_history())
    for source in ("Reuters", "Yonhap", "AP"):
        assert counts[rgb(colours[source])] > _POINT_PIXELS, f"no {source} point"
    # Text was drawn with a real font: many distinct grey levels from antialiasing.
    assert len(counts) > 200


def test_claim_page_dom_has_every_evidence_sentence(claim_file: str, tmp_path: Path) -> None:
    dom, log = dump_dom(claim_file, tmp_path)
    assert page_errors(log) == []
    assert "<svg" in dom
    cells = re.findall(r'<td class="evidence">(.*?)</td>', dom, re.DOTALL)
    assert [html.unescape(cell) for cell in cells] == list(SENTENCES)
    assert dom.count("</title></circle>") == 3  # the points; the legend's have no title
