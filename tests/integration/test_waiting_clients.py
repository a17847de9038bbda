"""The engine's queue against a real uvicorn server in this process: a client that leaves
while its request waits for its turn gives its place up (TestClient's clients never leave)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

httpx = pytest.importorskip("httpx", reason="needs the dev extra")
pytest.importorskip("uvicorn", reason="needs the web extra: pip install '.[web]'")

from tests.integration import _served  # noqa: E402
from unspun.web import ServeConfig  # noqa: E402

TORTURED = "We compared an irregular woodland with a support vector machine on the bosom peril data."
WAIT_S = 30


class Served(_served.Served):
    """A live server whose queue a test reads."""

    def waiting(self) -> int:
        return int(httpx.get(self.address + "api/health", timeout=WAIT_S).json()["waiting"])


def eventually(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def held_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, threading.Event]]:
    """The engine's check held until ``release`` is set (``started`` says one is under way)."""
    from unspun.web import _checker

    started, release = threading.Event(), threading.Event()
    original = _checker.Checker.check

    def held(self: object, *args: object) -> dict:
        started.set()
        release.wait(WAIT_S)
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_checker.Checker, "check", held)
    yield started, release
    release.set()


def test_a_client_that_leaves_while_waiting_gives_its_place_up(
        held_engine: tuple[threading.Event, threading.Event]) -> None:
    """With --max-waiting 1, a client that gave up (curl -m 1) kept its place until its turn:
    the next live client was answered 503, and /api/health counted it (an audit, session 64)."""
    started, release = held_engine
    served = Served(ServeConfig(max_waiting=1))
    answers: list[int] = []

    def ask() -> None:
        answers.append(httpx.post(served.address + "api/check", json={"text": TORTURED}, timeout=WAIT_S).status_code)

    try:
        first = threading.Thread(target=ask)
        first.start()
        assert started.wait(WAIT_S)
        body = f'{{"text": "{TORTURED}"}}'.encode()
        with socket.create_connection(("127.0.0.1", served.port)) as leaving:
            leaving.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            assert eventually(lambda: served.waiting() == 1)
        assert eventually(lambda: served.waiting() == 0)  # gone: its place is free
        second = threading.Thread(target=ask)
        second.start()
        assert eventually(lambda: served.waiting() == 1)  # the live client waits, not refused
        release.set()
        first.join(WAIT_S)
        second.join(WAIT_S)
    finally:
        release.set()
        served.stop()
    assert answers == [200, 200]
