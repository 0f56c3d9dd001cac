"""A small fault-injecting TCP proxy between a desk and the central server (toxiproxy-like).

One connection carries one HTTP exchange (the tests send ``Connection: close``), so a fault
planned for a path applies to exactly one request. Faults, per connection:

- ``pass``: forward both ways;
- ``reset:N``: forward the request, then the first N bytes of the response, then reset both
  sides (the desk sees a cut answer);
- ``drop``: forward the request, wait until the server starts answering (it has committed),
  then reset the desk's side without sending any of the answer;
- ``slow``: forward the response in small chunks with a delay between them.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections import defaultdict, deque


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class FaultProxy:
    def __init__(self, upstream_port: int, host: str = "127.0.0.1") -> None:
        self.upstream = (host, upstream_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((host, 0))
        self.listener.listen(64)
        self.port = int(self.listener.getsockname()[1])
        self.url = f"http://{host}:{self.port}"
        self._plan: dict[str, deque[str]] = defaultdict(deque)
        self._lock = threading.Lock()
        self.seen: list[tuple[str, str]] = []  # (path, fault applied)
        self._closed = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ control
    def plan(self, path: str, *faults: str) -> None:
        """Apply ``faults`` to the next requests whose path starts with ``path``."""
        with self._lock:
            self._plan[path].extend(faults)

    def clear(self) -> None:
        with self._lock:
            self._plan.clear()

    def close(self) -> None:
        self._closed = True
        _reset(self.listener)

    def _fault_for(self, path: str) -> str:
        with self._lock:
            for prefix, queue in self._plan.items():
                if path.startswith(prefix) and queue:
                    fault = queue.popleft()
                    break
            else:
                fault = "pass"
            self.seen.append((path, fault))
        return fault

    # ------------------------------------------------------------------ pumping
    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            _reset(client)
            return
        client.settimeout(30)
        try:
            request = self._read_request(client)
            if not request:
                return
            line = request.split(b"\r\n", 1)[0].decode("latin-1")
            parts = line.split(" ")
            path = parts[1] if len(parts) > 1 else ""
            fault = self._fault_for(path)
            upstream.sendall(request)
            self._pump_response(upstream, client, fault)
        except OSError:
            pass
        finally:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.close()

    @staticmethod
    def _read_request(client: socket.socket) -> bytes:
        """One whole HTTP request (headers and a Content-Length body), read before any
        answer, so one thread owns each socket and a reset really resets."""
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = client.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for header in head.split(b"\r\n")[1:]:
            name, _, value = header.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = client.recv(65536)
            if not chunk:
                break
            body += chunk
        return head + b"\r\n\r\n" + body

    @staticmethod
    def _pump_response(upstream: socket.socket, client: socket.socket, fault: str) -> None:
        budget = int(fault.split(":")[1]) if fault.startswith("reset:") else -1
        while True:
            data = upstream.recv(65536 if fault != "slow" else 512)
            if not data:
                return
            if fault == "drop":
                _reset(client)
                _reset(upstream)
                return
            if budget >= 0:
                client.sendall(data[:budget])
                budget -= len(data[:budget])
                if budget <= 0:
                    time.sleep(0.05)
                    _reset(client)
                    _reset(upstream)
                    return
                continue
            if fault == "slow":
                time.sleep(0.02)
            client.sendall(data)
