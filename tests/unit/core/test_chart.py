"""Claim chart: well-formed SVG, one point per valued report, hover text, band, edge cases."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from pipeline.core.chart import BAND_FILL, claim_chart_svg, source_colours
from tests.page_data import DAY, SENTENCES, T0, make_history, make_report

SVG = "{http://www.w3.org/2000/svg}"


def parse(history: dict) -> ET.Element:
    root = ET.fromstring(claim_chart_svg(history))  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    return root


def circles(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}g[@class='reports']/{SVG}circle")


def test_claim_chart_has_one_point_per_report_with_a_value() -> None:
    history = make_history()
    valued = [r for r in history["timeline"] if r["low"] is not None]
    assert len(circles(parse(history))) == len(valued) == 3


def test_claim_chart_hover_titles_give_date_value_source_and_sentence() -> None:
    titles = [c.find(f"{SVG}title").text for c in circles(parse(make_history()))]
    for title, sentence in zip(titles, SENTENCES[:3], strict=True):
        assert sentence in title
    assert titles[0].startswith("2026-11-02 08:00 UTC\n10,000–12,000\nReuters, per KCNA\n")


def test_claim_chart_points_take_their_source_colour() -> None:
    history = make_history()
    colours = source_colours(history)
    fills = [c.get("fill") for c in circles(parse(history))]
    assert fills == [colours["Reuters"], colours["Yonhap"], colours["AP"]]
    assert len(set(colours.values())) == len(colours) == 4


def test_claim_chart_band_is_a_step_polygon_over_the_consensus() -> None:
    root = parse(make_history())
    (band,) = root.findall(f".//{SVG}polygon[@class='band']")
    assert band.get("fill") == BAND_FILL
    corners = [tuple(map(float, p.split(","))) for p in band.get("points").split()]
    # It steps at the revision: a 10,000–12,000 range, then the single value 11,000.
    assert len({y for _, y in corners}) == 3
    assert len({x for x, _ in corners}) >= 3


def test_claim_chart_range_report_gets_a_vertical_bar() -> None:
    root = parse(make_history())
    (bar,) = root.findall(f".//{SVG}line[@class='range']")
    assert bar.get("x1") == bar.get("x2")
    assert float(bar.get("y1")) > float(bar.get("y2"))


def test_claim_chart_escapes_markup_in_sentences() -> None:
    evil = 'Troops <script>alert("x")</script> & more arrived, "officials" said.'
    history = make_history([make_report(T0, 500.0, 500.0, sentence=evil, source="<b>Wire</b>")])
    svg = claim_chart_svg(history)
    assert "<script>" not in svg
    assert "<b>" not in svg
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert evil in circles(root)[0].find(f"{SVG}title").text
    assert "<b>Wire</b>" in [t.text for t in root.iter(f"{SVG}text")]


def test_claim_chart_control_characters_keep_the_svg_well_formed() -> None:
    history = make_history([make_report(T0, 500.0, 500.0, sentence="Troops\x0b arrived\x00.")])
    assert "Troops arrived." in circles(parse(history))[0].find(f"{SVG}title").text


def test_claim_chart_one_report() -> None:
    root = parse(make_history([make_report(T0, 11_000.0, 11_000.0)]))
    assert len(circles(root)) == 1
    assert root.findall(f".//{SVG}polygon[@class='band']")
    ticks = [t.text for t in root.findall(f".//{SVG}g[@class='x-axis']/{SVG}text")]
    assert ticks
    assert all(t.startswith("11-0") for t in ticks)  # hours around 2026-11-02


def test_claim_chart_all_values_equal_still_has_a_value_scale() -> None:
    history = make_history([
        make_report(T0 + i * DAY, 11_000.0, 11_000.0, source=s) for i, s in enumerate("ABC")
    ])
    root = parse(history)
    labels = [t.text for t in root.findall(f".//{SVG}g[@class='y-axis']/{SVG}text")]
    assert len(labels) >= 3
    assert "11,000" in labels
    ys = {c.get("cy") for c in circles(root)}
    assert len(ys) == 1
    assert 14 < float(ys.pop()) < 250  # inside the plot, not on an edge


def test_claim_chart_vague_only_history_plots_no_point() -> None:
    history = make_history([
        make_report(T0, None, None, sentence=SENTENCES[3]),
        make_report(T0 + DAY, None, None, source="AP"),
    ])
    root = parse(history)
    assert circles(root) == []
    assert not root.findall(f".//{SVG}polygon[@class='band']")
    assert root.find(f".//{SVG}text[@class='no-values']") is not None


def test_claim_chart_leaves_vague_reports_out_but_keeps_their_source_in_the_legend() -> None:
    root = parse(make_history())
    legend = [t.text for t in root.findall(f".//{SVG}g[@class='legend']/{SVG}text")]
    assert legend == ["Consensus range", "Reuters", "Yonhap", "AP", "BBC"]


def test_claim_chart_x_axis_dates_come_from_the_data() -> None:
    root = parse(make_history())
    ticks = [t.text for t in root.findall(f".//{SVG}g[@class='x-axis']/{SVG}text")]
    assert ticks[0] == "2026-11-03"
    assert ticks[-1] == "2026-11-07"


@pytest.mark.parametrize("count", [1, 9, 20])
def test_claim_chart_legend_wraps_many_sources(count: int) -> None:
    history = make_history([
        make_report(T0 + i * 3600, 100.0 + i, 100.0 + i, source=f"Source number {i}")
        for i in range(count)
    ])
    root = parse(history)
    assert len(circles(root)) == count
    for node in root.findall(f".//{SVG}g[@class='legend']/{SVG}text"):
        assert 0 < float(node.get("y")) <= 320


def test_claim_chart_without_a_band_has_no_band_in_the_legend() -> None:
    root = parse(make_history([make_report(T0, None, None, source="AP")]))
    legend = [t.text for t in root.findall(f".//{SVG}g[@class='legend']/{SVG}text")]
    assert legend == ["AP"]


def test_claim_chart_empty_timeline_has_no_dates() -> None:
    history = make_history()
    history["timeline"] = []
    root = parse(history)
    assert root.findall(f".//{SVG}g[@class='x-axis']") == []
    assert circles(root) == []
