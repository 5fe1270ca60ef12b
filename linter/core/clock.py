"""The date a report is stamped with: today, or the day of ``SOURCE_DATE_EPOCH`` when that is
set (the reproducible-builds convention), so a report made twice from the same input is the same
file byte for byte, in a pipeline or a golden test."""

from __future__ import annotations

import datetime
import os


def report_date() -> datetime.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
        except (OverflowError, OSError, ValueError):  # beyond what a date can hold: today
            pass
    return datetime.date.today()
