"""One running copy per user: a second launch with a workbook hands it to the first.

Opening a workbook that this user already has open in the running app would otherwise meet
the workbook's lock ("in use"). Instead the new process sends the path over a local socket
(named per user and settings folder) and exits; the running app brings up the window that
already shows that workbook, or opens it in a new window. If nothing answers in time the
new process opens the workbook itself, as before.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.checksums import short_key
from app.logging_setup import get_logger
from app.settings import config_dir

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

CONNECT_MS = 500  # a running app answers at once; a stale socket fails at once
ANSWER_MS = 3000
log = get_logger("ui")


def server_name() -> str:
    """The socket's name: one per user and settings folder (so test runs stay apart)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = ""
    key = short_key([f"{user}\0{config_dir()}".encode()])
    return f"rrt-{key}"


def hand_over(path: Path, *, read_only: bool = False, name: str | None = None) -> bool:
    """Ask a running copy to open `path`; True once it has said it did."""
    name = name or server_name()
    if _surely_alone(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    request = {"open": str(Path(path).expanduser().absolute()), "read_only": read_only}
    socket.write(json.dumps(request).encode() + b"\n")
    socket.flush()
    answered = b""
    while b"\n" not in answered and socket.waitForReadyRead(ANSWER_MS):
        answered += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answered.strip() == b"ok"


def _surely_alone(name: str) -> bool:
    """True if no copy can be listening, known without loading QtNetwork (a good part of
    the start-up): on Linux a listening copy has its socket file in Qt's temporary folder
    ($TMPDIR, else /tmp). Elsewhere, or if the file is there, ask."""
    if not sys.platform.startswith("linux"):
        return False
    return not (Path(os.environ.get("TMPDIR") or "/tmp") / name).exists()


class InstanceServer(QObject):
    """Listens for later launches and calls `open_request(path, read_only)` for each."""

    def __init__(self, open_request: Callable[[Path, bool], None],
                 parent: QObject | None = None, *, name: str | None = None) -> None:
        super().__init__(parent)
        self.open_request = open_request
        from PySide6.QtNetwork import QLocalServer

        self.name = name or server_name()
        self.server = QLocalServer(self)
        # Only this user may connect (the socket file's permissions, where there is one).
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; False if another copy already does (it then serves instead)."""
        if self.server.listen(self.name):
            return True
        if hand_over_probe(self.name):
            return False
        # Left behind by a copy that crashed: nobody answers, so take the name over.
        self.server.removeServer(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        """Stop listening and remove the socket file (left behind, every later launch
        would have to load QtNetwork to find that nobody answers)."""
        self.server.close()

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        try:
            request = json.loads(line)
            path, read_only = Path(request["open"]), bool(request.get("read_only", False))
        except (ValueError, KeyError, TypeError):
            log.warning("Ignored a request from another launch that could not be read")
            socket.write(b"no\n")
            return
        # Answer first, so the other process can exit while the workbook opens here.
        socket.write(b"ok\n")
        socket.flush()
        self.open_request(path, read_only)


def hand_over_probe(name: str) -> bool:
    """True if a live copy listens on `name`."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    alive = socket.waitForConnected(CONNECT_MS)
    socket.abort()
    return alive
