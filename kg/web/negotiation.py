"""Content negotiation for dereferenced IRIs: HTML for browsers, RDF for machines.

``?format=`` wins over the ``Accept`` header; answers carry ``Vary: Accept``.

>>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", None)
'html'
>>> negotiate("text/turtle", None), negotiate("application/ld+json", None)
('ttl', 'jsonld')
>>> negotiate("application/n-triples;q=0.9, text/turtle;q=0.5", None)
'nt'
>>> negotiate("text/html", "ttl"), negotiate(None, None), negotiate("image/png", None)
('ttl', 'html', None)
"""

from __future__ import annotations

from pyoxigraph import RdfFormat

# format name -> (media type, pyoxigraph format or None for HTML)
FORMATS: dict[str, tuple[str, RdfFormat | None]] = {
    "html": ("text/html; charset=utf-8", None),
    "ttl": ("text/turtle; charset=utf-8", RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", RdfFormat.JSON_LD),
    "nt": ("application/n-triples", RdfFormat.N_TRIPLES),
}
_MEDIA = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
_ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "json": "jsonld", "ntriples": "nt"}


def negotiate(accept: str | None, fmt: str | None) -> str | None:
    """The format to answer with, or None when nothing acceptable is offered (406)."""
    if fmt:
        name = _ALIASES.get(fmt.lower(), fmt.lower())
        return name if name in FORMATS else None
    if not accept:
        return "html"
    best: tuple[float, int, str] | None = None
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        found = _MEDIA.get(media.lower()) or ("html" if media in ("*/*", "text/*") else None)
        if found is None or q <= 0:
            continue
        key = (q, -i, found)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


__all__ = ["FORMATS", "negotiate"]
