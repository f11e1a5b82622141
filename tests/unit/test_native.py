"""The compiled extractor is loaded only from a build checked against these very sources."""

from __future__ import annotations

import pipeline.core
from pipeline import native


def _core(tmp_path, files):
    core = tmp_path / "core"
    core.mkdir()
    for name, text in files.items():
        (core / name).write_text(text)
    return core


def test_digest_changes_with_any_module_and_only_then(tmp_path):
    core = _core(tmp_path, {"extraction.py": "A = 1\n", "models.py": "B = 2\n"})
    first = native.sources_digest(core)
    assert native.sources_digest(core) == first
    (core / "models.py").write_text("B = 3\n")
    changed = native.sources_digest(core)
    assert changed != first
    (core / "new.py").write_text("")
    assert native.sources_digest(core) not in (first, changed)


def _point_at(monkeypatch, tmp_path, stamp_text):
    core = _core(tmp_path, {"extraction.py": "A = 1\n"})
    built = tmp_path / "native"
    built.mkdir()
    (built / "SOURCES.sha256").write_text(stamp_text(core))
    monkeypatch.setattr(native, "CORE", core)
    monkeypatch.setattr(native, "NATIVE_CORE", built)
    monkeypatch.setattr(native, "STAMP", built / "SOURCES.sha256")
    monkeypatch.delenv("FIGUREWATCH_PURE", raising=False)
    # (a copy of the package path, restored after the test)
    monkeypatch.setattr(pipeline.core, "__path__", list(pipeline.core.__path__))
    return built


def test_a_build_of_these_sources_goes_first_on_the_package_path(monkeypatch, tmp_path):
    built = _point_at(monkeypatch, tmp_path, lambda core: native.sources_digest(core) + "\n")
    assert native.activate() is True
    assert pipeline.core.__path__[0] == str(built)
    assert native.active()
    assert native.activate() is True  # twice: the folder is not added again
    assert pipeline.core.__path__.count(str(built)) == 1


def test_a_stale_build_is_not_loaded_and_says_so(monkeypatch, tmp_path, capsys):
    built = _point_at(monkeypatch, tmp_path, lambda core: "0" * 64 + "\n")
    assert native.activate() is False
    assert str(built) not in pipeline.core.__path__
    assert "make native" in capsys.readouterr().err


def test_figurewatch_pure_keeps_the_interpreted_modules(monkeypatch, tmp_path):
    built = _point_at(monkeypatch, tmp_path, lambda core: native.sources_digest(core))
    monkeypatch.setenv("FIGUREWATCH_PURE", "1")
    assert native.activate() is False
    assert str(built) not in pipeline.core.__path__


def test_no_build_no_change(monkeypatch, tmp_path):
    monkeypatch.setattr(native, "STAMP", tmp_path / "missing" / "SOURCES.sha256")
    monkeypatch.delenv("FIGUREWATCH_PURE", raising=False)
    before = list(pipeline.core.__path__)
    assert native.activate() is False
    assert list(pipeline.core.__path__) == before


def test_the_build_is_checked_on_every_eval_passage_and_its_variants():
    texts = native.check_texts()
    passages = sum(
        1 for path in (native.ROOT / "eval").glob("*.jsonl")
        for line in path.read_text().splitlines() if line.strip()
    )
    assert len(texts) % 4 == 0
    assert len(texts) // 4 > passages  # the seeds come on top
    base = texts[: len(texts) // 4]
    assert texts[len(base)] == base[0].lower()
    assert any("\n" in t for t in texts[3 * len(base):])
