"""Optional online lookups (``--online``): NLM MeSH lookup, EBI OLS4, NLM RxNav.

Tried only for strings the offline lexicon cannot link. Every answer goes
through a SQLite cache keyed by URL, so a run can be replayed offline
(``replay_only``: the cache answers, the network is never used). Base URLs
are configurable (tests point them at a local replay server).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

from kg.linking.lexicon import Concept, Lexicon, Term
from kg.linking.link import EXACT
from kg.linking.match import Hit

DEFAULT_BASE_URLS = {
    "mesh": "https://id.nlm.nih.gov",
    "ols": "https://www.ebi.ac.uk/ols4",
    "rxnav": "https://rxnav.nlm.nih.gov",
}
TIMEOUT = 10.0


class ResponseCache:
    """URL -> JSON body, in SQLite; failures are not cached."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS responses (url TEXT PRIMARY KEY, body TEXT)")

    def get(self, url: str) -> Any | None:
        row = self.db.execute("SELECT body FROM responses WHERE url = ?", (url,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, url: str, body: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?)", (url, json.dumps(body)))
        self.db.commit()

    def __contains__(self, url: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM responses WHERE url = ?", (url,)).fetchone() is not None
        )


class OnlineResolver:
    """Ask the services, through the cache, for strings the lexicon missed."""

    def __init__(
        self,
        *,
        cache_dir: Path | None = None,
        base_urls: dict[str, str] | None = None,
        replay_only: bool = False,
    ) -> None:
        from kg.linking.sources.vocab import default_cache_dir

        self.base = {**DEFAULT_BASE_URLS, **(base_urls or {})}
        self.cache = ResponseCache((cache_dir or default_cache_dir()) / "online.sqlite")
        self.replay_only = replay_only
        self.session = requests.Session()

    def fetch(self, service: str, path: str, params: dict[str, str]) -> Any | None:
        url = f"{self.base[service].rstrip('/')}{path}?{urlencode(sorted(params.items()))}"
        cached = self.cache.get(url)
        if cached is not None or self.replay_only:
            return cached
        try:
            response = self.session.get(url, timeout=TIMEOUT)
            response.raise_for_status()
            body = response.json()
        except (requests.RequestException, ValueError):
            return None
        self.cache.put(url, body)
        return body

    # -- services ---------------------------------------------------------------

    def mesh(self, text: str) -> list[tuple[str, str]]:
        body = self.fetch(
            "mesh", "/mesh/lookup/descriptor", {"label": text, "match": "exact", "limit": "3"}
        )
        out = []
        for item in body if isinstance(body, list) else []:
            local = str(item.get("resource", "")).rsplit("/", 1)[-1]
            if local[:1] in ("D", "C"):
                out.append((f"mesh:{local}", str(item.get("label", text))))
        return out

    def ols(self, text: str, ontology: str) -> list[tuple[str, str]]:
        body = self.fetch(
            "ols", "/api/search", {"q": text, "ontology": ontology, "exact": "true", "rows": "3"}
        )
        docs = (body or {}).get("response", {}).get("docs", []) if isinstance(body, dict) else []
        return [(str(d["obo_id"]), str(d.get("label", text))) for d in docs if d.get("obo_id")]

    def rxnav(self, text: str) -> list[tuple[str, str]]:
        body = self.fetch("rxnav", "/REST/approximateTerm.json", {"term": text, "maxEntries": "1"})
        group = (body or {}).get("approximateGroup", {}) if isinstance(body, dict) else {}
        return [
            (f"rxnorm:{c['rxcui']}", str(c.get("name") or text))
            for c in group.get("candidate", []) or []
            if c.get("rxcui")
        ][:1]

    def resolve(self, text: str, kind: str, lexicon: Lexicon) -> list[Hit]:
        """Hits from the services (MeSH first, then OLS MONDO or RxNav), added to the lexicon."""
        found: list[tuple[str, str, str, float]] = [
            (cid, label, "online:mesh-lookup", 0.9) for cid, label in self.mesh(text)[:1]
        ]
        if kind == "condition":
            found += [(c, lab, "online:ols", 0.8) for c, lab in self.ols(text, "mondo")[:1]]
        else:
            found += [(c, lab, "online:rxnav", 0.75) for c, lab in self.rxnav(text)]
        hits = []
        for cid, label, source, confidence in found:
            default = "disease" if kind == "condition" else "drug"
            if cid.startswith(("MONDO:", "rxnorm:")) or cid not in lexicon.concepts:
                lexicon.add_concept(Concept(cid, label, default, (), source))
            term = Term(cid, label, "label", source)
            lexicon.add_term(term)
            group = lexicon.concepts[cid].group
            hits.append(Hit(term, group, "online", EXACT, confidence, text))
        return hits
