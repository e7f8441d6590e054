"""One app per data folder: the first start listens on a local socket named after the folder; a second
start with the same folder connects, asks the first to come to the front, and quits.

Two different data folders may be open at once (a park office keeping two parks apart): the socket name
is a digest of the folder's resolved path and the user name.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"
TIMEOUT_MS = 500


def server_name(folder: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{Path(folder).resolve()}".encode()).hexdigest()[:20]
    return f"shenbao-{digest}"


class SingleInstance(QObject):
    """`acquire()` is True for the first instance (which then emits `activated` whenever another start
    asks it to come to the front) and False when another instance was found and told."""

    activated = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(folder)
        self.server: QLocalServer | None = None

    def _notify_running(self) -> bool:
        socket = QLocalSocket(self)
        try:
            socket.connectToServer(self.name)
            if not socket.waitForConnected(TIMEOUT_MS):
                return False
            socket.write(RAISE)
            socket.flush()
            socket.waitForBytesWritten(TIMEOUT_MS)
            socket.disconnectFromServer()
            if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
                socket.waitForDisconnected(TIMEOUT_MS)
            return True
        finally:
            socket.abort()
            socket.deleteLater()

    def acquire(self) -> bool:
        if self._notify_running():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # a server left behind by a crash: nobody answered above, so the name is stale
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return True  # cannot guard; better to run than to refuse
        server.newConnection.connect(self._connection)
        self.server = server
        return True

    def _connection(self) -> None:
        """Read the other start's one line at once (it writes right after connecting)."""
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            arrived = socket.bytesAvailable() > 0 or socket.waitForReadyRead(TIMEOUT_MS)
            if arrived and bytes(socket.readAll().data()).startswith(RAISE.strip()):
                self.activated.emit()
            socket.abort()
            socket.deleteLater()

    def move_to(self, folder: Path) -> bool:
        """Guard `folder` instead (the window opened another folder): False, with the other instance told
        to come to the front, when one already has it; the old folder is then still guarded."""
        name = server_name(folder)
        if name == self.name:
            return True
        old_name, old_server = self.name, self.server
        self.name, self.server = name, None
        if not self.acquire():
            self.name, self.server = old_name, old_server
            return False
        if old_server is not None:
            old_server.close()
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
