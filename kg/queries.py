"""The bundled SPARQL queries (queries/*.rq): find them by name, bind parameters, run.

Each ``.rq`` starts with a header::

    #+ summary: what the query answers
    #+ param: name type — description        (string, integer, decimal, date, iri, words,
                                              quantity)
    #+ param: name type? — description       (optional: left unbound when not given)
    #+ kind: violation                        (data-quality check: no rows on good data)
    #+ bind: inline                           (also write each given value in place of $name)

In the body, lines between ``# given NAME`` and ``# end NAME`` (an optional parameter)
are dropped when that parameter is not given: a part that only filters by it is not
evaluated at all (the engine would still walk every trial to find it inert).

Parameters are values, never query text: each is checked against its type,
turned into an RDF term (serialised and escaped by pyoxigraph), and bound by a
``VALUES`` block that opens the query's outer WHERE group. The same mechanism
serves the embedded store and every remote endpoint, so answers agree.

A ``words`` parameter is a text search: the value is split into search tokens
(kg.normalize.tokens: case-folded, accents removed) and ``$name`` is replaced by
their list, so ``?m tkg:conditionToken $name .`` finds the nodes holding every word
(whole words, any order) by the store's index. A value without any word finds nothing.
A line holding ``$name_token`` is written once per word, with the word in place (each word
a pattern or subquery of its own, so the engine can join them by hash).
``$name_concept`` is the concept the value names, as an IRI (:func:`concept_iri`), so a
query can also look the value up as a linked concept (an index lookup too).
A ``quantity`` parameter is a measured quantity's name, written as the criteria reader
stores it (``egfr`` -> ``eGFR``, ``alt`` -> ``ALT``) so the query matches it exactly.

Every query also takes ``limit`` and ``offset`` (paging, see :func:`paging`): the
page is cut from the query's own stable order (each ends with ORDER BY on keys).

A list query can find its page in two phases. Its body marks, between ``# page`` and
``# end page``, a subquery that finds only the rows' keys and ends with ``ORDER BY``;
the outer part reads the displayed columns for those keys (at most one row per key)::

    WHERE {
      # page
      { SELECT ?trial ?trialId WHERE { ... } ORDER BY ?trialId }
      # end page
      OPTIONAL { ?trial tkg:publicTitle ?title }
    }
    ORDER BY ?trialId

:meth:`Query.page` cuts the page in the subquery (its ORDER BY, then LIMIT and OFFSET),
so the engine sorts keys and reads columns for one page only; without a page the
subquery's ORDER BY is dropped (the outer one orders every row), and :meth:`Query.count`
counts the subquery's keys alone. Parameters bound by a ``VALUES`` block are bound inside
the subquery.

>>> q = get("trials-by-condition")
>>> q.params[0].name, q.params[0].type
('condition', 'words')
>>> q.bind_values({"condition": 'x" } ; DROP ALL ; #'})  # doctest: +ELLIPSIS
'...tkg:conditionToken "x", "drop", "all" ...'
>>> open_to = get("trials-open-to-person")
>>> "ThresholdConstraint" in open_to.bind_values({"age": "30", "sex": "female"})
False
>>> "ThresholdConstraint" in open_to.bind_values({"age": "30", "sex": "male", "quantity": "eGFR"})
True
>>> hostile = {"trial_id": 'x" } ; DROP ALL ; #'}
>>> get("study-registrations").bind_values(hostile)  # doctest: +ELLIPSIS
'...VALUES ?trial_id { "x\\\\" } ; DROP ALL ; #" }...'
>>> get("trial-overview").bind_values(hostile)  # doctest: +ELLIPSIS
'...tkg:trialId "x\\\\" } ; DROP ALL ; #" ...'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode

from kg.namespaces import XSD, mesh
from kg.normalize.tokens import tokens
from kg.resources import data_dir

PARAM_TYPES = ("string", "integer", "decimal", "date", "iri", "words", "quantity")
PAGING = ("limit", "offset")
_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SELECT = re.compile(r"^SELECT\b", re.MULTILINE)
_ORDER = re.compile(r"\n\s*ORDER BY[^{}]*$")  # the last clause of every bundled query
_GIVEN = re.compile(r"^[ \t]*# given (\w+)\b.*?^[ \t]*# end \1\n", re.MULTILINE | re.DOTALL)
_PAGE = re.compile(r"^[ \t]*# page\n(.*?)^[ \t]*# end page\n", re.MULTILINE | re.DOTALL)
_PAGE_ORDER = re.compile(r"\n[ \t]*ORDER BY[^{}]*?(?=\n[ \t]*\}\s*$)")  # the subquery's last clause


class QueryError(ValueError):
    """A query or parameter problem the user can fix (unknown name, bad value...)."""


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    description: str
    optional: bool = False

    def term(self, value: str) -> Literal | NamedNode:
        """The RDF term for a value given on the command line, checked against the type."""
        try:
            if self.type in ("string", "words"):
                return Literal(value)
            if self.type == "quantity":
                return Literal(quantity_name(value))
            if self.type == "integer":
                return Literal(str(int(value)), datatype=XSD.integer)
            if self.type == "decimal":
                number = Decimal(value)
                if not number.is_finite():  # NaN and Infinity are not xsd:decimal values
                    raise ValueError(value)
                return Literal(format(number, "f"), datatype=XSD.decimal)
            if self.type == "date":
                if not _DATE.match(value):
                    raise ValueError(value)
                dt = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
                return Literal(value, datatype=dt)
            if self.type == "iri":
                if not _IRI.match(value):
                    raise ValueError(value)
                return NamedNode(value)
        except (ValueError, InvalidOperation) as exc:
            raise QueryError(
                f"parameter {self.name}: {value!r} is not a valid {self.type}"
            ) from exc
        raise QueryError(f"parameter {self.name}: unknown type {self.type}")


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    summary: str
    params: tuple[Param, ...]
    kind: str  # "report" | "violation"
    text: str
    path: Path
    inline: bool = False  # values also written in place of $name (engines that do not
    # see VALUES-bound variables inside FILTER NOT EXISTS, e.g. Virtuoso)

    def terms(self, values: dict[str, str]) -> dict[str, Literal | NamedNode]:
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(
                f"query {self.name} has no parameter {', '.join(unknown)}; "
                f"it takes: {', '.join(known) or 'none'}"
            )
        missing = [p for p, param in known.items() if p not in values and not param.optional]
        if missing:
            raise QueryError(f"query {self.name} needs --param {missing[0]}=VALUE")
        return {name: known[name].term(v) for name, v in values.items()}

    def _bound(self, values: dict[str, str]) -> str:
        terms = self.terms(values)
        text = _GIVEN.sub(lambda m: m.group() if m.group(1) in terms else "", self.text)
        for p in self.params:
            if p.type == "words" and p.name in terms:
                given = terms.pop(p.name)
                found = [str(Literal(t)) for t in tokens(given.value)]
                listed = ", ".join(found or ['""'])  # no word: "" is no token, nothing found
                concept = str(concept_iri(given.value)).replace("\\", "\\\\")
                text = _per_word(text, f"${p.name}_token", found or ['""'])
                text = re.sub(rf"\${p.name}_concept\b", concept, text)
                text = re.sub(rf"\${p.name}\b", listed.replace("\\", "\\\\"), text)
        return self._bind(text, terms)

    def bind_values(self, values: dict[str, str]) -> str:
        """The query with its parameters bound by a ``VALUES`` block (``#+ bind: inline``:
        written in place of each ``$name`` instead; ``words``: their tokens in place);
        every row, in the query's order (a ``# page`` block's own ORDER BY dropped)."""
        return self._cut(self._bound(values), None, 0)

    def _bind(self, text: str, terms: dict[str, Literal | NamedNode]) -> str:
        if not terms and not self.inline:
            return text
        names = sorted(terms)
        block = (
            f"VALUES ({' '.join('?' + n for n in names)}) "
            f"{{ ({' '.join(str(terms[n]) for n in names)}) }}"
        )
        if len(names) == 1:
            block = f"VALUES ?{names[0]} {{ {terms[names[0]]} }}"
        if self.inline:  # each term is serialised and escaped by pyoxigraph; an optional
            # parameter not given becomes "" (comparisons with it fail: its filters are inert)
            for p in self.params:
                value = str(terms[p.name]) if p.name in terms else '""'
                text = re.sub(rf"\${p.name}\b", value.replace("\\", "\\\\"), text)
            return text
        page = _PAGE.search(text)  # a page's subquery gets the VALUES block
        m = _WHERE.search(text, page.start() if page else 0)
        if m is None:
            raise QueryError(f"query {self.name} has no WHERE clause to bind parameters into")
        return f"{text[: m.end()]}\n  {block}\n{text[m.end() :]}"

    def page(self, values: dict[str, str], *, limit: int | None, offset: int = 0) -> str:
        """The bound query cut to one page of its ordered rows (``limit`` None: to the end)."""
        return self._cut(self._bound(values), limit, offset)

    def _cut(self, text: str, limit: int | None, offset: int) -> str:
        cut = (f"\nLIMIT {limit}" if limit is not None else "") + (
            f"\nOFFSET {offset}" if offset else ""
        )
        block = _PAGE.search(text)
        if block is None:
            return text + cut
        inner = block.group(1)
        order = _PAGE_ORDER.search(inner)
        if order is None:
            raise QueryError(f"query {self.name}: its # page subquery does not end with ORDER BY")
        if cut:  # the keys of one page, sorted; else every key, unsorted (the outer sorts)
            inner = f"{inner[: order.end()]}{cut}{inner[order.end() :]}"
        else:
            inner = f"{inner[: order.start()]}{inner[order.end() :]}"
        return f"{text[: block.start()]}{inner}{text[block.end() :]}"

    def count(self, values: dict[str, str]) -> str:
        """A query for the number of rows the bound query has in all (its order dropped;
        with a ``# page`` block, the number of its keys: one row per key)."""
        text = self._bound(values)
        block = _PAGE.search(text)
        if block is not None:
            start = _SELECT.search(text)
            assert start is not None
            keys = self._cut(block.group(), None, 0)
            return f"{text[: start.start()]}SELECT (COUNT(*) AS ?rows) WHERE {{\n{keys}}}"
        text = _ORDER.sub("", text)
        m = _SELECT.search(text)
        if m is None:
            raise QueryError(f"query {self.name} is not a SELECT query")
        return f"{text[: m.start()]}SELECT (COUNT(*) AS ?rows) WHERE {{\n{text[m.start() :]}\n}}"


def _per_word(text: str, mark: str, words: list[str]) -> str:
    """Each line holding ``mark`` written once per word, with the word in its place."""

    def lines(m: re.Match[str]) -> str:
        return "".join(m.group().replace(mark, w) for w in words)

    return re.sub(rf"^.*{re.escape(mark)}\b.*\n", lines, text, flags=re.MULTILINE)


def concept_iri(value: str) -> NamedNode:
    """The concept a search value names: the value itself when it is an absolute IRI, else
    the MeSH descriptor of that ID (a value that is no ID names a concept nothing links to).

    >>> concept_iri("D003882").value, concept_iri(" http://example.org/c/1 ").value
    ('http://id.nlm.nih.gov/mesh/D003882', 'http://example.org/c/1')
    >>> concept_iri("prior chemotherapy").value
    'http://id.nlm.nih.gov/mesh/prior%20chemotherapy'
    """
    text = value.strip()
    if "://" in text and _IRI.match(text):
        return NamedNode(text)
    return mesh(quote(text, safe=""))


def quantity_name(value: str) -> str:
    """The stored short name of a measured quantity (the value itself when none is known).

    >>> quantity_name("egfr"), quantity_name("alt"), quantity_name("Body Mass Index")
    ('eGFR', 'ALT', 'BMI')
    >>> quantity_name("age")
    'age'
    """
    from kg.criteria.quantities import find_quantities

    text = value.strip()
    for spelling in (text, text.upper()):
        found = find_quantities(spelling)
        if len(found) == 1 and found[0][1].group() == spelling:
            return found[0][0]
    return text


def paging(values: dict[str, str]) -> tuple[dict[str, str], int | None, int]:
    """Split ``limit`` and ``offset`` off a query's parameters: (the others, limit, offset).

    ``limit=all`` (or no limit) means every row.

    >>> paging({"condition": "covid", "limit": "20", "offset": "40"})
    ({'condition': 'covid'}, 20, 40)
    >>> paging({"limit": "all"})
    ({}, None, 0)
    """
    rest = {k: v for k, v in values.items() if k not in PAGING}
    numbers: dict[str, int | None] = {"limit": None, "offset": 0}
    for key in PAGING:
        if key not in values or (key == "limit" and values[key].strip() == "all"):
            continue
        try:
            number = int(values[key])
        except ValueError:
            number = -1
        if number < 0:
            raise QueryError(f"{key} must be a whole number >= 0, got {values[key]!r}")
        numbers[key] = number
    offset = numbers["offset"]
    assert offset is not None
    return rest, numbers["limit"], offset


def parse_query_file(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    summary = ""
    kind = "report"
    inline = False
    params: list[Param] = []
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "summary":
            summary = value
        elif key == "kind":
            kind = value
        elif key == "bind":
            inline = value == "inline"
        elif key == "param":
            name, ptype, *rest = value.split(None, 2)
            optional = ptype.endswith("?")
            ptype = ptype.rstrip("?")
            if ptype not in PARAM_TYPES:
                raise QueryError(f"{path.name}: parameter {name} has unknown type {ptype}")
            description = rest[0].lstrip("—- ") if rest else ""
            params.append(Param(name, ptype, description, optional))
    if not summary:
        raise QueryError(f"{path.name}: missing '#+ summary:' header")
    return Query(path.stem, summary, tuple(params), kind, text, path, inline)


def all_queries(folder: Path | None = None) -> list[Query]:
    """Every bundled query, sorted by name."""
    base = folder or data_dir("queries")
    return [parse_query_file(p) for p in sorted(base.glob("*.rq"))]


def get(name: str) -> Query:
    """A bundled query by name (file name without ``.rq``)."""
    path = data_dir("queries") / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(q.name for q in all_queries())
        raise QueryError(f"no query named {name!r}; known: {known}")
    return parse_query_file(path)
