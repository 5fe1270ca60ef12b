"""The "add this word to the brand terms" code action: the nearest config's ``brand_terms``
list gets the word, the rest of the file kept as written (tomlkit keeps comments, order and
formatting; a setup.cfg is edited as lines). Without a config, a ``.xhslint.toml`` is created
in the workspace folder. The server sends the change as a workspace edit, so the editor applies
it (undoable, and onto the buffer if the config is open)."""

from __future__ import annotations

import re
from pathlib import Path

from ..core.errors import ConfigError


def config_target(config_path: str | None, folder: str) -> Path:
    """The file that gets the word: the discovered config, else a new ``.xhslint.toml``."""
    return Path(config_path) if config_path else Path(folder) / ".xhslint.toml"


def add_brand_term(path: Path, before: str, word: str) -> str:
    """``before`` (the text of the config at ``path``) with ``word`` in its ``brand_terms``."""
    word = word.strip()
    if not word:
        raise ConfigError("no word to add", str(path))
    if path.suffix in (".cfg", ".ini"):
        after = _setup_cfg(before, word, str(path))
    else:
        after = _toml(before, word, ("tool", "xhslint") if path.name == "pyproject.toml" else (), str(path))
    return after


def minimal_change(before: str, after: str) -> tuple[int, int, str]:
    """``(start, end, text)``: replacing ``before[start:end]`` by ``text`` gives ``after``."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while end_before > start and end_after > start and before[end_before - 1] == after[end_after - 1]:
        end_before -= 1
        end_after -= 1
    return start, end_before, after[start:end_after]


def _toml(text: str, word: str, table: tuple[str, ...], where: str) -> str:
    import tomlkit

    try:
        document = tomlkit.parse(text)
    except Exception as exc:  # tomlkit's parse errors have no common base worth naming
        raise ConfigError(f"cannot read the config to add a brand term: {exc}", where) from None
    section = document
    for name in table:
        if name not in section:
            section[name] = tomlkit.table(is_super_table=name != table[-1])
        section = section[name]
    terms = section.get("brand_terms")
    if terms is None:
        terms = tomlkit.array()
        section["brand_terms"] = terms
    elif not isinstance(terms, list):
        raise ConfigError("'brand_terms' must be a list to add a word to it", where)
    if word not in terms:
        terms.append(word)
    return tomlkit.dumps(document)


_SECTION = re.compile(r"^\s*\[xhslint\]\s*$", re.M)
_NEXT = re.compile(r"^\s*\[", re.M)


def _setup_cfg(text: str, word: str, where: str) -> str:
    section = _SECTION.search(text)
    if section is None:
        return (
            text + ("" if text.endswith("\n") or not text else "\n") + f"\n[xhslint]\nbrand_terms = {word}\n"
        )
    following = _NEXT.search(text, section.end())
    end = following.start() if following else len(text)
    body = text[section.end() : end]
    match = re.search(r"^(brand_terms\s*=)(.*(?:\n[ \t]+.*)*)", body, re.M)
    if match is None:
        return text[: section.end()] + f"\nbrand_terms = {word}" + text[section.end() :]
    existing = [w.strip() for w in re.split(r"[,\n]", match.group(2)) if w.strip()]
    if word in existing:
        return text
    insert_at = section.end() + match.end()
    return text[:insert_at] + f", {word}" + text[insert_at:]
