"""The shared corpus as the accuracy benchmark sees it: one document per row.

Labels in ``benchmarks/accuracy/`` point into these documents by source,
row and character offsets, so the way a row becomes a document is fixed
here, once, and used by the benchmark and the labelling tools alike:

- ``xhs_notes``: ``title`` and ``content`` of each line of
  ``xhs_notes.jsonl``, as a batch row (the title is line 1, the body follows;
  an empty title means no title), linted as copy;
- ``ecommerce``: ``copy`` of ``ecommerce_copy_advertisegen.jsonl``, a body
  with no title, linted as copy;
- ``briefs``: ``text`` of ``brief_excerpts.jsonl``, no title, linted as brief;
- ``written``: the texts in ``benchmarks/accuracy/written/notes.yaml``, written
  for this set (not corpus text) where the corpus has too few cases: each with
  its own ``kind`` and ``title``.

Rows are 1-based line numbers (for ``written``, positions in the list). The
corpus is only read, never copied.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"
WRITTEN = Path(__file__).resolve().parent / "accuracy" / "written" / "notes.yaml"

# source -> (file, title field, text field, kind)
SOURCES = {
    "xhs_notes": ("xhs_notes.jsonl", "title", "content", "copy"),
    "ecommerce": ("ecommerce_copy_advertisegen.jsonl", None, "copy", "copy"),
    "briefs": ("brief_excerpts.jsonl", None, "text", "brief"),
}


@dataclass(frozen=True)
class CorpusRow:
    source: str
    row: int
    title: str
    body: str
    kind: str

    @property
    def key(self) -> str:
        return f"{self.source}#{self.row}"

    def item(self) -> dict:
        """The row as a ``lint_many`` item (a batch row)."""
        return {"id": self.key, "title": self.title, "content": self.body, "kind": self.kind}

    @property
    def text(self) -> str:
        """The linted document's text (offsets in labels index into it)."""
        from xhslint.linter.document.batch import note_document

        return note_document(self.key, self.title, self.body).text


def available(corpus_dir: Path = CORPUS_DIR) -> bool:
    return all((corpus_dir / spec[0]).is_file() for spec in SOURCES.values())


def rows(
    corpus_dir: Path = CORPUS_DIR, sources: tuple[str, ...] = (*SOURCES, "written")
) -> Iterator[CorpusRow]:
    for source in sources:
        if source == "written":
            yield from written_rows()
            continue
        name, title_field, text_field, kind = SOURCES[source]
        with open(corpus_dir / name, encoding="utf-8") as stream:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                record = json.loads(line)
                title = (record.get(title_field) or "") if title_field else ""
                yield CorpusRow(source, number, title, record.get(text_field) or "", kind)


def written_rows(path: Path = WRITTEN) -> Iterator[CorpusRow]:
    import yaml

    if not path.is_file():
        return
    with open(path, encoding="utf-8") as stream:
        records = yaml.safe_load(stream) or []
    for number, record in enumerate(records, 1):
        yield CorpusRow(
            "written", number, record.get("title") or "", record["body"], record.get("kind", "copy")
        )


def span_hash(text: str) -> str:
    """A short fingerprint of a labelled span: detects drift without storing the text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
