"""One namespace table: no http(s):// literal in kg/ outside kg/namespaces.py.

Docstrings (and the doctests in them) are documentation and may show IRIs; every
other string literal, f-string parts included, may not, unless it is listed below
with the reason it is not an IRI prefix.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kg"
TABLE = PACKAGE / "namespaces.py"

# (module, literal) -> why it is not an IRI written into data
ALLOWED: dict[tuple[str, str], str] = {
    ("kg/ctgov_api.py", "https://clinicaltrials.gov/api/v2"): "the API endpoint `fetch` calls",
    ("kg/ctgov_api.py", "https://"): "URL scheme a requests adapter is mounted on",
    ("kg/ctgov_api.py", "http://"): "URL scheme a requests adapter is mounted on",
    ("kg/linking/sources/online.py", "https://id.nlm.nih.gov"): "MeSH lookup service (--online)",
    ("kg/linking/sources/online.py", "https://www.ebi.ac.uk/ols4"): "OLS search service (--online)",
    ("kg/linking/sources/online.py", "https://rxnav.nlm.nih.gov"): "RxNav service (--online)",
    ("kg/stores/servers.py", "http://127.0.0.1:"): "the local test/serve server's own URL",
    ("kg/stores/virtuoso_server.py", "http://127.0.0.1:"): "the local test server's own URL",
    ("kg/stores/gateway.py", "http://"): "the serve gateway's own local URL",
}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string constants that are docstrings."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def raw_iris(path: Path) -> list[tuple[int, str]]:
    """(line, literal) of each non-docstring string literal holding http:// or https://."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and ("http://" in node.value or "https://" in node.value)
        ):
            out.append((node.lineno, node.value))
    return out


def test_raw_iri_finder_sees_plain_and_f_strings(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Doc <https://example.org/doc>."""\n'
        'A = "https://example.org/a"\n'
        'def f(x):\n    """https://example.org/doc"""\n    return f"http://example.org/{x}"\n'
    )
    assert raw_iris(sample) == [(2, "https://example.org/a"), (5, "http://example.org/")]


def test_no_iri_literal_outside_the_namespace_table() -> None:
    found = []
    used = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == TABLE:
            continue
        module = path.relative_to(ROOT).as_posix()
        for line, literal in raw_iris(path):
            if (module, literal) in ALLOWED:
                used.add((module, literal))
            else:
                found.append(f"{module}:{line}: {literal!r}")
    assert not found, "write IRI prefixes in kg/namespaces.py and import them:\n" + "\n".join(found)
    assert used == set(ALLOWED), f"allow-list entries no longer needed: {set(ALLOWED) - used}"


def test_the_table_is_where_the_prefixes_are() -> None:
    assert len(raw_iris(TABLE)) >= 30


def test_linking_prefix_map_agrees_with_the_table() -> None:
    from kg.linking.prefixes import prefix_map
    from kg.linking.sssom import _BUILTIN
    from kg.namespaces import MEDDRA_NS, PREFIXES, TKG_ID_NS

    linking = prefix_map()
    table = {**PREFIXES, "trialkg": TKG_ID_NS, "meddra": MEDDRA_NS}
    shared = set(linking) & set(table)
    assert {"mesh", "skos", "semapv", "trialkg"} <= shared
    for prefix in shared:
        assert linking[prefix] == table[prefix], prefix
    for prefix, uri in _BUILTIN.items():
        assert table.get(prefix, uri) == uri, prefix
