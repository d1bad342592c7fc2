"""``trialkg demo``: the main job end to end on the bundled example records, offline."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from kg import queries
from kg.cli.common import Counts, make_options, mapped
from kg.resources import data_dir
from kg.serialize import open_output, write_graphs
from kg.stores import loading
from kg.stores.embedded import EmbeddedStore
from kg.validation import validate_graphs


@click.command()
@click.option("--out", "out_dir", default="demo-out", show_default=True, help="Output folder.")
def demo(out_dir: str) -> None:
    """Convert the bundled examples, validate, load an embedded store, run two queries."""
    examples = data_dir("examples")
    out = Path(out_dir)
    if (out / "store").exists():
        shutil.rmtree(out / "store")
    out.mkdir(parents=True, exist_ok=True)
    options = make_options(None, False, None)
    counts = Counts()
    graphs = list(mapped([str(examples)], None, options, counts))
    for syntax, name in (("ttl", "trials.ttl"), ("nq", "trials.nq.gz")):
        with open_output(str(out / name)) as fh:
            write_graphs(graphs, fh, syntax, options.base)
    click.echo(f"1. converted {examples}: {counts.line()}")
    click.echo(f"   wrote {out / 'trials.ttl'} and {out / 'trials.nq.gz'}")
    report = validate_graphs(graphs)
    click.echo(
        f"2. validated with the SHACL shapes: {len(report.violations)} violations, "
        f"{len(report.warnings)} warnings"
    )
    store = EmbeddedStore(out / "store")
    loaded = loading.load(graphs, store)
    click.echo(f"3. loaded an embedded store at {out / 'store'}: {loaded.counts()}")
    for name, params in (
        ("counts-by-phase-status", {}),
        ("trials-by-condition", {"condition": "asthma"}),
    ):
        q = queries.get(name)
        variables, rows = store.select(q.bind_values(params))
        click.echo(f"4. query {name} {params or ''}: {len(rows)} rows")
        for row in rows[:5]:
            cells = ["-" if t is None else t.value.rsplit("/", 1)[-1] for t in row]
            click.echo(
                "   " + " | ".join(f"{v}={c}" for v, c in zip(variables, cells, strict=True))
            )
    store.close()
    ok = report.conforms and not counts.rejected
    click.echo("demo finished: " + ("all good" if ok else "problems found (see above)"))
    if not ok:
        sys.exit(1)
