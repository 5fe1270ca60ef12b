"""``--baseline review.xlsx``: a review workbook (``--format xlsx``) read back, so the
columns reviewers filled in (status, reviewer, note) follow their findings into the
next run. A finding is matched by its fingerprint (rule, document id, matched text;
engine/fingerprint.py), never by offset, so edits elsewhere in a note keep the match.
A waived finding is reported as waived and costs neither the exit code nor the score."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.errors import InputError
from ..core.messages import all_catalogues
from ..document.batch import library_rows, open_workbook
from ..engine.diagnostics import FileResult
from ..output.xlsx import FINDING_COLUMNS, REVIEW_COLUMNS, STATUSES

MAX_ROWS = 1_000_000  # review rows read at most


def _labels(prefix: str, keys: tuple[str, ...]) -> dict[str, str]:
    """What each key is called in any locale (casefolded), and the key itself."""
    found = {k.casefold(): k for k in keys}
    for cat in all_catalogues().values():
        for key in keys:
            found.setdefault(cat.text(f"{prefix}{key}").strip().casefold(), key)
    return found


@dataclass
class Baseline:
    path: str
    reviews: dict[str, dict[str, str]] = field(default_factory=dict)  # fingerprint -> review
    used: int = 0

    @classmethod
    def read(cls, path: str, warn: Callable[[str], None] | None = None) -> Baseline:
        book, source = open_workbook(path, None)
        try:
            headers = _labels("review_", FINDING_COLUMNS)
            statuses = _labels("status_", STATUSES)
            for sheet in book.worksheets:
                rows = library_rows(sheet.iter_rows(values_only=True), path)
                header = next(rows, None) or ()
                columns = {headers.get(str(h).strip().casefold()): i for i, h in enumerate(header) if h}
                if "fingerprint" in columns:
                    return cls(path, _reviews(rows, columns, statuses, path, warn))
        finally:
            book.close()
            source.close()
        raise InputError("not a review workbook: no sheet has a fingerprint column (write one with "
                         "--format xlsx -o FILE.xlsx)", path)  # fmt: skip

    def apply(self, result: FileResult) -> None:
        """Give each finding of ``result`` its reviewer's columns, when the sheet has them."""
        for d in result.diagnostics:
            review = self.reviews.get(d.fingerprint(result.path))
            if review is not None:
                d.review = dict(review)
                self.used += 1


def _reviews(rows, columns, statuses, path, warn) -> dict[str, dict[str, str]]:
    reviews: dict[str, dict[str, str]] = {}
    unknown: set[str] = set()

    def get(values, key: str) -> str:
        index = columns.get(key)
        value = values[index] if index is not None and index < len(values) else None
        return "" if value is None else " ".join(str(value).split())

    for number, values in enumerate(rows, 2):
        if number > MAX_ROWS:
            raise InputError(f"the review sheet has more than {MAX_ROWS:,} rows", path)
        fingerprint = get(values, "fingerprint")
        if not fingerprint:
            continue
        written = get(values, "status")
        status = statuses.get(written.casefold(), "open") if written else "open"
        if written and written.casefold() not in statuses and written not in unknown:
            unknown.add(written)
            if warn:
                choices = ", ".join(STATUSES)
                warn(f"{path}: row {number}: status '{written}' is not one of {choices}; read as open")
        review = {"status": status, **{k: get(values, k) for k in REVIEW_COLUMNS if k != "status"}}
        if status != "open" or review["reviewer"] or review["note"]:
            reviews.setdefault(fingerprint, review)
    return reviews
