"""Constraints -> RDF: one node per constraint under its criterion.

``…/criterion/inclusion/2`` gets ``tkg:constraint …/criterion/inclusion/2/constraint/1``
typed ``tkg:AgeConstraint`` (…), with the source span (``tkg:constraintText``,
``tkg:spanStart``, ``tkg:spanEnd``), typed values (``schema:value`` and
``tkg:upperValue`` as xsd:decimal, ``tkg:ucumCode`` UCUM; an age constraint's bounds in
years too, ``tkg:ageFromYears`` … ``tkg:ageBelowYears``), and for linked
mentions a ``skos:exactMatch``/``skos:closeMatch`` to MeSH. Condition, treatment and
reproductive constraints (what ``trials-excluding`` searches) carry the search tokens of
their text and of their concept's label (kg.normalize.tokens), so a search is an index
lookup that starts from constraints only. The token's predicate says whether the
constraint keeps people out (:func:`token_predicate`): ``tkg:exclusionToken`` in an
exclusion criterion that does not negate it, ``tkg:negatedInclusionToken`` in an inclusion
criterion that does, ``tkg:constraintToken`` (the constraints' own sub-property of
``tkg:searchToken``, and the super-property of both) otherwise. Terms come from
kg.namespaces; only kg.mapping calls this.

>>> from kg.criteria import extract
>>> triples = constraint_triples("<https://w3id.org/trialkg/id/trial/X/criterion/inclusion/1>",
...                              extract("Aged >= 18 years"))
>>> [str(o) for _, p, o in triples if p in (TKG.comparator, SCHEMA.value, TKG.ucumCode)]
['">="', '"18.0"^^<http://www.w3.org/2001/XMLSchema#decimal>', '"a"']
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pyoxigraph import Literal, NamedNode

from kg.criteria.model import Constraint, ConstraintType, Op
from kg.namespaces import RDF, RDFS, SCHEMA, SKOS, TKG, XSD
from kg.normalize.tokens import text_tokens

Object = str | NamedNode | Literal
Triple = tuple[str, NamedNode, Object]

CLASSES: dict[ConstraintType, NamedNode] = {
    ConstraintType.AGE: TKG.AgeConstraint,
    ConstraintType.SEX: TKG.SexConstraint,
    ConstraintType.THRESHOLD: TKG.ThresholdConstraint,
    ConstraintType.TEMPORAL: TKG.TemporalConstraint,
    ConstraintType.CONDITION: TKG.ConditionConstraint,
    ConstraintType.TREATMENT: TKG.TreatmentConstraint,
    ConstraintType.REPRODUCTIVE: TKG.ReproductiveConstraint,
    ConstraintType.CONSENT: TKG.ConsentConstraint,
}


def _decimal(value: float | int | Decimal) -> Literal:
    text = format(Decimal(str(value)).normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


NUMERIC = frozenset({ConstraintType.AGE, ConstraintType.THRESHOLD})
SEARCHED = frozenset(
    {ConstraintType.CONDITION, ConstraintType.TREATMENT, ConstraintType.REPRODUCTIVE}
)


# Years per unit of an age (a year is 1): the factors trials-open-to-person used to apply
# in the query, kept as they were so the bounds compare as before.
YEARS_PER = {
    "mo": Decimal("0.0833333333"),
    "wk": Decimal("0.0191649555"),
    "d": Decimal("0.0027378508"),
}
# The bounds each comparator sets: (the value's predicate, the upper value's predicate).
BOUNDS: dict[Op, tuple[NamedNode, ...]] = {
    Op.GT: (TKG.ageAboveYears,),
    Op.GE: (TKG.ageFromYears,),
    Op.LT: (TKG.ageBelowYears,),
    Op.LE: (TKG.ageToYears,),
    Op.EQ: (TKG.ageFromYears, TKG.ageToYears),
}


def age_bounds(node: str, c: Constraint) -> list[Triple]:
    """An age constraint's bounds in years (the ages that meet it), so a query compares a
    person's age with them alone: ``>= 18 a`` gives ``tkg:ageFromYears 18.0``, ``= 6 mo``
    both ``tkg:ageFromYears`` and ``tkg:ageToYears``, ``between`` the value and upper value.

    >>> from kg.criteria import extract
    >>> bounds = age_bounds("<k>", extract("Aged 6 to 11 months")[0])
    >>> [(p.value.rsplit("/", 1)[1], o.value) for _, p, o in bounds]
    [('ageFromYears', '0.4999999998'), ('ageToYears', '0.9166666663')]
    """
    if c.op is None or not isinstance(c.value, int | float) or c.unit is None:
        return []
    scale = YEARS_PER.get(c.unit, Decimal(1))
    preds = BOUNDS.get(c.op, (TKG.ageFromYears, TKG.ageToYears))
    values = [c.value, c.value2 if c.op is Op.BETWEEN else c.value][: len(preds)]
    if any(v is None for v in values):
        return []
    return [
        (node, p, _decimal(Decimal(str(v)) * scale)) for p, v in zip(preds, values, strict=True)
    ]


def token_predicate(kind: str, negated: bool | None) -> NamedNode:
    """The predicate of a searched constraint's tokens: whether it keeps people out (an
    exclusion criterion's mention not negated, an inclusion criterion's negated one), and
    by which kind of criterion, so a search for what keeps people out starts from those.

    >>> [token_predicate(k, n).value.rsplit("/", 1)[1]
    ...  for k, n in (("exclusion", False), ("inclusion", True), ("inclusion", False))]
    ['exclusionToken', 'negatedInclusionToken', 'constraintToken']
    >>> {token_predicate(k, n) for k, n in (("exclusion", True), ("exclusion", None))}
    {<NamedNode value=https://w3id.org/trialkg/constraintToken>}
    """
    if kind == "exclusion" and negated is False:
        return TKG.exclusionToken
    if kind == "inclusion" and negated is True:
        return TKG.negatedInclusionToken
    return TKG.constraintToken


def _one(node: str, c: Constraint, sole_in: NamedNode | None, kind: str) -> list[Triple]:
    out: list[Triple] = [
        (node, RDF.type, TKG.EligibilityConstraint),
        (node, RDF.type, CLASSES[c.type]),
        (node, TKG.constraintText, Literal(c.text)),
        (node, TKG.spanStart, _integer(c.start)),
        (node, TKG.spanEnd, _integer(c.end)),
    ]
    if c.op is not None:
        out.append((node, TKG.comparator, Literal(c.op.value)))
    if isinstance(c.value, int | float):
        out.append((node, SCHEMA.value, _decimal(c.value)))
    if c.value2 is not None:
        out.append((node, TKG.upperValue, _decimal(c.value2)))
    if c.unit is not None:
        out.append((node, TKG.ucumCode, Literal(c.unit)))
    if c.type is ConstraintType.AGE:
        out.extend(age_bounds(node, c))
    if c.quantity is not None:
        out.append((node, TKG.quantityName, Literal(c.quantity)))
    if c.relation is not None:
        out.append((node, TKG.temporalRelation, Literal(c.relation.value)))
    if c.anchor is not None:
        out.append((node, TKG.temporalAnchor, Literal(c.anchor.value)))
    if c.type is ConstraintType.SEX and isinstance(c.value, str):
        out.append((node, TKG.restrictedSex, Literal(c.value)))
    if c.type is ConstraintType.REPRODUCTIVE and isinstance(c.value, str):
        out.append((node, TKG.reproductiveStatus, Literal(c.value)))
    if sole_in is not None:  # queries decide such a criterion's numeric part from this alone
        out.append((node, TKG.soleNumericIn, sole_in))
    if c.negated is not None:
        flag = Literal("true" if c.negated else "false", datatype=XSD.boolean)
        out.append((node, TKG.negated, flag))
    if c.concept_iri is not None:
        target = NamedNode(c.concept_iri)
        out.append((node, SKOS.exactMatch if c.exact else SKOS.closeMatch, target))
        if c.concept_label:
            out.append((f"<{c.concept_iri}>", RDFS.label, Literal(c.concept_label)))
    if c.type in SEARCHED:
        label = c.concept_label if c.concept_iri is not None else None
        pred = token_predicate(kind, c.negated)
        for token in text_tokens(t for t in (c.text, label) if t):
            out.append((node, pred, Literal(token)))
    return out


def constraint_triples(
    criterion: str, constraints: Sequence[Constraint], kind: str = "inclusion"
) -> list[Triple]:
    """Triples of a criterion's constraints; ``criterion`` is its IRI in N-Triples form,
    ``kind`` its kind (inclusion or exclusion), which its sole numeric constraint carries
    (``tkg:soleNumericIn``: a query reaches the kind without going up to the criterion)."""
    out: list[Triple] = []
    numeric = sum(c.type in NUMERIC for c in constraints)
    cls = TKG.InclusionCriterion if kind == "inclusion" else TKG.ExclusionCriterion
    for i, c in enumerate(constraints, 1):
        node = f"{criterion[:-1]}/constraint/{i}>"
        out.append((criterion, TKG.constraint, NamedNode(node[1:-1])))
        out.extend(_one(node, c, cls if numeric == 1 and c.type in NUMERIC else None, kind))
    return out
