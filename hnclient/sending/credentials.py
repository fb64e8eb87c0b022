"""The unit's bearer token (docs/protocol.md §1): in the OS keyring or in memory, never in a
file.

The token goes into the keyring only when the active backend is one that keeps secrets
encrypted by the OS — Windows Credential Locker, macOS Keychain, Secret Service (GNOME
Keyring, KWallet through it). Any other backend (``keyrings.alt``'s plain-text files, the
``fail`` backend of a machine without any) is not trusted: the token is then kept in this
process's memory only, and the window asks for it once each time the program starts.
"""

from __future__ import annotations

import logging
from typing import Any

from hnclient.logs import register_secret

log = logging.getLogger(__name__)

SERVICE = "hnclient-endpoint-token"
#: (module, class name) of the backends that keep secrets safe.
TRUSTED_BACKENDS: frozenset[tuple[str, str]] = frozenset(
    {
        ("keyring.backends.Windows", "WinVaultKeyring"),
        ("keyring.backends.macOS", "Keyring"),
        ("keyring.backends.SecretService", "Keyring"),
    }
)


def _identity(backend: Any) -> tuple[str, str]:
    kind = type(backend)
    return kind.__module__, kind.__qualname__


def backend_is_trusted(backend: Any) -> bool:
    """Whether ``backend`` (a keyring backend; a chainer counts when all it chains are
    trusted) keeps secrets encrypted by the OS."""
    chained = getattr(backend, "backends", None)
    if _identity(backend) == ("keyring.backends.chainer", "ChainerBackend"):
        return bool(chained) and all(backend_is_trusted(b) for b in chained or [])
    return _identity(backend) in TRUSTED_BACKENDS


def active_backend() -> Any | None:
    try:
        import keyring

        return keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring setup means "no keyring"
        log.exception("no usable keyring backend")
        return None


class TokenStore:
    """The token of one endpoint (``account`` is the endpoint URL)."""

    def __init__(self, account: str, backend: Any | None = None) -> None:
        self.account = account
        self._backend: Any = backend if backend is not None else active_backend()
        self._memory: str | None = None

    @property
    def persistent(self) -> bool:
        """Whether a token set now outlives this run (a trusted keyring is present)."""
        return self._backend is not None and backend_is_trusted(self._backend)

    def get(self) -> str | None:
        if self._memory:
            return self._memory
        if not self.persistent:
            return None
        try:
            value = self._backend.get_password(SERVICE, self.account)
        except Exception:  # noqa: BLE001 - locked or unavailable keyring: ask again
            log.warning("reading the token from the keyring failed", exc_info=True)
            return None
        if value:
            register_secret(value)
            self._memory = value
        return value or None

    def set(self, token: str) -> bool:
        """Keep ``token``; True when it went into the keyring (else memory only)."""
        token = token.strip()
        if not token:
            raise ValueError("empty token")
        register_secret(token)
        self._memory = token
        if not self.persistent:
            return False
        try:
            self._backend.set_password(SERVICE, self.account, token)
        except Exception:  # noqa: BLE001 - kept in memory for this run then
            log.warning("storing the token in the keyring failed", exc_info=True)
            return False
        return True

    def forget(self) -> None:
        """A token the endpoint refused (401): out of memory and the keyring."""
        self._memory = None
        if self.persistent:
            try:
                self._backend.delete_password(SERVICE, self.account)
            except Exception:  # noqa: BLE001 - nothing stored, or keyring gone
                log.info("no token to delete from the keyring")
