"""The extractor compiled with mypyc: an opt-in build of the same pure-Python sources.

`make native` (`pipeline.native.build()`) compiles the extraction modules of
`pipeline/core` (`COMPILED`) with mypyc into `build/native/`, then extracts the eval passages,
the seeds and variants of them (lower case, curly quotes, line breaks) with both the compiled
and the interpreted modules, and records a digest of the sources only when the two outputs
are byte-identical. The compiled modules run ~1.35x faster (bench/extract.py prints which ran).

`activate()`, called when `pipeline` is imported, puts `build/native/pipeline/core` first on
`pipeline.core.__path__` only when that digest matches every `pipeline/core/*.py` as it is
now: after an edit the interpreted modules run (with one line on stderr) until the next
build, so a stale build never runs. ``FIGUREWATCH_PURE=1`` always runs the interpreted ones.
The build needs a C compiler and Python's headers; without them it fails with the compiler's
message and nothing changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "pipeline" / "core"
BUILD = ROOT / "build" / "native"
NATIVE_CORE = BUILD / "pipeline" / "core"
STAMP = NATIVE_CORE / "SOURCES.sha256"

#: The modules compiled: the extractor and what it calls per article. `models` stays
#: interpreted (its slot filler switches an instance's class, which compiled classes forbid).
COMPILED = ("vocabulary", "numbers", "sentences", "gazetteer", "attribution", "extraction")


def sources_digest(core: Path | None = None) -> str:
    """SHA-256 over the names and contents of every module of `core` (`CORE` by default)."""
    digest = hashlib.sha256()
    for path in sorted((core or CORE).glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def active() -> bool:
    """Whether the compiled extractor is the one `pipeline.core.extraction` loads."""
    return str(NATIVE_CORE) in getattr(sys.modules.get("pipeline.core"), "__path__", ())


def activate() -> bool:
    """Load the compiled modules from now on, if a checked build of these sources exists."""
    if os.environ.get("FIGUREWATCH_PURE") or not STAMP.is_file():
        return False
    if STAMP.read_text().strip() != sources_digest():
        print("figurewatch: build/native was compiled from other pipeline/core sources; "
              "running the interpreted extractor (`make native` rebuilds it)", file=sys.stderr)
        return False
    load_build()
    return True


def load_build() -> None:
    """Put build/native first on `pipeline.core.__path__`, unchecked (`activate` checks)."""
    import pipeline.core

    if str(NATIVE_CORE) not in pipeline.core.__path__:
        pipeline.core.__path__.insert(0, str(NATIVE_CORE))


def build() -> None:
    """Compile `COMPILED` into build/native, check it against the interpreted modules, stamp it."""
    digest = sources_digest()
    shutil.rmtree(BUILD, ignore_errors=True)
    src = BUILD / "src"
    (src / "pipeline" / "core").mkdir(parents=True)
    (src / "pipeline" / "__init__.py").write_text("")
    for path in CORE.glob("*.py"):  # all of core, so that mypy sees the types it imports
        shutil.copy2(path, src / "pipeline" / "core" / path.name)
    targets = [f"pipeline/core/{name}.py" for name in COMPILED]
    (src / "setup.py").write_text(_SETUP.format(targets=targets))
    (src / "mypy.ini").write_text(_MYPY_INI)
    subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=src, check=True)
    NATIVE_CORE.mkdir(parents=True)
    for lib in (src / "pipeline" / "core").glob("*.so"):
        shutil.move(str(lib), NATIVE_CORE / lib.name)
    shutil.rmtree(src)
    missing = [n for n in COMPILED if not list(NATIVE_CORE.glob(f"{n}.*.so"))]
    if missing:
        raise SystemExit(f"mypyc built no extension for {', '.join(missing)}")
    compiled, interpreted = _extract_all(native=True), _extract_all(native=False)
    if compiled != interpreted:
        raise SystemExit("the compiled extractor's output differs from the interpreted one's; "
                         "build/native is left unstamped and will not be loaded")
    STAMP.write_text(digest + "\n")
    print(f"compiled {len(COMPILED)} modules into {NATIVE_CORE.relative_to(ROOT)}; output "
          f"identical to the interpreted extractor on {compiled.count(chr(10))} texts")


#: mypyc's own command line, with the library the modules share named inside the package
#: (it is a top-level module by default, which `pipeline.core.__path__` would not reach).
_SETUP = """
from setuptools import setup
from mypyc.build import mypycify

setup(name="figurewatch-native", ext_modules=mypycify({targets!r}, opt_level="3",
      group_name="pipeline.core._native"))
"""


#: The modules that stay interpreted are type-checked for what the compiled ones import
#: from them, not compiled, so their own errors (models' slot filler) do not stop the build.
_MYPY_INI = """
[mypy]
[mypy-pipeline.core.*]
ignore_errors = True
""" + "".join(f"[mypy-pipeline.core.{name}]\nignore_errors = False\n" for name in COMPILED)


#: Run in a fresh interpreter: extracts every check text with the compiled or interpreted
#: modules (argv[1] == "native" or not) and prints one JSON line of figures per text.
_CHECK = r"""
import json, sys
from pipeline import native
if sys.argv[1] == "native":
    native.load_build()
from pipeline.core import extraction
assert extraction.__file__.endswith(".so") == (sys.argv[1] == "native"), extraction.__file__
for text in native.check_texts():
    print(json.dumps([f.to_dict() for f in extraction.extract_figures(text)]))
"""


def _extract_all(native: bool) -> str:
    env = {**os.environ, "FIGUREWATCH_PURE": "1", "PYTHONPATH": str(ROOT)}
    mode = "native" if native else "pure"
    return subprocess.run([sys.executable, "-c", _CHECK, mode], env=env, check=True,  # noqa: S603
                          stdout=subprocess.PIPE, text=True).stdout


def check_texts() -> list[str]:
    """The eval passages and the seed articles' bodies as the extract stage reads them, each
    also lower-cased, with curly quotes and with a line break after each sentence."""
    import json

    from pipeline.adapters.sources.files import RawRecord, read_records
    from pipeline.core.articles import parse_article

    texts = []
    for path in sorted((ROOT / "eval").glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                texts.append(json.loads(line).get("text", ""))
    for record in read_records([ROOT / "seeds"]):
        if isinstance(record, RawRecord):
            texts.append(parse_article(record.value, max_bytes=len(record.value)).body)
    variants = []
    for text in texts:
        variants += [text.lower(), text.replace("'", "\u2019").replace('"', "\u201c"),
                     text.replace(". ", ".\n")]
    return texts + variants


