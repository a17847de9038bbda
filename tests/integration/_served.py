"""A real uvicorn server in a thread of the test process, for tests that need a live socket."""

from __future__ import annotations

import socket
import threading

from unspun.web import ServeConfig, create_app


class Served:
    """A uvicorn server in a thread of this process, on a port of its own."""

    def __init__(self, config: ServeConfig) -> None:
        import uvicorn

        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.port = self._socket.getsockname()[1]
        self.address = f"http://127.0.0.1:{self.port}/"
        self._server = uvicorn.Server(uvicorn.Config(create_app(config), log_level="warning"))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)
        self._thread.start()
        while not self._server.started and self._thread.is_alive():
            self._thread.join(0.05)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(30)
        self._socket.close()
