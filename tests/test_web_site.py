"""The browsable serve, without a server: pages, content negotiation, escaping, plots."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

import kg
from kg.clusters import rebuild
from kg.mapping import TrialGraph, trial_graph
from kg.model import Provenance, TrialRecord
from kg.namespaces import TKG
from kg.stores.embedded import EmbeddedStore
from kg.web.site import Site

from .conftest import FIXTURES

SEEDED = FIXTURES / "ctgov" / "NCT04946669.json"
TRIAL = "/trialkg/id/trial/NCT04946669"
# Parsers strip markup from registry text, so the hostile trial goes into the graph through
# the mapper (as data from any other writer of the store could): the page must show it as text.
HOSTILE_TITLE = '<script>document.title="pwned"</script> Injection test <b>not bold</b>'
HOSTILE_CONDITION = "<img src=x onerror=\"document.title='pwned'\">Dermatomyositis"


def hostile_graph() -> TrialGraph:
    record = TrialRecord("NCT09999913", Provenance("ctgov-json", "hostile.json", 1),
                         public_title=HOSTILE_TITLE, conditions=[HOSTILE_CONDITION])  # fmt: skip
    return trial_graph(record)


def load_with_hostile(store: EmbeddedStore, paths: list[str]) -> EmbeddedStore:
    graphs = [*kg.to_graphs(kg.parse(paths)), hostile_graph()]
    store.replace_graphs({g.graph: g.ntriples() for g in graphs})
    return store


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(load_with_hostile(EmbeddedStore(), [str(SEEDED)]))


def test_trial_page_for_browsers(site: Site) -> None:
    r = site.handle(TRIAL, "text/html,application/xhtml+xml,*/*;q=0.8")
    assert r.status == 200 and r.content_type.startswith("text/html")
    assert r.headers["Vary"] == "Accept"
    html = r.body.decode()
    assert '<h1 id="title">An Exploratory Study on the Efficacy and Safety of Abatacept' in html
    assert 'href="/trialkg/id/condition/dermatomyositis"' in html  # links between pages
    assert "Bohan-Peter criteria" in html
    # structured constraints are marked where they were read, in the criterion's own text
    assert '<mark class="constraint" title="age constraint">aged 18 years or older</mark>' in html


@pytest.mark.parametrize(
    ("accept", "fmt", "media", "syntax"),
    [
        ("text/turtle", None, "text/turtle", RdfFormat.TURTLE),
        ("application/ld+json", None, "application/ld+json", RdfFormat.JSON_LD),
        ("application/n-triples", None, "application/n-triples", RdfFormat.N_TRIPLES),
        ("text/html", "ttl", "text/turtle", RdfFormat.TURTLE),
    ],
)
def test_trial_rdf_by_negotiation(
    site: Site, accept: str, fmt: str | None, media: str, syntax: RdfFormat
) -> None:
    r = site.handle(TRIAL + (f"?format={fmt}" if fmt else ""), accept)
    assert r.status == 200 and r.content_type.startswith(media)
    assert r.headers["Vary"] == "Accept"
    triples = list(parse(r.body, syntax))
    trial = NamedNode("https://w3id.org/trialkg/id" + TRIAL.removeprefix("/trialkg/id"))
    assert any(t.subject == trial and t.predicate == TKG.trialId for t in triples)


def test_unacceptable_and_unknown(site: Site) -> None:
    assert site.handle(TRIAL, "image/png").status == 406
    missing = site.handle("/trialkg/id/trial/NCT00000000", "text/html")
    assert missing.status == 404 and missing.headers["Vary"] == "Accept"
    assert site.handle("/nothing-here", None).status == 404
    hostile = "/trialkg/id/x> ?p ?o } } SELECT * WHERE { GRAPH ?g { ?s ?p <x"
    assert site.handle(hostile, "text/turtle").status == 400  # never spliced into SPARQL


def test_markup_in_the_data_is_text(site: Site) -> None:
    html = site.handle("/trialkg/id/trial/NCT09999913", "text/html").body.decode()
    assert "<script>document.title" not in html
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt; Injection test" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html


def test_shared_nodes_answer_too(site: Site) -> None:
    r = site.handle("/trialkg/id/condition/dermatomyositis", "text/html")
    assert r.status == 200
    assert 'href="/trialkg/id/trial/NCT04946669"' in r.body.decode()  # the trials that cite it
    ttl = site.handle("/trialkg/id/condition/dermatomyositis", "text/turtle")
    assert list(parse(ttl.body, RdfFormat.TURTLE))


def test_vocabulary_and_ontology_terms_answer(site: Site) -> None:
    phase = site.handle("/trialkg/vocab/phase/early-phase-1", "text/html").body.decode()
    assert "Early phase 1" in phase  # its label, from the shipped vocabulary
    assert 'href="/trialkg/id/trial/NCT04946669"' in phase  # and the trials in that phase
    term = site.handle("/trialkg/publicTitle", "text/turtle")
    assert term.status == 200 and b"public title" in term.body


def test_overview_plots_search_and_sparql(site: Site) -> None:
    html = site.handle("/", "text/html").body.decode()
    assert '<img src="/plots/phase.svg"' in html and 'name="q"' in html
    svg = site.handle("/plots/phase.svg", None)
    assert svg.status == 200 and svg.content_type == "image/svg+xml"
    assert b"<svg" in svg.body and b"early-phase-1" in svg.body
    conditions = site.handle("/plots/conditions.svg", None).body.decode()
    assert "dermatomyositis" in conditions.lower()  # concepts by their preferred label
    found = site.handle("/search?q=ABATACEPT", None).body.decode()
    assert 'href="/trialkg/id/trial/NCT04946669"' in found
    q = "SELECT ?id WHERE { GRAPH ?g { ?t <https://w3id.org/trialkg/trialId> ?id } } ORDER BY ?id"
    from urllib.parse import quote

    table = site.handle(f"/sparql?query={quote(q)}", None).body.decode()
    assert "<td>NCT04946669</td>" in table and "<td>NCT09999913</td>" in table
    bad = site.handle(f"/sparql?query={quote('DROP ALL')}", None).body.decode()
    assert "Error" in bad


def test_trial_page_lists_other_registrations() -> None:
    from kg.model import Identifier, SampleSize

    records = [
        TrialRecord("NCT00000301", Provenance("ictrp-xml", "x.xml", 1), public_title="One",
                    secondary_ids=[Identifier("ISRCTN12345678", "isrctn")],
                    target_size=SampleSize("30", 30)),
        TrialRecord("ISRCTN12345678", Provenance("ictrp-xml", "x.xml", 2), public_title="Two",
                    target_size=SampleSize("36", 36)),
    ]  # fmt: skip
    store = EmbeddedStore()
    store.replace_graphs({g.graph: g.ntriples() for g in map(trial_graph, records)})
    rebuild(store)
    html = Site(store).handle("/trialkg/id/trial/NCT00000301", None).body.decode()
    assert 'href="/trialkg/id/trial/ISRCTN12345678">ISRCTN12345678</a>' in html
    assert 'href="/trialkg/id/cluster/ISRCTN12345678">study cluster</a>' in html
    page = Site(store).handle("/trialkg/id/cluster/ISRCTN12345678", None).body.decode()
    assert "<td>target size</td><td>ISRCTN12345678: 36<br>NCT00000301: 30</td>" in page
    overview = Site(store).handle("/", None).body.decode()
    assert "2 trials; 1 studies registered in several registers." in overview


@pytest.mark.corpus
def test_real_trial_pages(real: Path) -> None:
    xml = next((real / "ictrp-xml").glob("*.xml"))
    store = kg.embedded_store(kg.to_graphs(kg.parse([str(xml)])))
    site = Site(store)
    _, rows = store.select(
        "SELECT ?t ?title WHERE { GRAPH ?g { ?g <https://w3id.org/trialkg/aboutTrial> ?t . "
        "?t <https://w3id.org/trialkg/publicTitle> ?title } } ORDER BY ?t LIMIT 5"
    )
    assert len(rows) == 5
    for t, title in rows:
        assert t is not None and title is not None
        path = site.local(t.value)
        html = site.handle(path, "text/html").body.decode()
        from html import escape

        assert escape(title.value, quote=False) in html
        ttl = site.handle(path, "text/turtle")
        assert any(x.subject == t for x in parse(ttl.body, RdfFormat.TURTLE))
