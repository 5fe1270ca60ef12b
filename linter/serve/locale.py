"""The workspace's language: ``?lang=`` (remembered in a cookie), else the cookie, else
the browser's Accept-Language; zh-CN or en. UI strings are ``serve_*`` keys of
``locales/*/ui.yaml``."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.messages import catalogue
from ..core.vocabulary import LOCALES

COOKIE = "xhslint_locale"


def choose(query: Mapping[str, str], cookies: Mapping[str, str], accept_language: str) -> str:
    for value in (query.get("lang"), cookies.get(COOKIE)):
        if value in LOCALES:
            return value
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return "zh-CN"
        if tag.startswith("en"):
            return "en"
    return "en"


class Texts:
    """``t("serve_check")`` in a template: the locale's text for a key."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.cat = catalogue(locale)

    def __call__(self, key: str, **params) -> str:
        return self.cat.text(key, **params)

    def label(self, vocabulary: str, value: str) -> str:
        return self.cat.label(vocabulary, value)
