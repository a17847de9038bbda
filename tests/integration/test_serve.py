"""``unspun serve`` as a user starts it: a real server process on a free port, answered over
HTTP, stopped by Ctrl-C or SIGTERM with the command line's own exit statuses."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx", reason="needs the dev extra")
pytest.importorskip("uvicorn", reason="needs the web extra: pip install '.[web]'")

from tests.integration.test_trace import ORIGINALS, SPUN  # noqa: E402
from unspun import Index  # noqa: E402

START_TIMEOUT_S = 120


def start_server(*options: str) -> tuple[subprocess.Popen[str], str]:
    """``unspun serve --port 0 OPTIONS`` and the address it says it serves."""
    server = subprocess.Popen([sys.executable, "-m", "unspun", "serve", "--port", "0", "--log-level", "warning",
                               *options], stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    line = server.stderr.readline()  # the models load before it is written
    found = re.search(r"serving (http://\S+/)", line)
    if not found:
        server.kill()
        pytest.fail(f"no address: {line}{server.stderr.read()}")
    return server, found.group(1)


def stop(server: subprocess.Popen[str], how: signal.Signals) -> tuple[int, str]:
    server.send_signal(how)
    _, said = server.communicate(timeout=60)
    return server.returncode, said


@pytest.mark.parametrize(("how", "status", "said"), [(signal.SIGINT, 130, "interrupted"),
                                                     (signal.SIGTERM, 143, "terminated")])
def test_a_server_answers_then_stops_with_the_commands_status(tmp_path: Path, how: signal.Signals, status: int,
                                                              said: str) -> None:
    index = tmp_path / "originals.db"
    with Index.create(index) as created:
        created.add(ORIGINALS)
    server, address = start_server("--index", str(index), "--min-confidence", "0.5")
    try:
        assert httpx.get(address + "api/health", timeout=30).json()["index"]["documents"] == len(ORIGINALS)
        checked = httpx.post(address + "api/check", json={"text": SPUN}, timeout=60).json()
        assert checked["verdict"] == "spun" and all(f["confidence"] >= 0.5 for f in checked["findings"])
        traced = httpx.post(address + "api/trace", json={"text": SPUN}, timeout=60).json()
        assert traced["matches"][0]["id"] == "harbour"
        assert "unspun" in httpx.get(address, timeout=30).text
    finally:
        returncode, stderr = stop(server, how)
    assert returncode == status and f"unspun: {said}" in stderr and "Traceback" not in stderr


def test_a_port_in_use_is_an_error_line_not_status_1() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "unspun", "serve", "--port", str(port)], capture_output=True,
                                text=True, timeout=START_TIMEOUT_S)
    assert result.returncode == 2 and f"cannot listen on 127.0.0.1 port {port}" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(("options", "said"), [
    (["--index", "no-such.db"], "no such index"),
    (["--port", "70000"], "must be 65535 or less"),
    (["--lm", "gemma3-270m-q4_k_m"], "--lm needs --deep"),
    (["--request-timeout", "0"], "must be a finite number of seconds above 0"),
    (["--request-timeout", "nan"], "must be a finite number of seconds above 0"),
    (["--request-timeout", "inf"], "must be a finite number of seconds above 0"),
    (["--request-timeout", "soon"], "must be a number of seconds"),
    # A name with its port or a final dot matched no Host: every request for it was 403.
    (["--allow-host", "unspun.example.org:8443"], "without a port or a final dot"),
    (["--allow-host", "unspun.example.org."], "without a port or a final dot"),
])
def test_bad_settings_are_refused_before_serving(tmp_path: Path, options: list[str], said: str) -> None:
    result = subprocess.run([sys.executable, "-m", "unspun", "serve", "--port", "0", *options], capture_output=True,
                            text=True, timeout=START_TIMEOUT_S, cwd=tmp_path)
    assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr


def test_answers_are_not_held_back_by_nagles_algorithm() -> None:
    """uvicorn writes an answer's head and body apart; on a kept-alive connection, without
    TCP_NODELAY, the body waited for the client's delayed acknowledgement: 44 ms a request
    (benchmarks/http_api.py). Linux gives the accepted connections the listener's setting."""
    from unspun.cli.serve import _listen

    listening = _listen("127.0.0.1", 0)
    try:
        assert listening.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        listening.close()


def test_without_uvicorn_the_install_line_is_said_before_the_models_load() -> None:
    result = subprocess.run([sys.executable, "-c", "import sys\nsys.modules['uvicorn'] = None\n"
                             "from unspun.cli import main\nsys.exit(main(['serve', '--port', '0']))"],
                            capture_output=True, text=True, timeout=START_TIMEOUT_S)
    assert result.returncode == 2 and "pip install fastapi uvicorn python-multipart" in result.stderr


def _closed_within(address: str, sent: bytes, seconds: float) -> bool:
    """Whether the server closes a connection that sent ``sent`` and then nothing, within ``seconds``."""
    host, port = re.match(r"http://\[?([^\]/]+?)\]?:(\d+)/", address).groups()  # type: ignore[union-attr]
    with socket.create_connection((host, int(port))) as connection:
        connection.sendall(sent)
        connection.settimeout(seconds)
        try:
            while connection.recv(1024):  # an answer, if any, then the close
                pass
        except TimeoutError:
            return False
        return True


def test_a_client_that_sends_its_request_slowly_is_cut_off() -> None:
    # uvicorn kept a connection that sent nothing, or half a head, open for ever (slowloris).
    server, address = start_server("--request-timeout", "1")
    try:
        assert _closed_within(address, b"", 10)
        assert _closed_within(address, b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n", 10)
        body = b'{"text": "A text sent a piece at a time"}'
        head = f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" \
               f"Content-Length: {len(body)}\r\n\r\n".encode()
        assert _closed_within(address, head + body[:10], 10)
        # A request behind a whole one (pipelined), its body never sent: it was held for ever.
        assert _closed_within(address, b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + head, 10)
        # A whole request is answered, and its kept-alive connection then closes when idle.
        assert httpx.post(address + "api/check", json={"text": SPUN}, timeout=60).json()["verdict"] == "spun"
    finally:
        _, stderr = stop(server, signal.SIGTERM)
    assert "Traceback" not in stderr and "Exception" not in stderr, stderr
    # Without the option the default holds the connection longer than this test waits.
    server, address = start_server()
    try:
        assert not _closed_within(address, b"GET /api/health HTTP/1.1\r\n", 3)
    finally:
        stop(server, signal.SIGTERM)
