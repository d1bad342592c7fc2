"""Subcommands imported when run, not at every ``trialkg`` start.

``trialkg --help`` lists them from the short help below (a test keeps it equal to each
command's own); ``trialkg query ...`` imports only kg.cli.query.
"""

from __future__ import annotations

import importlib

import click

# name -> (module, attribute, short help: the first paragraph of the command's help)
LAZY: dict[str, tuple[str, str, str]] = {
    "audit": ("kg.cli.audit", "audit", "Field coverage: per format and source field, records "
              "where it is present, mapped, ignored or dropped (exit 1 when any field is "
              "dropped)."),
    "criteria": ("kg.cli.criteria", "criteria", "Eligibility criteria as typed constraints "
                 "(age, sex, thresholds, temporal, mentions)."),
    "demo": ("kg.cli.demo", "demo", "Convert the bundled examples, validate, load an embedded "
             "store, run two queries."),
    "export": ("kg.cli.store_commands", "export", "Dump an embedded store as sharded N-Quads "
               "for bulk loaders, with a VoID/DCAT description, or export its trials to FHIR, "
               "Wikidata QuickStatements, Biolink KGX or schema.org."),
    "fetch": ("kg.cli.fetch", "fetch", "Download trial records from registry APIs."),
    "history": ("kg.cli.linked", "history", "What changed between the kept versions of a "
                "trial (ID or IRI): status, dates, sample size, outcomes, criteria."),
    "link": ("kg.cli.link", "link", "Link condition and intervention strings to MeSH "
             "(+ crosswalks); write SSSOM."),
    "load": ("kg.cli.store_commands", "load", "Load records into a triple store: one named "
             "graph per trial, newer versions replace older."),
    "query": ("kg.cli.query", "query", "Run a bundled query (see `trialkg queries`) on a "
              "store, an endpoint or data files."),
    "report": ("kg.cli.linked", "report", "Studies registered in several registers and where "
               "their registrations disagree (target size, start date, status, phase)."),
    "serve": ("kg.cli.store_commands", "serve", "Serve an embedded store as a SPARQL endpoint "
              "(read-only by default; Ctrl-C stops), with a page for every IRI under the base "
              "(HTML, Turtle, JSON-LD, N-Triples) and an overview at /."),
    "shell": ("kg.cli.query", "shell", "Answer many queries with one store open: one per line "
              "of stdin."),
    "vocab": ("kg.cli.vocab", "vocab", "Write controlled vocabularies that trialkg links to."),
}  # fmt: skip


class LazyGroup(click.Group):
    """A group whose ``LAZY`` commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY and cmd_name not in self.commands:
            module, attribute, _ = LAZY[cmd_name]
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list without importing the lazy commands (their short help is above)."""
        names = [n for n in self.list_commands(ctx) if n in self.commands or n in LAZY]
        limit = formatter.width - 6 - max((len(n) for n in names), default=0)
        rows: list[tuple[str, str]] = []
        for name in names:
            command = self.commands.get(name)
            if command is None:
                stub = click.Command(name, help=LAZY[name][2])
                rows.append((name, stub.get_short_help_str(limit)))
            elif not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
