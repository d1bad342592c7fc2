"""The fast SHACL engine (kg.shacl) gives pyshacl's results: on the real records (the corpus,
or tests/data), on them deliberately damaged, and on one broken graph per constraint component."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.pipeline import convert
from kg.shacl import compile_shapes, shipped
from kg.validation import (
    Engine,
    ValidationResult,
    shapes_graph,
    validate_file,
    validate_graph,
    validate_graphs,
)
from tests.shacl_oracle import damaged, fast_rows, pyshacl_rows

TTL_PREFIXES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix tkg: <https://w3id.org/trialkg/> .
@prefix tkgs: <https://w3id.org/trialkg/shapes/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix ex: <https://example.org/> .
@prefix t: <https://w3id.org/trialkg/id/trial/> .
"""


@pytest.fixture(autouse=True)
def _quiet_rdflib() -> None:
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)  # ill-typed literals, on purpose


def _lines(turtle: str) -> list[str]:
    """Turtle as canonical N-Triples lines (what the mapper writes)."""
    triples = ox.parse((TTL_PREFIXES + turtle).encode(), format=ox.RdfFormat.TURTLE)
    return sorted({f"{q.subject} {q.predicate} {q.object} .\n" for q in triples})


def _shapes(turtle: str) -> Graph:
    g = Graph()
    g.parse(data=TTL_PREFIXES + turtle, format="turtle")
    return g


def _components(rows: set[tuple[object, ...]]) -> set[str]:
    return {str(r[4]) for r in rows}


TRIAL = """
t:X a tkg:Trial ; tkg:trialId "X" ; tkg:sourceRecord t:X-src .
t:X-src a tkg:SourceRecord ; tkg:sourceFormat "f" ; tkg:sourceFile "f" ;
    tkg:positionInFile 1 ; <http://purl.org/dc/terms/rights> "r" ;
    <http://purl.org/dc/terms/license> ex:licence .
"""

# Each case breaks the shipped shapes one way; the component must show up, and
# the fast engine must report exactly what pyshacl reports.
SHIPPED_CASES = {
    "minCount": (TRIAL.replace('tkg:trialId "X" ;', ""), {"MinCountConstraintComponent"}),
    "maxCount": (TRIAL + 't:X tkg:trialId "Y" .', {"MaxCountConstraintComponent"}),
    "datatype": (
        TRIAL + 't:X tkg:targetSampleSize "many" ; tkg:publicTitle "t"@en .',
        {"DatatypeConstraintComponent"},
    ),
    "datatype-ill-typed": (
        TRIAL + 't:X tkg:targetSampleSize "12x"^^xsd:integer .',
        {"DatatypeConstraintComponent"},
    ),
    "nodeKind": (
        TRIAL + '_:b a tkg:Register ; rdfs:label "R" . t:X tkg:register "R" .',
        {"NodeKindConstraintComponent", "ClassConstraintComponent"},
    ),
    "class": (TRIAL + "t:X tkg:country ex:nowhere .", {"ClassConstraintComponent"}),
    "pattern": (
        TRIAL + 't:X tkg:country ex:de . ex:de a tkg:Country ; tkg:countryCode "Deu" .',
        {"PatternConstraintComponent"},
    ),
    "in": (
        TRIAL + 't:X tkg:minimumAge t:X-min . t:X-min a tkg:AgeLimit ; tkg:ageText "1 y" ;'
        ' tkg:ucumCode "years" .',
        {"InConstraintComponent"},
    ),
    "or": (
        TRIAL + 't:X tkg:registrationDate "17/05/2021" ; tkg:lastUpdated "2021-02-30"^^xsd:date .',
        {"OrConstraintComponent"},
    ),
    "node": (
        TRIAL
        + "t:X tkg:phase ex:phase-9 ; tkg:gender <https://w3id.org/trialkg/vocab/gender/all> .",
        {"NodeConstraintComponent", "PatternConstraintComponent"},
    ),
    "minInclusive-maxInclusive": (
        TRIAL + "ex:l a tkg:Link ; tkg:linkTarget ex:t ; tkg:linkPredicate skos:exactMatch ;"
        ' tkg:linkConfidence 1.5 , -0.5 ; tkg:matchType "m" ; tkg:linkSource "s" .',
        {"MaxInclusiveConstraintComponent", "MinInclusiveConstraintComponent"},
    ),
    "in-iri": (
        TRIAL + "ex:l a tkg:Link ; tkg:linkTarget ex:t ; tkg:linkPredicate skos:related ;"
        ' tkg:linkConfidence 0.5 ; tkg:matchType "m" ; tkg:linkSource "s" .',
        {"InConstraintComponent"},
    ),
    "sparql-ages": (
        TRIAL + "t:X tkg:minimumAge t:X-a , t:X-b ; tkg:maximumAge t:X-c .\n"
        't:X-a a tkg:AgeLimit ; tkg:ageText "70" ; tkg:ageInYears 70.0 .\n'
        't:X-b a tkg:AgeLimit ; tkg:ageText "80" ; tkg:ageInYears 80 .\n'
        't:X-c a tkg:AgeLimit ; tkg:ageText "60" ; tkg:ageInYears "60"^^xsd:decimal .',
        {"SPARQLConstraintComponent", "MaxCountConstraintComponent"},
    ),
    "sparql-dates": (
        TRIAL + 't:X tkg:firstEnrolmentDate "2021-05-01"^^xsd:date ;'
        ' tkg:primaryCompletionDate "2020-01-01"^^xsd:date ;'
        ' tkg:completionDate "2019-01-01"^^xsd:date .',
        {"SPARQLConstraintComponent"},
    ),
}


@pytest.mark.parametrize("name", sorted(SHIPPED_CASES))
def test_broken_graph_same_results_as_pyshacl(name: str) -> None:
    data, expected = SHIPPED_CASES[name]
    lines = _lines(data)
    fast = fast_rows(lines, shipped())
    assert fast == pyshacl_rows(lines, shapes_graph())
    assert expected <= _components(fast)


def test_the_unbroken_trial_conforms() -> None:
    assert fast_rows(_lines(TRIAL), shipped()) == set()


# Components and targets the shipped shapes do not use yet: the engine is generic.
GENERIC_SHAPES = """
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ex:p ; sh:hasValue "a" ; sh:minLength 2 ; sh:maxLength 3 ] ,
                [ sh:path ex:n ; sh:minExclusive 0 ; sh:maxExclusive 10 ; sh:severity sh:Warning ] ,
                [ sh:path [ sh:inversePath ex:owns ] ; sh:maxCount 1 ; sh:class ex:Owner ] ,
                [ sh:path ex:q ; sh:not [ sh:datatype xsd:integer ] ] ,
                [ sh:path ex:r ;
                  sh:and ( [ sh:nodeKind sh:IRI ] [ sh:pattern "^https://example.org/ok" ] ) ] ,
                [ sh:path ex:s ; sh:xone ( [ sh:datatype xsd:string ] [ sh:pattern "^x" ] ) ] ,
                [ sh:path ex:w ; sh:node ex:Warned ] ,
                [ sh:path ex:off ; sh:minCount 5 ; sh:deactivated true ] ;
    sh:sparql [ sh:select '''SELECT $this ?value WHERE {
                    $this <https://example.org/q> ?value . FILTER(isLiteral(?value)) }''' ;
                sh:message "q {?value}" ] .
ex:Warned a sh:NodeShape ; sh:severity sh:Warning ; sh:pattern "^https://example.org/good" .
ex:T1 a sh:NodeShape ; sh:targetNode ex:lonely ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
ex:T2 a sh:NodeShape ; sh:targetSubjectsOf ex:subj ; sh:nodeKind sh:BlankNode .
ex:T3 a sh:NodeShape ; sh:targetObjectsOf ex:obj ; sh:nodeKind sh:Literal ; sh:flags "i" ;
    sh:pattern "^ABC" .
"""
GENERIC_DATA = """
ex:Sub rdfs:subClassOf ex:C .
ex:a a ex:Sub ; ex:p "abcd" ; ex:n 0 , 10 , 5 , "x" ; ex:q 1 , "1" ; ex:r ex:bad , "lit" ;
    ex:s "xs" , 3 ; ex:w ex:bad ; ex:off 1 .
ex:o1 ex:owns ex:a . ex:o2 a ex:Owner ; ex:owns ex:a .
ex:b a ex:C ; ex:p "a" ; ex:r <https://example.org/ok1> ; ex:s ex:y ; ex:w ex:good .
ex:c ex:subj 1 . _:d ex:subj 2 .
ex:e ex:obj "abc" , "xyz" , ex:iri .
"""


def test_generic_components_and_targets_same_results_as_pyshacl() -> None:
    shapes = _shapes(GENERIC_SHAPES)
    compiled = compile_shapes(shapes)
    assert compiled.uncompiled == []
    lines = _lines(GENERIC_DATA)
    fast = fast_rows(lines, compiled)
    assert fast == pyshacl_rows(lines, shapes)
    assert {
        "HasValueConstraintComponent",
        "MinLengthConstraintComponent",
        "MaxLengthConstraintComponent",
        "MinExclusiveConstraintComponent",
        "MaxExclusiveConstraintComponent",
        "MaxCountConstraintComponent",
        "ClassConstraintComponent",
        "NotConstraintComponent",
        "AndConstraintComponent",
        "XoneConstraintComponent",
        "NodeConstraintComponent",
        "MinCountConstraintComponent",
        "NodeKindConstraintComponent",
        "PatternConstraintComponent",
        "SPARQLConstraintComponent",
    } <= _components(fast)


def test_what_the_compiler_cannot_compile_is_listed() -> None:
    shapes = _shapes(
        """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ;
            sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] ,
                        [ sh:path ex:p ; sh:equals ex:q ] .
        """
    )
    missing = compile_shapes(shapes).uncompiled
    assert any("sh:closed" in m for m in missing)
    assert any("sh:equals" in m for m in missing)
    assert any("sh:path" in m for m in missing)


def _corpus_lines(real: Path, per_format: int | None) -> list[str]:
    """The N-Triples of the real records, folder by folder (tests/data's gold sets left out:
    the corpus has none)."""
    lines: set[str] = set()
    folders = sorted(p for p in real.iterdir() if p.is_dir() and not p.name.endswith("-gold"))
    for folder in folders:
        graphs = [r.graph for r in convert([str(folder)]) if r.graph]
        for g in graphs[:per_format]:
            lines.update(g.lines)
    return sorted(lines)


@pytest.mark.slow
def test_damaged_corpus_same_results_as_pyshacl(real: Path) -> None:
    lines = damaged(_corpus_lines(real, 60))
    fast = fast_rows(lines, shipped())
    assert fast == pyshacl_rows(lines, shapes_graph())
    assert len(_components(fast)) >= 9 and len(fast) > 1000


@pytest.mark.slow
def test_whole_corpus_same_results_as_pyshacl(real: Path) -> None:
    lines = _corpus_lines(real, None)
    assert fast_rows(lines, shipped()) == pyshacl_rows(lines, shapes_graph())


@pytest.mark.corpus
def test_convert_validation_is_graph_by_graph_as_pyshacl_would(real: Path) -> None:
    """convert --validate checks each trial graph on its own: pyshacl's results graph by graph."""
    graphs = [r.graph for r in convert([str(real / "ctgov-xml")]) if r.graph][:12]
    broken = [  # blank nodes left out: each parser labels them its own way
        replace(g, lines=tuple(x for x in damaged(list(g.lines)) if not x.startswith("_:")))
        for g in graphs
    ]
    fast = validate_graphs(broken, engine=Engine.FAST)
    expected = set()
    for g in broken:
        data = Graph()
        data.parse(data="".join(g.lines), format="nt")
        expected |= {_row(r) for r in validate_graph(data).results}
    assert {_row(r) for r in fast.results} == expected and len(expected) > 50
    assert len(fast.results) == len(set(fast.results))  # each result once


def _row(r: ValidationResult) -> tuple[object, ...]:
    return (r.severity, r.focus, r.path, r.value, r.constraint)


def _validate_cli(*args: str) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


def test_validate_command_fast_and_pyshacl_print_the_same(tmp_path: Path) -> None:
    broken = tmp_path / "broken.nt"
    broken.write_text("".join(_lines(SHIPPED_CASES["node"][0] + SHIPPED_CASES["or"][0])))
    fast = _validate_cli(str(broken))
    reference = _validate_cli(str(broken), "--engine", "pyshacl")
    assert fast == reference
    assert fast[0] == 1 and "example.org/phase-9" in fast[1] and "17/05/2021" in fast[1]
    assert "violations" in fast[2]


def test_validate_command_says_when_it_falls_back_to_pyshacl(tmp_path: Path) -> None:
    shapes = tmp_path / "mine.ttl"
    shapes.write_text(
        TTL_PREFIXES + "ex:S a sh:NodeShape ; sh:targetClass tkg:Trial ; sh:closed true ;"
        " sh:ignoredProperties ( <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ) .\n"
    )
    data = tmp_path / "trial.nt"
    data.write_text("".join(_lines(TRIAL)))
    code, out, err = _validate_cli(str(data), "--shapes", str(shapes))
    assert "cannot compile" in err and "sh:closed" in err and "pyshacl" in err
    assert code == 1 and "ClosedConstraintComponent" in _closed_results(data, shapes)
    assert out.count("\n") == len(_closed_results(data, shapes))


def _closed_results(data: Path, shapes: Path) -> list[str]:
    report = validate_file(str(data), engine=Engine.PYSHACL, extra_shapes=[str(shapes)])
    return [r.constraint for r in report.results]
