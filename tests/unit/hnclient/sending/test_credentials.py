"""The unit token: the OS keyring only when trusted, else memory; never in a file."""

from __future__ import annotations

import pytest

from hnclient.sending import credentials
from hnclient.sending.credentials import TokenStore, backend_is_trusted
from tests.conftest import MemoryKeyring


def test_real_os_backends_are_trusted_by_class() -> None:
    from keyring.backends import SecretService, fail

    assert backend_is_trusted(SecretService.Keyring())
    assert not backend_is_trusted(fail.Keyring())
    assert not backend_is_trusted(MemoryKeyring())


def test_chainer_is_trusted_only_when_all_it_chains_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from keyring.backends import SecretService, chainer

    chained: list[object] = [SecretService.Keyring(), MemoryKeyring()]
    monkeypatch.setattr(chainer.ChainerBackend, "backends", property(lambda self: chained))
    chain = chainer.ChainerBackend()
    assert not backend_is_trusted(chain)
    chained.pop()
    assert backend_is_trusted(chain)


def test_untrusted_backend_keeps_the_token_in_memory_only(memory_keyring: MemoryKeyring) -> None:
    tokens = TokenStore("http://127.0.0.1:1/")
    assert not tokens.persistent and tokens.get() is None
    assert tokens.set("secret-token") is False
    assert tokens.get() == "secret-token"
    assert memory_keyring.secrets == {}
    assert TokenStore("http://127.0.0.1:1/").get() is None  # the next start asks again


def test_trusted_backend_keeps_it_across_starts(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    identity = (type(memory_keyring).__module__, type(memory_keyring).__qualname__)
    monkeypatch.setattr(credentials, "TRUSTED_BACKENDS", frozenset({identity}))
    assert TokenStore("u").set("secret-token") is True
    assert TokenStore("u").get() == "secret-token"
    TokenStore("u").forget()
    assert TokenStore("u").get() is None
