"""Where brief templates and their data files live, bundled or user-supplied.

A user's ``--templates DIR`` mirrors ``brief_templates/``: a file there
(a vertical's template, a partial, a ``_data/*.yaml`` file or a starter)
replaces the bundled one of the same name; everything else falls back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.resources import PACKAGE_ROOT
from .errors import BriefError

TEMPLATES_DIR = PACKAGE_ROOT / "brief_templates"
SCHEMA_PATH = TEMPLATES_DIR / "brief.schema.json"
DEFAULT_BRIEF_LOCALE = "zh-CN"


def user_dir(templates: str | Path | None) -> Path | None:
    if templates is None:
        return None
    path = Path(templates)
    if not path.is_dir():
        raise BriefError("templates directory does not exist", str(path))
    return path


def find(relative: str, templates: Path | None = None) -> Path | None:
    """The user's file if it exists, else the bundled one, else None."""
    for root in (templates, TEMPLATES_DIR):
        if root is not None and (root / relative).is_file():
            return root / relative
    return None


def load_data(name: str, templates: Path | None = None) -> tuple[Any, Any, Path]:
    """A ``_data/<name>`` YAML file: (data, node tree, path)."""
    from ..core.yaml_source import load_yaml

    path = find(f"_data/{name}", templates)
    if path is None:
        raise BriefError(f"missing data file _data/{name}", str(TEMPLATES_DIR))
    data, node = load_yaml(path, BriefError)
    return data, node, path


def brief_locale(locale: str | None) -> str:
    from ..core.messages import normalise_locale

    return normalise_locale(locale) if locale else DEFAULT_BRIEF_LOCALE
