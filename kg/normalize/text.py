"""Text clean-up: entities, ``<br>`` markup, padding, multi-value splitting.

>>> clean("  Title padded" + " " * 300)
'Title padded'
>>> clean("a&amp;lt;br&amp;gt;b")
'a\\nb'
>>> clean_line("  The   First\\nHospital ")
'The First Hospital'
>>> split_multi("France;France;Spain;")
['France', 'Spain']
"""

from __future__ import annotations

import html
import re

_BR = re.compile(r"(?:\r\n|\r|\n)?<\s*br\s*/?\s*>", re.IGNORECASE)
_PARAGRAPH = re.compile(r"</?\s*(?:p|li|div)\b[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[^<>]*)?/?>")
_TRAILING = re.compile(r"[ \t\f\v\u00a0]+$", re.MULTILINE)
_MANY_BLANKS = re.compile(r"\n{3,}")


def _unescape(value: str) -> str:
    """Unescape entities twice: ``&amp;lt;br&amp;gt;`` -> ``&lt;br&gt;`` -> ``<br>``."""
    for _ in range(2):
        if "&" not in value:
            break
        value = html.unescape(value)
    return value


def clean(value: str | None) -> str | None:
    """Clean a text value, keeping its line structure; ``None`` when empty.

    Entities are unescaped in two passes, ``<br>`` and ``\\r\\n``/``\\r`` become
    ``\\n``, other simple tags are stripped, padding is removed.

    >>> clean("Line one\\r<br>Line two   ")
    'Line one\\nLine two'
    >>> clean("&lt;p&gt;Para&lt;/p&gt;")
    'Para'
    >>> clean("\\t") is None, clean(None) is None
    (True, True)
    """
    if value is None:
        return None
    text = _unescape(value)
    if "<" in text:
        text = _BR.sub("\n", text)  # "\r<br>" (ICTRP XML) is one line break
        text = _PARAGRAPH.sub("\n", text)  # <p>, <li>: block boundaries are line breaks
        text = _TAG.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    if "\n" in text:
        text = _TRAILING.sub("", text)
        if "\n\n\n" in text:  # keep paragraphs, drop runs of blank lines
            text = _MANY_BLANKS.sub("\n\n", text)
    text = text.strip()
    return text or None


def clean_line(value: str | None) -> str | None:
    """Like :func:`clean`, then collapse all whitespace to single spaces.

    >>> clean_line("Wenfeng Tan,\\n  PhD")
    'Wenfeng Tan, PhD'
    >>> clean_line(" ") is None
    True
    """
    text = clean(value)
    if text is None:
        return None
    return " ".join(text.split()) or None


def split_multi(value: str | None, separators: str = ";") -> list[str]:
    """Split a multi-valued field; clean, drop empties and duplicates (first kept).

    Splits on each of ``separators`` and on ``<br>``/newlines.

    >>> split_multi("<br>Covid-19;<br>Pneumonia<br>Covid-19<br>")
    ['Covid-19', 'Pneumonia']
    >>> split_multi("Japan,Asia(except Japan),Australia", ",")
    ['Japan', 'Asia(except Japan)', 'Australia']
    >>> split_multi(None)
    []
    """
    text = clean(value)
    if text is None:
        return []
    pattern = "[\n" + re.escape(separators) + "]" if separators else "\n"
    out: list[str] = []
    seen: set[str] = set()
    for piece in re.split(pattern, text):
        item = clean_line(piece)
        if item is None or item in seen:
            continue
        seen.add(item)
        out.append(item)
    return out
