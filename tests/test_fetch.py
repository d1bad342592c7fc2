"""`trialkg fetch ctgov` against a local replay of the API v2, with injected faults.

No test touches the internet: every request goes to a ReplayServer on 127.0.0.1.
"""

from __future__ import annotations

import email.utils
import importlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.replay_server

from kg.cli.fetch import fetch
from kg.ctgov_api import CtgovClient, FetchError, RetryPolicy, StudyQuery
from kg.fetch import (
    FetchState,
    StateConflict,
    fetch_to_file,
    fetch_to_stream,
    part_path,
    state_path,
)
from tests.replay_server import (
    FAULT_KINDS,
    Fault,
    ReplayServer,
    corpus_studies,
    nct_id,
    replicate,
)

REPO = Path(__file__).resolve().parents[1]
STUDIES = replicate(corpus_studies(), 120)


class FakeTime:
    """An injectable clock and sleep: records requested delays, never really sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def make_client(
    server: ReplayServer,
    fake: FakeTime,
    *,
    retries: int = 4,
    read_timeout: float = 10.0,
    rate: float = 0.0,
) -> CtgovClient:
    import random

    return CtgovClient(
        server.base_url,
        connect_timeout=5.0,
        read_timeout=read_timeout,
        policy=RetryPolicy(retries=retries, base_delay=0.5, max_delay=4.0),
        rate=rate,
        sleep=fake.sleep,
        clock=fake.clock,
        rng=random.Random(42),
    )


def read_lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def study_requests(server: ReplayServer) -> list[dict[str, str]]:
    return [served.params for served in server.served if served.path == "/api/v2/studies"]


# --- the whole run, clean and under faults -------------------------------------------------


def test_clean_fetch_writes_exactly_the_servers_records(tmp_path: Path) -> None:
    out = tmp_path / "all.ndjson"
    fake = FakeTime()
    with ReplayServer(STUDIES) as server:
        result = fetch_to_file(make_client(server, fake), StudyQuery(page_size=25), out)
        expected = server.expected_lines()
    assert read_lines(out) == expected
    assert len(expected) == 120
    assert (result.records, result.pages, result.retries) == (120, 5, 0)
    assert result.total_count == 120
    state = FetchState.load(state_path(out))
    assert state.complete and state.stopped_by == "end"
    assert state.offset == out.stat().st_size
    params = study_requests(server)
    assert params[0]["countTotal"] == "true" and "pageToken" not in params[0]
    assert all("countTotal" not in p and p["pageToken"] for p in params[1:])
    assert all(p["format"] == "json" and p["pageSize"] == "25" for p in params)


@pytest.mark.parametrize("kind", [k for k in FAULT_KINDS if k not in ("400", "slow")])
@pytest.mark.parametrize("request_number", [1, 3])
def test_every_fault_kind_is_survived(tmp_path: Path, kind: str, request_number: int) -> None:
    out = tmp_path / f"{kind}.ndjson"
    fake = FakeTime()
    faults = {request_number: Fault(kind), request_number + 1: Fault(kind)}
    with ReplayServer(STUDIES, faults=faults) as server:
        result = fetch_to_file(make_client(server, fake), StudyQuery(page_size=30), out)
        expected = server.expected_lines()
    assert read_lines(out) == expected
    assert result.retries == 2
    assert len(server.served) == 4 + 2
    assert len(fake.sleeps) == 2  # one backoff per retry (no rate limit in this test)


def test_slow_answer_beyond_read_timeout_is_retried(tmp_path: Path) -> None:
    out = tmp_path / "slow.ndjson"
    fake = FakeTime()
    with ReplayServer(STUDIES, faults={2: Fault("slow", delay=5.0)}) as server:
        client = make_client(server, fake, read_timeout=1.0)
        result = fetch_to_file(client, StudyQuery(page_size=60), out)
        expected = server.expected_lines()
    assert read_lines(out) == expected
    assert result.retries == 1
    assert [s.fault for s in server.served] == [None, "slow", None]


def test_all_faults_in_one_run(tmp_path: Path) -> None:
    out = tmp_path / "chaos.ndjson"
    fake = FakeTime()
    plan = {
        1: Fault("429", retry_after="2"),
        2: Fault("drop"),
        4: Fault("truncate"),
        5: Fault("503"),
        6: Fault("garbage"),
        8: Fault("truncate-close"),
        9: Fault("500"),
        11: Fault("slow", delay=5.0),
    }
    with ReplayServer(STUDIES, faults=plan) as server:
        client = make_client(server, fake, read_timeout=1.0)
        result = fetch_to_file(client, StudyQuery(page_size=20), out)
        expected = server.expected_lines()
    lines = read_lines(out)
    assert lines == expected
    ids = [json.loads(line)["protocolSection"]["identificationModule"]["nctId"] for line in lines]
    assert ids == [nct_id(study) for study in STUDIES]
    assert len(set(ids)) == len(ids)
    assert result.retries == len(plan)
    assert fake.sleeps[0] == 2.0


def test_retry_after_seconds_and_http_date_are_honoured(tmp_path: Path) -> None:
    fake = FakeTime()
    soon = email.utils.formatdate(time.time() + 30, usegmt=True)
    plan = {1: Fault("429", retry_after="3"), 2: Fault("503", retry_after=soon)}
    with ReplayServer(STUDIES, faults=plan) as server:
        fetch_to_file(make_client(server, fake), StudyQuery(page_size=100), tmp_path / "o.ndjson")
    assert fake.sleeps[0] == 3.0
    assert 25.0 <= fake.sleeps[1] <= 30.0


def test_huge_retry_after_is_capped(tmp_path: Path) -> None:
    fake = FakeTime()
    with ReplayServer(STUDIES, faults={1: Fault("429", retry_after="86400")}) as server:
        fetch_to_file(make_client(server, fake), StudyQuery(page_size=100), tmp_path / "o.ndjson")
    assert fake.sleeps == [RetryPolicy().max_retry_after]


def test_backoff_grows_with_full_jitter(tmp_path: Path) -> None:
    fake = FakeTime()
    with ReplayServer(STUDIES, faults=lambda n: Fault("503") if n <= 5 else None) as server:
        client = make_client(server, fake, retries=6)
        fetch_to_file(client, StudyQuery(page_size=100), tmp_path / "o.ndjson")
    assert len(fake.sleeps) == 5
    assert all(0.0 <= s <= min(4.0, 0.5 * 2**n) for n, s in enumerate(fake.sleeps))
    assert len(set(fake.sleeps)) == 5  # jittered, not a fixed schedule


def test_polite_rate_spaces_requests(tmp_path: Path) -> None:
    fake = FakeTime()
    with ReplayServer(STUDIES) as server:
        client = make_client(server, fake, rate=4.0)
        fetch_to_file(client, StudyQuery(page_size=40), tmp_path / "o.ndjson")
    assert fake.sleeps == pytest.approx([0.25, 0.25])


def test_client_error_is_not_retried(tmp_path: Path) -> None:
    fake = FakeTime()
    with (
        ReplayServer(STUDIES, faults={1: Fault("400")}) as server,
        pytest.raises(FetchError, match="HTTP 400"),
    ):
        fetch_to_file(make_client(server, fake), StudyQuery(), tmp_path / "o.ndjson")
    assert len(server.served) == 1


# --- failure, resume, exactly once ----------------------------------------------------------


def test_exhausted_retries_keep_progress_and_resume_exactly_once(tmp_path: Path) -> None:
    out = tmp_path / "resume.ndjson"
    fake = FakeTime()
    with ReplayServer(STUDIES, faults=lambda n: Fault("503") if n >= 3 else None) as server:
        with pytest.raises(FetchError, match=r"after 3 attempts: HTTP 503") as failure:
            fetch_to_file(make_client(server, fake, retries=2), StudyQuery(page_size=25), out)
        partial = failure.value.partial
        assert partial is not None and (partial.records, partial.pages) == (50, 2)
        state = FetchState.load(state_path(out))
        assert (state.pages, state.records, state.complete) == (2, 50, False)
        assert state.retries == 2
        assert not out.exists()  # the output appears only when complete
        assert read_lines(part_path(out)) == server.expected_lines()[:50]

        with part_path(out).open("ab") as handle:  # as if killed while writing the next page
            handle.write(b'{"protocolSection":{"identificationModule":{"nctId":"NCT9')
        server.faults = {}
        resumed = fetch_to_file(make_client(server, fake), StudyQuery(page_size=25), out)
        assert resumed.resumed and resumed.records == 120
        assert read_lines(out) == server.expected_lines()
        assert study_requests(server)[-3]["pageToken"] == state.next_page_token


def test_rerun_of_a_complete_fetch_does_nothing(tmp_path: Path) -> None:
    out = tmp_path / "done.ndjson"
    fake = FakeTime()
    with ReplayServer(STUDIES) as server:
        fetch_to_file(make_client(server, fake), StudyQuery(page_size=50), out)
        before = len(server.served)
        again = fetch_to_file(make_client(server, fake), StudyQuery(page_size=50), out)
        assert again.already_complete and again.records == 120
        assert len(server.served) == before
        fresh = fetch_to_file(
            make_client(server, fake), StudyQuery(page_size=50), out, restart=True
        )
        assert not fresh.already_complete and len(server.served) == 2 * before
    assert len(read_lines(out)) == 120


def test_state_of_another_query_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "q.ndjson"
    fake = FakeTime()
    with ReplayServer(STUDIES) as server:
        fetch_to_file(make_client(server, fake), StudyQuery(term="cancer"), out)
        with pytest.raises(StateConflict, match="another query"):
            fetch_to_file(make_client(server, fake), StudyQuery(term="asthma"), out)


def test_existing_output_without_state_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "mine.ndjson"
    out.write_text("precious\n")
    with ReplayServer(STUDIES) as server, pytest.raises(StateConflict, match="--restart"):
        fetch_to_file(make_client(server, FakeTime()), StudyQuery(), out)
    assert out.read_text() == "precious\n"


def test_kill_before_the_first_byte_resumes(tmp_path: Path) -> None:
    out = tmp_path / "early.ndjson"
    fake = FakeTime()
    with ReplayServer(STUDIES, faults={1: Fault("503")}) as server:
        with pytest.raises(FetchError):
            fetch_to_file(make_client(server, fake, retries=0), StudyQuery(page_size=50), out)
        assert FetchState.load(state_path(out)).pages == 0
        part_path(out).unlink()  # the state was saved, the part file not yet created
        result = fetch_to_file(make_client(server, fake), StudyQuery(page_size=50), out)
        assert result.resumed and result.records == 120
        assert read_lines(out) == server.expected_lines()


def test_the_output_is_replaced_only_when_complete(tmp_path: Path) -> None:
    """fetch -o FILE writes FILE.part and renames it when the last page is in: a failed
    --restart leaves the old complete FILE byte-identical, a rerun resumes and replaces
    it, and a kill between the last state and the rename is finished by the rerun."""
    out = tmp_path / "atomic.ndjson"
    fake = FakeTime()
    with ReplayServer(STUDIES) as server:
        fetch_to_file(make_client(server, fake), StudyQuery(page_size=50), out)
        before = out.read_bytes()
        first = len(server.served)
        server.faults = lambda n: Fault("503") if n > first + 1 else None
        with pytest.raises(FetchError):
            fetch_to_file(make_client(server, fake, retries=0), StudyQuery(page_size=30), out,
                          restart=True)  # fmt: skip
        assert out.read_bytes() == before  # the old output, untouched
        assert len(read_lines(part_path(out))) == 30  # the new run's progress
        server.faults = {}
        again = fetch_to_file(make_client(server, fake), StudyQuery(page_size=30), out)
        assert again.resumed and not part_path(out).exists()
        assert read_lines(out) == server.expected_lines()
        out.rename(part_path(out))  # as if killed after the complete state, before the rename
        done = fetch_to_file(make_client(server, fake), StudyQuery(page_size=30), out)
        assert done.already_complete and read_lines(out) == server.expected_lines()


def test_output_shorter_than_its_state_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "cut.ndjson"
    fake = FakeTime()
    with ReplayServer(STUDIES, faults=lambda n: Fault("503") if n >= 2 else None) as server:
        with pytest.raises(FetchError):
            fetch_to_file(make_client(server, fake, retries=0), StudyQuery(page_size=10), out)
        part_path(out).write_bytes(part_path(out).read_bytes()[:100])
        with pytest.raises(StateConflict, match="shorter"):
            fetch_to_file(make_client(server, fake), StudyQuery(page_size=10), out)


def test_max_truncates_the_last_page(tmp_path: Path) -> None:
    out = tmp_path / "max.ndjson"
    with ReplayServer(STUDIES) as server:
        client = make_client(server, FakeTime())
        result = fetch_to_file(client, StudyQuery(page_size=20), out, max_records=45)
        assert read_lines(out) == server.expected_lines()[:45]
    assert (result.records, result.pages) == (45, 3)
    assert len(server.served) == 3
    assert FetchState.load(state_path(out)).stopped_by == "max"


def test_max_below_page_size_asks_for_a_smaller_page(tmp_path: Path) -> None:
    with ReplayServer(STUDIES) as server:
        client = make_client(server, FakeTime())
        result = fetch_to_file(client, StudyQuery(), tmp_path / "o.ndjson", max_records=7)
    assert result.records == 7
    assert [p["pageSize"] for p in study_requests(server)] == ["7"]


def test_filters_reach_the_server(tmp_path: Path) -> None:
    wanted = (nct_id(STUDIES[5]), nct_id(STUDIES[77]))
    out = tmp_path / "ids.ndjson"
    with ReplayServer(STUDIES) as server:
        fetch_to_file(make_client(server, FakeTime()), StudyQuery(ids=wanted), out)
        assert study_requests(server)[0]["filter.ids"] == ",".join(wanted)
        assert read_lines(out) == server.expected_lines(**{"filter.ids": ",".join(wanted)})
    assert len(read_lines(out)) == 2


def test_stream_output_has_the_same_lines(tmp_path: Path) -> None:
    import io

    sink = io.BytesIO()
    with ReplayServer(STUDIES, faults={2: Fault("truncate")}) as server:
        result = fetch_to_stream(make_client(server, FakeTime()), StudyQuery(page_size=50), sink)
        assert sink.getvalue().splitlines(keepends=True) == server.expected_lines()
    assert (result.records, result.pages, result.retries) == (120, 3, 1)


# --- the command ----------------------------------------------------------------------------


def invoke(server: ReplayServer, *args: str) -> tuple[int, bytes, str]:
    env = {"TRIALKG_CTGOV_BASE_URL": server.base_url}
    fast = ["--rate", "0", "--backoff", "0.001"]
    result = CliRunner().invoke(fetch, ["ctgov", *fast, *args], env=env)
    return result.exit_code, result.stdout_bytes, result.stderr


def test_cli_fetches_through_faults(tmp_path: Path) -> None:
    out = tmp_path / "cli.ndjson"
    with ReplayServer(STUDIES, faults={2: Fault("drop"), 3: Fault("503")}) as server:
        code, _, err = invoke(server, "--page-size", "40", "-o", str(out))
        assert code == 0, err
        assert read_lines(out) == server.expected_lines()
    assert err.strip().splitlines()[-1] == "fetched 120 studies in 3 pages (2 retries)"


def test_cli_gives_up_with_exit_1_and_resumes(tmp_path: Path) -> None:
    out = tmp_path / "cli.ndjson"
    with ReplayServer(STUDIES, faults=lambda n: Fault("503") if n >= 2 else None) as server:
        code, _, err = invoke(server, "--page-size", "30", "--retries", "1", "-o", str(out))
        assert code == 1
        assert "error: gave up" in err and "HTTP 503" in err
        assert "fetched 30 studies in 1 pages (1 retries)" in err
        assert "run the same command again" in err
        server.faults = {}
        code, _, err = invoke(server, "--page-size", "30", "--retries", "1", "-o", str(out))
        assert code == 0, err
        assert "resumed" in err
        assert read_lines(out) == server.expected_lines()
        code, _, err = invoke(server, "--page-size", "30", "--retries", "1", "-o", str(out))
        assert code == 0 and "already complete" in err


def test_cli_stdout(tmp_path: Path) -> None:
    with ReplayServer(STUDIES) as server:
        code, stdout, err = invoke(server, "--max", "33", "--page-size", "10", "-o", "-")
        assert code == 0, err
        assert stdout.splitlines(keepends=True) == server.expected_lines()[:33]
    assert "fetched 33 studies in 4 pages (0 retries)" in err


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "u.ndjson"
    with ReplayServer(STUDIES) as server:
        assert invoke(server, "--id", "NCT1", "-o", str(out))[0] == 2
        assert invoke(server, "--page-size", "5000", "-o", str(out))[0] == 2
        assert invoke(server, "--cond", "a", "-o", str(out))[0] == 0
        code, _, err = invoke(server, "--cond", "b", "-o", str(out))
        assert code == 2 and "another query" in err
        assert invoke(server, "--cond", "b", "--restart", "-o", str(out))[0] == 0


def test_cli_repeated_and_comma_separated_ids(tmp_path: Path) -> None:
    ids = [nct_id(STUDIES[i]) for i in (3, 4, 90)]
    out = tmp_path / "ids.ndjson"
    with ReplayServer(STUDIES) as server:
        code, _, err = invoke(server, "--id", f"{ids[0]},{ids[1]}", "--id", ids[2], "-o", str(out))
        assert code == 0, err
        assert study_requests(server)[0]["filter.ids"] == ",".join(ids)
    got = [nct_id(json.loads(line)) for line in read_lines(out)]
    assert got == ids


# --- killed mid-run -------------------------------------------------------------------------


def run_cli_process(server: ReplayServer, out: Path) -> subprocess.Popen[bytes]:
    code = "import sys; from kg.cli.fetch import fetch; fetch(sys.argv[1:], 'trialkg fetch')"
    args = ["ctgov", "--page-size", "10", "--rate", "0", "--backoff", "0.01", "-o", str(out)]
    env = {**os.environ, "TRIALKG_CTGOV_BASE_URL": server.base_url, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for(condition: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the fetch process")
        time.sleep(0.05)


@pytest.mark.slow
def test_resume_after_sigkill_mid_run(tmp_path: Path) -> None:
    out = tmp_path / "killed.ndjson"
    with ReplayServer(STUDIES, faults={5: Fault("slow", delay=60.0)}) as server:
        process = run_cli_process(server, out)
        try:
            wait_for(lambda: len(server.served) >= 5)  # page 5 is hanging in the server
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL
        state = FetchState.load(state_path(out))
        assert (state.pages, state.records, state.complete) == (4, 40, False)
        with out.open("ab") as handle:  # a page half-written when the kill came
            handle.write(b'{"protocolSection":{"identificationModule":{"nctId":"NCT9000004')

        second = run_cli_process(server, out)
        _, err = second.communicate(timeout=60)
        assert second.returncode == 0, err.decode()
        assert read_lines(out) == server.expected_lines()
        assert b"fetched 120 studies in 12 pages" in err
        resumed_at = study_requests(server)[5]
        assert resumed_at["pageToken"] == state.next_page_token


# --- volume and the reader on the other side ------------------------------------------------


@pytest.mark.slow
def test_volume_of_a_few_thousand_studies(tmp_path: Path) -> None:
    studies = replicate(corpus_studies(), 3000, first=91_000_001)
    out = tmp_path / "volume.ndjson"
    plan = {2: Fault("truncate"), 3: Fault("drop"), 5: Fault("429", retry_after="1")}
    with ReplayServer(studies, faults=plan) as server:
        result = fetch_to_file(make_client(server, FakeTime()), StudyQuery(page_size=1000), out)
        expected = server.expected_lines()
    assert result.records == 3000 and result.pages == 3 and result.retries == 3
    lines = read_lines(out)
    assert lines == expected
    assert len({nct_id(json.loads(line)) for line in lines}) == 3000


def test_output_reads_with_the_ctgov_json_parser(tmp_path: Path) -> None:
    try:
        parser = importlib.import_module("kg.parsers.ctgov_json")
    except ImportError as err:
        pytest.skip(f"kg.parsers.ctgov_json is not available yet: {err}")
    out = tmp_path / "parse.ndjson"
    with ReplayServer(STUDIES[:30]) as server:
        fetch_to_file(make_client(server, FakeTime()), StudyQuery(page_size=7), out)
    assert parser.sniff(out.read_bytes()[:65536])
    with out.open("rb") as stream:
        results = list(parser.parse(stream, str(out)))
    assert len(results) == 30
    parsed = [r.main_id for r in results if hasattr(r, "main_id")]
    assert parsed  # at least the full records convert
    assert set(parsed) <= {nct_id(study) for study in STUDIES[:30]}
