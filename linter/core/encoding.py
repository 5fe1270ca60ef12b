"""Turn bytes into text without losing or inventing characters.

UTF-8 (with or without BOM) is the norm. Files from Chinese Windows tools are
often GB18030/GBK, and Excel or Notepad sometimes write UTF-16; those are
decoded when the evidence is good. Anything else is refused with a clear
error rather than guessed into mojibake.
"""

from __future__ import annotations

import codecs
import re

from .errors import InputError

MAX_BYTES = 5 * 1024 * 1024  # one note or brief; batches are streamed row by row

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Common CJK, ASCII, Latin-1 symbols (° ·), punctuation, arrows and dingbats,
# emoji and variation selectors: what real notes are made of.
_PLAUSIBLE = re.compile(
    "[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\x20-\x7e\t\r\n\u00a0-\u00ff"
    "\u2000-\u27bf\u2e80-\u2fdf\u3040-\u30ff\ufe00-\ufe0f\U0001f000-\U0001faff]"
)


_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_KANA = re.compile("[\u3040-\u30ff]")
# A guessed decoding whose Han characters are mostly rare is mojibake: Shift-JIS
# read as GB18030 gives 10% common characters, ASCII between NULs read as UTF-16
# about 35%; every shared-corpus note is over 97% (tests/test_encoding.py).
MIN_HAN_FOR_TEST = 8
MIN_COMMON_HAN = 0.75


def _common_han(char: str) -> bool:
    """In GB2312 (the 6,763 Simplified characters of everyday text) or among Big5's
    5,401 frequently used Traditional characters."""
    try:
        char.encode("gb2312")
        return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA440 <= int.from_bytes(char.encode("big5"), "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


def _plausible(text: str, share: float = 0.97) -> bool:
    """Mostly common CJK, ASCII and punctuation, no control characters, and Han
    characters that are mostly everyday ones (not mojibake)."""
    if not text or _CONTROL.search(text):
        return False
    if len(_PLAUSIBLE.findall(text)) < share * len(text):
        return False
    return _everyday_han(text)


def _everyday_han(text: str) -> bool:
    han = _HAN.findall(text)
    if len(han) < MIN_HAN_FOR_TEST:
        return True
    common = sum(1 for char in set(han) if _common_han(char))
    return common >= MIN_COMMON_HAN * len(set(han))


def _japanese(text: str) -> bool:
    """Kana make up a tenth of the letters: Japanese, which xhslint's rules do not read."""
    kana = len(_KANA.findall(text))
    return kana >= 8 and kana * 10 >= len(_HAN.findall(text)) + kana


def _utf16_without_bom(data: bytes, final: bool = True) -> tuple[str, str] | None:
    if len(data) % 2:
        return None
    # Chinese UTF-16 has few NULs, Latin UTF-16 about one per character: try
    # the byte order with more NULs in high bytes first, and accept a clean,
    # plausible decode.
    orders = ["utf-16-le", "utf-16-be"]
    if data[0::2].count(0) > data[1::2].count(0):
        orders.reverse()
    for enc in orders:
        text = _decode(data, enc, final)
        if text is not None and _plausible(text, 0.9):
            return enc, text
    return None


def read_limited(stream, limit: int, path: str, what: str = "file") -> bytes:
    """At most ``limit`` bytes of a stream, or InputError: the size is enforced while
    reading, so an endless stream (/dev/zero, a pipe that never ends) costs no more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{what} is too large (over {_size(limit)}; the limit is {_size(limit)})", path)
    return data


def open_regular(path: str):
    """Open a regular file for reading in binary, or InputError: a device, a FIFO or a
    socket is refused before it is opened (opening a FIFO waits for a writer forever)."""
    import os
    import stat

    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file or directory", path) from None
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory", path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a device, pipe or socket); give a file, or '-' for stdin", path)
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})", path) from None


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MiB" if n >= 1048576 else f"{n / 1024:.1f} KiB"


def decode(data: bytes, path: str) -> str:
    """Decode a document's bytes or raise InputError with a one-line reason."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"file is too large ({_size(len(data))}; the limit is {_size(MAX_BYTES)} per document)", path
        )
    return sniff(data, path)[2]


def sniff(data: bytes, path: str, final: bool = True) -> tuple[str, int, str]:
    """(encoding, byte-order-mark length, decoded text) of ``data``.

    ``final=False`` when ``data`` is only the head of a longer stream (a batch
    file read row by row): a character cut at the end is then not an error.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                body = codecs.getincrementaldecoder(enc)().decode(data[len(bom) :], final)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {enc} after its byte-order mark ({exc.reason})", path) from None
            return enc, len(bom), body
    utf8 = _decode(data, "utf-8", final)
    if utf8 is not None:
        if "\x00" in utf8:
            return _utf16_or_binary(data, path, final)
        return "utf-8", 0, utf8
    if b"\x00" in data:
        return _utf16_or_binary(data, path, final)
    # Most non-UTF-8 Chinese text is GB18030 (a superset of GBK and GB2312).
    text = _decode(data, "gb18030", final)
    if text is not None and _japanese(text):
        raise InputError(
            "the text looks like Japanese (EUC-JP); xhslint reads Chinese and English text,"
            " saved as UTF-8, GB18030 or UTF-16",
            path,
        )
    if text is not None and _plausible(text):
        return "gb18030", 0, text
    # UTF-16 without a byte-order mark and without NULs: Chinese text only.
    found = _utf16_without_bom(data if final else data[: len(data) // 2 * 2], final)
    if found is not None:
        return found[0], 0, found[1]
    return _detect_other(data, path)


def _decode(data: bytes, enc: str, final: bool) -> str | None:
    try:
        return codecs.getincrementaldecoder(enc)().decode(data, final)
    except UnicodeDecodeError:
        return None


def _utf16_or_binary(data: bytes, path: str, final: bool) -> tuple[str, int, str]:
    found = _utf16_without_bom(data if final else data[: len(data) // 2 * 2], final)
    if found is not None:
        return found[0], 0, found[1]
    raise InputError("binary file (contains NUL bytes); expected text", path)


def _detect_other(data: bytes, path: str) -> tuple[str, int, str]:
    from charset_normalizer import from_bytes  # lazy: only for unusual files

    best = from_bytes(data, cp_isolation=["big5", "utf_16", "shift_jis", "cp1252"]).best()
    if best is not None:
        text = str(best)
        if _japanese(text):
            raise InputError(
                f"the text looks like Japanese ({best.encoding}); xhslint reads Chinese and English text,"
                " saved as UTF-8, GB18030 or UTF-16",
                path,
            )
        if _plausible(text, 0.9):
            return best.encoding, 0, text
    raise InputError(
        "cannot detect the text encoding; save the file as UTF-8 (GB18030 and UTF-16 are also read)",
        path,
    )
