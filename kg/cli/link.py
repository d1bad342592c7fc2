"""``trialkg link``: link condition and intervention strings to MeSH, write SSSOM, evaluate.

    trialkg link INPUT... -o mappings.sssom.tsv [--vocab FILE]... [--online]
                 [--evaluate] [--json] [--from FORMAT]

Beside the SSSOM file go ``*.unmapped.tsv`` (unlinked strings ranked by
frequency) and ``*.misfiled.tsv`` (the data-quality report: conditions that
resolve only to a drug, interventions only to a disease).

>>> from click.testing import CliRunner
>>> CliRunner().invoke(link, ["nothing-here"]).exit_code
2
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from kg.atomic import atomic_text
from kg.iris import Minter
from kg.linking.evaluate import EvaluationReport, KindScore, evaluate
from kg.linking.gold import read_gold, score_gold
from kg.linking.link import Link
from kg.linking.linker import Linker
from kg.linking.sssom import write_sssom
from kg.model import TrialRecord
from kg.parsers.base import InputError, Rejected
from kg.reading import read_records


@dataclass
class _Collected:
    pairs: list[tuple[str, Link]] = field(default_factory=list)
    unmapped: list[tuple[str, str]] = field(default_factory=list)
    misfiled: list[tuple[str, str, str, Link]] = field(default_factory=list)
    mentions: int = 0
    rejects: int = 0


def mentions(record: TrialRecord, minter: Minter) -> Iterator[tuple[str, str, str]]:
    """(mention IRI, kind, reported string) for every condition and intervention string.

    >>> from kg.model import Intervention, Provenance
    >>> r = TrialRecord("NCT1", Provenance("t", "t", 1), conditions=["Dermatomyositis"],
    ...     interventions=[Intervention("Drug: Abatacept", "Abatacept", other_names=("Orencia",))])
    >>> for iri, kind, text in mentions(r, Minter()):
    ...     print(iri.split("/trial/")[1], kind, text)
    NCT1/condition/1 condition Dermatomyositis
    NCT1/intervention/1 intervention Abatacept
    NCT1/intervention/1 intervention Orencia
    """
    for i, text in enumerate(record.conditions, 1):
        yield minter.part(record.main_id, "condition", i), "condition", text
    for i, item in enumerate(record.interventions, 1):
        for text in (item.name, *item.other_names):
            yield minter.part(record.main_id, "intervention", i), "intervention", text


def _collect(record: TrialRecord, linker: Linker, minter: Minter, out: _Collected) -> None:
    for iri, kind, text in mentions(record, minter):
        out.mentions += 1
        found = linker.link(text, kind)
        if not found:
            out.unmapped.append((kind, text))
        for lk in found:
            out.pairs.append((iri, lk))
            if lk.misfiled:
                out.misfiled.append((record.main_id, iri, text, lk))


def _write_misfiled(rows: list[tuple[str, str, str, Link]], path: Path) -> None:
    with atomic_text(path) as handle:
        handle.write("record\tmention\tkind\tstring\ttarget\ttarget_label\tsemantic_group\n")
        for record, iri, text, lk in sorted(rows, key=lambda r: (r[0], r[1], r[3].target)):
            handle.write(
                f"{record}\t{iri}\t{lk.kind}\t{text}\t{lk.target}\t{lk.target_label}\t"
                f"{lk.semantic_group}\n"
            )


def _print_report(report: EvaluationReport, misses: int) -> None:
    for name, score in (("conditions", report.conditions), ("interventions", report.interventions)):
        click.echo(
            f"{name}: precision {score.precision:.3f}  recall {score.recall:.3f}  "
            f"(links {score.links}, gold {score.gold}, correct {score.correct}, "
            f"records {score.records}, unresolved gold {score.unresolved_gold})"
        )
        _print_misses(score, misses)


def _print_misses(score: KindScore, limit: int) -> None:
    for m in score.misses[:limit]:
        click.echo(f"  miss   {m.record}  {m.mesh}  {m.label}")
    for m in score.extras[:limit]:
        click.echo(f"  extra  {m.record}  {m.mesh}  from {m.label!r}")


def _evaluate_gold(path: Path, linker: Linker, *, as_json: bool, misses: int) -> None:
    try:
        rows = read_gold(path)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    report = score_gold(rows, linker)
    if as_json:
        json.dump(report.as_dict(), sys.stdout, sort_keys=True)
        sys.stdout.write("\n")
    else:
        _print_report(report, misses)


@click.command("link")
@click.argument("inputs", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="SSSOM TSV to write (unmapped and misfiled reports go beside it).",
)
@click.option(
    "--vocab",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="OBO/OWL, MeSH XML or N-Triples, or RxNorm RXNCONSO.RRF (repeatable).",
)
@click.option("--online", is_flag=True, help="Ask NLM MeSH, EBI OLS and RxNav (cached).")
@click.option(
    "--evaluate",
    "do_evaluate",
    is_flag=True,
    help="Score against ClinicalTrials.gov's own MeSH coding of the records.",
)
@click.option(
    "--evaluate-gold",
    "gold_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Score against a hand-checked TSV (columns kind, string, mesh_ids).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the evaluation as one JSON object.")
@click.option("--from", "fmt", default=None, help="Input format (default: sniffed per file).")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where vocabulary indexes and online answers are cached.",
)
@click.option("--misses", default=20, show_default=True, help="Misses/extras to print per kind.")
def link(
    inputs: tuple[str, ...],
    output: Path | None,
    vocab: tuple[Path, ...],
    online: bool,
    do_evaluate: bool,
    gold_file: Path | None,
    as_json: bool,
    fmt: str | None,
    cache_dir: Path | None,
    misses: int,
) -> None:
    """Link condition and intervention strings to MeSH (+ crosswalks); write SSSOM."""
    if gold_file is not None:
        linker = Linker.load(vocab=vocab, online=online, cache_dir=cache_dir)
        _evaluate_gold(gold_file, linker, as_json=as_json, misses=misses)
        return
    if not inputs:
        raise click.UsageError("give INPUT... (or --evaluate-gold FILE.tsv)")
    if output is None and not do_evaluate:
        raise click.UsageError("give -o FILE.sssom.tsv, --evaluate, or both")
    linker = Linker.load(vocab=vocab, online=online, cache_dir=cache_dir)
    minter = Minter()
    collected = _Collected()

    def records() -> Iterator[TrialRecord]:
        for item in read_records(inputs, fmt):
            if isinstance(item, Rejected):
                collected.rejects += 1
                continue
            if output is not None:
                _collect(item, linker, minter, collected)
            yield item

    try:
        if do_evaluate:
            report = evaluate(records(), linker)
        else:
            for _ in records():
                pass
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    if output is not None:
        write_sssom(collected.pairs, output, unmapped=collected.unmapped)
        _write_misfiled(
            collected.misfiled,
            output.with_name(output.name.replace(".sssom.tsv", "") + ".misfiled.tsv"),
        )
        click.echo(
            f"{collected.mentions} mentions, {len(collected.pairs)} links, "
            f"{len(collected.unmapped)} unmapped, {len(collected.misfiled)} misfiled, "
            f"{collected.rejects} rejected records -> {output}",
            err=True,
        )
    if do_evaluate:
        if as_json:
            json.dump(report.as_dict(), sys.stdout, sort_keys=True)
            sys.stdout.write("\n")
        else:
            _print_report(report, misses)
