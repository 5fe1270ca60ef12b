"""Heavy dependencies load only when a document needs them.

Each check runs in a fresh interpreter (``sys.executable -c``) because this
test process has long since imported everything. The child prints which
modules ended up in ``sys.modules``; the assertions live here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# the last two: importing the command line starts no pool and writes no file
HEAVY = ("jieba", "spacy", "jsonschema", "ahocorasick", "multiprocessing", "tempfile")

ZH_ONLY = "夏天必备的清爽防晒\n最近入手了这款防晒霜，质地很轻薄，上脸不油腻。\n姐妹们冲，全网最低价！\n"
EN_ONLY = (
    "My summer sunscreen pick\n"
    "I have been using this sunscreen for two weeks. It feels light and leaves no white cast.\n"
    "Honestly the best one I have tried, grab it now!\n"
)

REPORT = f"""
import json, sys
print(json.dumps({{name: name in sys.modules for name in {HEAVY!r}}}))
"""


def _modules_after(code: str, cwd: Path, *args: str) -> dict[str, bool]:
    """Run ``code`` then report which heavy modules are imported."""
    done = subprocess.run(
        [sys.executable, "-c", code + REPORT, *args],
        capture_output=True,
        text=True,
        cwd=cwd,  # not the repo root: nothing importable by accident from the working directory
        env=os.environ.copy(),  # conftest pins XHSLINT_SPACY_MODEL=blank unless set
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


LINT_TEXT = """
import sys
from xhslint import lint_text
result = lint_text(sys.argv[1])
assert result.language == sys.argv[2], result.language
"""

CLI_LINT = """
import sys
from xhslint.cli import main
try:
    main(["lint", "--exit-zero", sys.argv[1]])
except SystemExit as exit:
    assert exit.code == 0, exit.code
"""


def test_cli_import_is_light(tmp_path):
    modules = _modules_after("import xhslint.cli", tmp_path)
    assert not [name for name in HEAVY if modules[name]], modules


def test_cli_help_is_light(tmp_path):
    code = "from xhslint.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    modules = _modules_after(code, tmp_path)
    assert not [name for name in HEAVY if modules[name]], modules


def test_chinese_text_does_not_import_spacy(tmp_path):
    modules = _modules_after(LINT_TEXT, tmp_path, ZH_ONLY, "zh")
    assert modules["jieba"], "sanity: a Chinese text is segmented with jieba"
    assert not modules["spacy"], "spaCy was imported to lint a Chinese-only text"


def test_english_text_does_not_import_jieba(tmp_path):
    modules = _modules_after(LINT_TEXT, tmp_path, EN_ONLY, "en")
    assert not modules["jieba"], "jieba was imported to lint an English-only text"
    # spaCy itself loads only to read its tokenizer's data once (tests/test_light_english.py)


@pytest.mark.parametrize(
    ("text", "loaded", "not_loaded"),
    [(ZH_ONLY, "jieba", "spacy"), (EN_ONLY, None, "jieba")],
    ids=["zh", "en"],
)
def test_cli_lint_loads_only_what_the_file_needs(tmp_path, text, loaded, not_loaded):
    note = tmp_path / "note.txt"
    note.write_text(text, encoding="utf-8")
    modules = _modules_after(CLI_LINT, tmp_path, str(note))
    assert loaded is None or modules[loaded], f"sanity: {loaded} should load for this note"
    assert not modules[not_loaded], f"{not_loaded} was imported by `xhslint lint` for this note"
    if not modules["spacy"]:  # (spaCy, read once for the English data, imports it itself)
        assert not modules["multiprocessing"], "one note starts no pool"


def test_a_warm_run_does_not_validate_the_rules(tmp_path, monkeypatch):
    """The second run reads the compiled rules from the cache: no jsonschema."""
    note = tmp_path / "note.txt"
    note.write_text(ZH_ONLY, encoding="utf-8")
    monkeypatch.setenv("XHSLINT_CACHE_DIR", str(tmp_path / "cache"))
    first = _modules_after(CLI_LINT, tmp_path, str(note))
    second = _modules_after(CLI_LINT, tmp_path, str(note))
    assert first["jsonschema"], "sanity: the first run validates and fills the cache"
    assert not second["jsonschema"], "the warm run validated the rules again"


def test_top_level_help_comes_from_the_cache_without_click(tmp_path):
    """``xhslint --help`` prints what click renders; after the first run, without importing click."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('CLICK', 'click' in sys.modules, file=sys.stderr))\n"
        "sys.argv = ['xhslint', *sys.argv[1:]]\n"
        "from xhslint import main\n"
        "main()\n"
    )
    env = {**os.environ, "XHSLINT_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "72"}
    env.pop("XHSLINT_NO_CACHE", None)

    def run(*args: str, **extra: str) -> tuple[str, str]:
        done = subprocess.run(
            [sys.executable, "-c", probe, *args],
            capture_output=True,
            text=True,
            env={**env, **extra},
            check=True,
        )
        return done.stdout, done.stderr

    rendered, first = run("--help", XHSLINT_NO_CACHE="1")
    assert "CLICK True" in first and "Usage: xhslint" in rendered
    assert run("--help")[0] == rendered  # stored
    cached, second = run("--help")
    assert cached == rendered and "CLICK False" in second
    assert run("-h")[0] == rendered
    narrow = run("--help", COLUMNS="50")[0]
    assert narrow != rendered and narrow == run("--help", COLUMNS="50", XHSLINT_NO_CACHE="1")[0]


def test_xhslint_distributed_loads_on_first_use_and_dask_later(tmp_path):
    """``xhslint.distributed`` is there by every import form, yet ``import xhslint`` loads none
    of it, and the module itself imports no Dask until a Dask function runs."""
    code = """
import json, sys
import xhslint
before = "xhslint.linter.distributed" in sys.modules
from xhslint import distributed
import xhslint.distributed as same
assert same is distributed is xhslint.distributed
rows = list(distributed.lint_partition(["全网最低价"]))
print(json.dumps({"before": before, "dask": "dask" in sys.modules, "rows": len(rows)}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env=os.environ.copy(), check=False, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"before": False, "dask": False, "rows": 1}
