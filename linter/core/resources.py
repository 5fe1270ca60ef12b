"""Where bundled data lives: the package root holds rules/, locales/ and
brief_templates/ (the repo root is installed as the ``xhslint`` package)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # linter/core/resources.py
RULES_DIR = PACKAGE_ROOT / "rules"
LOCALES_DIR = PACKAGE_ROOT / "locales"
SCHEMA_PATH = RULES_DIR / "schema.json"


def cache_dir() -> Path | None:
    """The user cache directory (compiled rules, English tokenizer data), or None when
    caching is off (``XHSLINT_NO_CACHE=1``, or ``XHSLINT_CACHE_DIR`` set empty)."""
    if os.environ.get("XHSLINT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    configured = os.environ.get("XHSLINT_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "xhslint"
