"""The core of the mapper: a builder that collects one trial's N-Triples lines.

The section modules (:mod:`kg.mapping.trial`, :mod:`kg.mapping.parties`,
:mod:`kg.mapping.concepts`, :mod:`kg.mapping.eligibility`,
:mod:`kg.mapping.outcomes`) each write one part of the record through it.
"""

from __future__ import annotations

from pyoxigraph import Literal

from kg import iris
from kg.iris import Minter
from kg.mapping.options import MappingOptions
from kg.mapping.terms import _TERMS, Term, _date, _iri, _s, _t, _url_node
from kg.model import Coded, PartialDate, TrialRecord
from kg.namespaces import RDF, XSD
from kg.normalize import kinds
from kg.normalize.tokens import text_tokens


class Builder:
    """Collects the triples of one trial (and only of that trial)."""

    def __init__(self, record: TrialRecord, options: MappingOptions) -> None:
        self.r = record
        self.o = options
        self.m = Minter(options.base)
        self.id = record.main_id
        self.prefix = self.m.trial(record.main_id) + "/"
        self.trial = _iri(self.prefix[:-1])
        self.out: list[str] = []
        # what is the same in every trial that names it (a country's code and English
        # name): stated once in a store, in the countries' vocabulary graph (kg.mapping.countries)
        self.shared: list[str] = []

    def add(self, s: Term, p: Term, o: Term) -> None:
        pred = _TERMS.get(p) or _t(p)  # nearly always a cached constant
        self.out.append(
            f"{s if type(s) is str else _t(s)} {pred} {o if type(o) is str else _t(o)} .\n"
        )

    def add_shared(self, s: Term, p: Term, o: Term) -> None:
        """A triple of the shared vocabulary (:attr:`shared`), not of the trial's own graph."""
        n = len(self.out)
        self.add(s, p, o)
        self.shared.append(self.out.pop(n))

    def text(self, s: Term, p: Term, value: str | None) -> None:
        if value:
            self.add(s, p, _s(value))

    def tokens(self, s: Term, p: Term, *texts: str | None) -> None:
        """The whole-word search keys a text search finds ``s`` by: ``p`` is the kind's own
        sub-property of tkg:searchToken (tkg:conditionToken, ...), so a search for one kind
        of node starts from that kind's nodes only."""
        for token in text_tokens(t for t in texts if t):
            self.add(s, p, _s(token))

    def node(self, *path: str | int) -> str:
        return _iri(self.prefix + "/".join(iris.encode(str(p)) for p in path))

    def child(self, link: Term, cls: Term, *path: str | int) -> str:
        """A node of the trial at ``path``, linked from the trial by ``link``, typed ``cls``."""
        n = self.node(*path)
        self.add(self.trial, link, n)
        self.add(n, RDF.type, cls)
        return n

    def coded(self, s: Term, p: Term, scheme: str, value: Coded | None, raw_p: Term | None) -> None:
        if value is None:
            return
        if value.code is not None:
            self.add(s, p, _iri(iris.vocab(scheme, value.code)))
        if raw_p is not None and value.raw:
            self.add(s, raw_p, _s(value.raw))

    def kind(self, s: Term, p: Term, field: str, raw: str | None, text_p: Term) -> None:
        """A closed kind: its concept IRI, or (unknown to the scheme) its text beside.

        ``field`` ("Site.status", ...) names the model field; its scheme comes from
        :data:`kg.normalize.kinds.FIELD_SCHEMES`, the table kg.emitted checks the graph by.
        """
        scheme = kinds.FIELD_SCHEMES[field]
        value = kinds.lookup(scheme, raw)
        if value is None:
            return
        if value.code is not None:
            self.add(s, p, _iri(iris.vocab(scheme, value.code)))
        else:
            self.add(s, text_p, _s(value.raw))

    def date(self, s: Term, p: Term, d: PartialDate | None) -> None:
        if d is None:
            return
        self.add(s, p, _date(d))

    def url(self, s: Term, p: Term, value: str | None) -> None:
        if not value:
            return
        iri = _url_node(value)
        self.add(s, p, iri if iri is not None else Literal(value, datatype=XSD.anyURI))

    # -- sections -------------------------------------------------------
