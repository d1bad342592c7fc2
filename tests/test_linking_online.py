"""Online lookups against a local replay server only (127.0.0.1), then replayed offline."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from kg.linking import Linker

REPLAY = json.loads((Path(__file__).parent / "fixtures" / "linking" / "replay.json").read_text())


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = parse_qs(url.query)
        text = (query.get("label") or query.get("q") or query.get("term") or [""])[0]
        _Handler.hits.append(url.path)
        body = REPLAY.get(url.path, {}).get(text)
        if body is None:
            body = [] if url.path.startswith("/mesh") else {}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.hits.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _bases(url: str) -> dict[str, str]:
    return {"mesh": url, "ols": url, "rxnav": url}


def test_online_answers_are_used_cached_and_replayed(server: str, tmp_path: Path) -> None:
    linker = Linker.load(online=True, cache_dir=tmp_path, online_base_urls=_bases(server))
    links = linker.link("Quaxitis", "condition")
    by_target = {lk.target: lk for lk in links}
    assert by_target["mesh:D003882"].match_type == "online"
    assert by_target["mesh:D003882"].source == "online:mesh-lookup"
    assert [lk.target for lk in linker.link("Blorpitis", "condition")] == ["MONDO:9000009"]
    assert [lk.target for lk in linker.link("zintrafax", "intervention")] == ["rxnorm:9990077"]
    assert linker.link("Dermatomyositis", "condition")[0].match_type == "exact-label"
    calls = len(_Handler.hits)
    assert calls >= 4
    # offline replay from the cache: same answers, no request
    replay = Linker.load(offline_replay=True, cache_dir=tmp_path, online_base_urls=_bases(server))
    assert {lk.target for lk in replay.link("Quaxitis", "condition")} == set(by_target)
    assert len(_Handler.hits) == calls


def test_replay_without_cache_does_not_touch_the_network(server: str, tmp_path: Path) -> None:
    linker = Linker.load(offline_replay=True, cache_dir=tmp_path, online_base_urls=_bases(server))
    assert linker.link("Quaxitis", "condition") == []
    assert _Handler.hits == []


def test_offline_by_default(tmp_path: Path) -> None:
    assert Linker.load(cache_dir=tmp_path).online is None
