"""Where bundled data lives: the package root holds rules/, locales/ and
brief_templates/ (the repo root is installed as the ``xhslint`` package)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # linter/core/resources.py
RULES_DIR = PACKAGE_ROOT / "rules"
LOCALES_DIR = PACKAGE_ROOT / "locales"
SCHEMA_PATH = RULES_DIR / "schema.json"
