"""A real S3-compatible server for the tests: moto's, in this process, on 127.0.0.1."""

from __future__ import annotations

import random
import socket
from collections.abc import Iterator
from contextlib import contextmanager

PORTS = range(8900, 9000)
ACCESS_KEY, SECRET_KEY = "portal-test-access", "portal-test-secret"


def free_port() -> int:
    for port in random.sample(PORTS, len(PORTS)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8900-8999 for the S3 test server")


@contextmanager
def running() -> Iterator[str]:
    """Yields the endpoint URL of a moto S3 server until the block ends."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
