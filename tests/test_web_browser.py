"""`trialkg serve` in a real browser: Debian's headless Chromium driven by Playwright's Python API.

Playwright is pointed at the system browser (/usr/bin/chromium, or $TRIALKG_CHROMIUM): it
downloads nothing. Screenshots go to $TRIALKG_TEST_ARTIFACTS (default build/test-artifacts).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

import kg
from kg.clusters import rebuild
from kg.stores.embedded import EmbeddedStore

from .conftest import FIXTURES, ROOT
from .servers import trialkg_serve
from .test_web_site import HOSTILE_TITLE, load_with_hostile

pytestmark = pytest.mark.integration
CHROMIUM = os.environ.get("TRIALKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
ARTIFACTS = Path(os.environ.get("TRIALKG_TEST_ARTIFACTS") or ROOT / "build" / "test-artifacts")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store_dir = tmp_path_factory.mktemp("web") / "store"
    store = EmbeddedStore(store_dir)
    records = [
        str(FIXTURES / "ctgov" / "NCT04946669.json"),
        str(FIXTURES / "queries" / "trials.xml"),
    ]
    load_with_hostile(store, records)
    rebuild(store)
    store.close()
    del store
    with trialkg_serve(store_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"Chromium not installed at {CHROMIUM} (scripts/install-servers.sh installs "
                    "Debian's chromium where apt-get is available)")  # fmt: skip
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_trial_page_renders_title_conditions_criteria(served: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{served}/trialkg/id/trial/NCT04946669")
    _shot(page, "trial-NCT04946669")
    assert page.title().startswith("An Exploratory Study on the Efficacy and Safety of Abatacept")
    assert "Abatacept" in page.inner_text("h1#title")
    assert "Dermatomyositis" in page.inner_text("#conditions")
    assert "Bohan-Peter" in page.inner_text("#criteria")
    marked = page.locator("#criteria mark.constraint").all_inner_texts()
    assert "aged 18 years or older" in marked  # the structured age constraint, highlighted
    page.click(
        "#conditions a:text-is('Dermatomyositis')"
    )  # links work: the condition's page lists the trial
    _shot(page, "condition-dermatomyositis")
    assert page.url.endswith("/trialkg/id/condition/dermatomyositis")
    assert page.locator('a[href="/trialkg/id/trial/NCT04946669"]').count() == 1
    page.close()


def test_injected_markup_renders_as_text(served: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{served}/trialkg/id/trial/NCT09999913")
    _shot(page, "trial-injection")
    assert page.inner_text("h1#title") == HOSTILE_TITLE
    assert page.title() != "pwned"
    assert page.locator("main script").count() == 0 and page.locator("main img").count() == 0
    assert page.locator("h1#title b").count() == 0
    page.close()


def test_overview_plots_and_search(served: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(served + "/")
    page.wait_for_load_state("networkidle")
    _shot(page, "overview")
    images = page.locator("figure img")
    assert images.count() == 7
    widths = page.eval_on_selector_all("figure img", "els => els.map(e => e.naturalWidth)")
    assert all(w > 0 for w in widths)  # each SVG plot loaded and drew
    page.fill('input[name="q"]', "testitis")
    page.click('button[type="submit"]')
    _shot(page, "search-testitis")
    assert page.locator('a[href="/trialkg/id/trial/NCT09980001"]').count() == 1
    page.close()


def test_machines_get_turtle_with_vary(served: str) -> None:
    from pyoxigraph import RdfFormat, parse

    r = requests.get(f"{served}/trialkg/id/trial/NCT04946669", headers={"Accept": "text/turtle"})
    assert r.ok and r.headers["Content-Type"].startswith("text/turtle")
    assert r.headers["Vary"] == "Accept"
    subjects = {t.subject.value for t in parse(r.content, RdfFormat.TURTLE)}
    assert "https://w3id.org/trialkg/id/trial/NCT04946669" in subjects
    refused = requests.post(f"{served}/update", data={"update": "DROP ALL"})
    assert refused.status_code == 403  # the pages sit beside a read-only endpoint
    assert kg.__version__
