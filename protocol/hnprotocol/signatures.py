"""Signature algorithms by name: the signer interface, the verifier registry, key ids.

**Algorithms are named, not assumed.** A signature is stored as ``{alg, key_id, sig}`` and
checked with :func:`verify_signature`, which looks ``alg`` up in a registry of
:class:`SignatureAlgorithm` objects. ``"ed25519"`` (pyca ``cryptography``) is the only one
today; SM2 with SM3 will be one more registered class (see ``hnclient.signing.keys`` for
why it is not here yet). The client signs and the endpoint verifies with this same module.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from typing import ClassVar, Final, Protocol, runtime_checkable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from hnprotocol.errors import ProtocolError

ALG_NAME_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")
"""What an algorithm name looks like: lower-case ASCII, digits, ``.``, ``_``, ``-``; 1–32."""

KEY_ID_HEX_CHARS: Final = 32
"""Hex characters of SHA-256 kept in a key id (128 bits)."""


class UnknownAlgorithmError(ProtocolError, LookupError):
    """No signature algorithm of that name is registered in this program."""

    def __init__(self, alg: object) -> None:
        self.alg = alg
        super().__init__(
            f"这份签名使用的算法“{alg}”本程序不认识，无法核验。"
            "可能是更新版本的程序生成的，请把本程序升级到县里统一发放的最新版本后再试。",
            f"This signature uses the algorithm {alg!r}, which this program does not know, "
            "so it cannot be checked. It may come from a newer version: update the program "
            "to the county's current release and try again.",
        )


def key_id_for(alg: str, public_key: bytes) -> str:
    """The id of a public key: ``f"{alg}:{sha256(public_key).hexdigest()[:32]}"``.

    ``public_key`` is the algorithm's raw public key encoding (32 bytes for Ed25519). The
    hash is over the key bytes alone; ``alg`` is the readable prefix. 128 bits of SHA-256 is
    plenty to tell one leader's key from another's and short enough to show in a log.
    """
    return f"{alg}:{hashlib.sha256(public_key).hexdigest()[:KEY_ID_HEX_CHARS]}"


@runtime_checkable
class Signer(Protocol):
    """Something that signs with one private key it does not reveal.

    ``alg`` is the registered algorithm name, ``public_key`` the raw public key bytes,
    ``key_id`` :func:`key_id_for` of them. ``sign(data)`` returns the signature bytes over
    exactly ``data`` (for Ed25519, 64 bytes; the algorithm hashes internally).
    """

    @property
    def alg(self) -> str: ...

    @property
    def key_id(self) -> str: ...

    @property
    def public_key(self) -> bytes: ...

    def sign(self, data: bytes) -> bytes: ...


class SignatureAlgorithm(ABC):
    """One signature algorithm: makes and loads software keys, verifies signatures.

    Subclasses set ``name`` (matching :data:`ALG_NAME_PATTERN`) and are added with
    :func:`register_algorithm`. ``verify`` must return False — never raise — for a malformed
    public key or signature. SM2-with-SM3 is meant to be one more subclass; see the module
    docstring for why it is not here yet.
    """

    name: ClassVar[str]

    @abstractmethod
    def generate_private_key(self) -> bytes:
        """A fresh private key in the algorithm's raw encoding, to be sealed at once."""

    @abstractmethod
    def load_signer(self, private_key: bytes) -> Signer:
        """A signer for ``private_key`` (raw encoding); ``ValueError`` when malformed."""

    @abstractmethod
    def verify(self, public_key: bytes, data: bytes, signature: bytes) -> bool:
        """True when ``signature`` over ``data`` is valid for ``public_key``; else False."""


class Ed25519Signer:
    """An Ed25519 (RFC 8032) signer: 32-byte public key, 64-byte signatures."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._private_key = private_key
        self._public_key = private_key.public_key().public_bytes_raw()
        self._key_id = key_id_for(self.alg, self._public_key)

    @property
    def alg(self) -> str:
        return "ed25519"

    @classmethod
    def generate(cls) -> Ed25519Signer:
        """A signer with a fresh key pair (kept in memory only)."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_private_bytes(cls, private_key: bytes) -> Ed25519Signer:
        """A signer for a 32-byte raw private key; ``ValueError`` for any other length."""
        return cls(Ed25519PrivateKey.from_private_bytes(private_key))

    @property
    def key_id(self) -> str:
        return self._key_id

    @property
    def public_key(self) -> bytes:
        return self._public_key

    def sign(self, data: bytes) -> bytes:
        """The 64-byte Ed25519 signature over ``data``."""
        return self._private_key.sign(data)

    def __repr__(self) -> str:
        return f"Ed25519Signer(key_id={self._key_id!r})"


class Ed25519Algorithm(SignatureAlgorithm):
    """``"ed25519"`` through pyca ``cryptography`` (OpenSSL; rejects non-canonical S)."""

    name: ClassVar[str] = "ed25519"
    PUBLIC_KEY_BYTES: ClassVar[int] = 32
    SIGNATURE_BYTES: ClassVar[int] = 64

    def generate_private_key(self) -> bytes:
        return Ed25519PrivateKey.generate().private_bytes_raw()

    def load_signer(self, private_key: bytes) -> Signer:
        return Ed25519Signer.from_private_bytes(private_key)

    def verify(self, public_key: bytes, data: bytes, signature: bytes) -> bool:
        if len(public_key) != self.PUBLIC_KEY_BYTES or len(signature) != self.SIGNATURE_BYTES:
            return False
        try:
            Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
        except (InvalidSignature, ValueError, TypeError):
            return False
        return True


_ALGORITHMS: dict[str, SignatureAlgorithm] = {}


def register_algorithm(algorithm: SignatureAlgorithm, *, replace: bool = False) -> None:
    """Make ``algorithm`` available by its ``name`` for signing, sealing and verifying.

    ``ValueError`` for a name that does not match :data:`ALG_NAME_PATTERN`, or one already
    registered unless ``replace`` is true.
    """
    name = algorithm.name
    if not ALG_NAME_PATTERN.fullmatch(name):
        raise ValueError(f"invalid algorithm name {name!r}")
    if name in _ALGORITHMS and not replace:
        raise ValueError(f"algorithm {name!r} is already registered")
    _ALGORITHMS[name] = algorithm


def get_algorithm(alg: str) -> SignatureAlgorithm:
    """The registered algorithm named ``alg``; :class:`UnknownAlgorithmError` otherwise."""
    algorithm = _ALGORITHMS.get(alg) if isinstance(alg, str) else None
    if algorithm is None:
        raise UnknownAlgorithmError(alg)
    return algorithm


def registered_algorithms() -> tuple[str, ...]:
    """The names of the registered algorithms, sorted."""
    return tuple(sorted(_ALGORITHMS))


register_algorithm(Ed25519Algorithm())


def verify_signature(
    alg: str,
    public_key: bytes | bytearray | memoryview,
    data: bytes | bytearray | memoryview,
    signature: bytes | bytearray | memoryview,
) -> bool:
    """True when ``signature`` is ``alg``'s valid signature over ``data`` by ``public_key``.

    All three byte arguments are raw bytes (``bytearray``/``memoryview`` are accepted too).
    Returns False — never raises — for a forged, truncated or empty signature, a malformed
    or wrong public key, or an argument that is not bytes. Raises
    :class:`UnknownAlgorithmError` only when ``alg`` names no registered algorithm (a record
    from a newer program, or a damaged one: the caller must not treat it as verified).
    """
    algorithm = get_algorithm(alg)
    parts: list[bytes] = []
    for value in (public_key, data, signature):
        if not isinstance(value, bytes | bytearray | memoryview):
            return False
        parts.append(bytes(value))
    return algorithm.verify(parts[0], parts[1], parts[2])
