"""Signing keys: the signer interface, the verifier registry and the PIN-sealed private key.

**Algorithms are named, not assumed.** A signature is always stored as ``{alg, key_id, sig}``
and checked with :func:`verify_signature`, which looks ``alg`` up in a registry of
:class:`SignatureAlgorithm` objects. ``"ed25519"`` (pyca ``cryptography``) is the only one
today. SM2 with SM3 — what Chinese government systems are assessed against — will be one more
:class:`SignatureAlgorithm` subclass registered under its own name (e.g. ``"sm2-sm3"``), with
no change to any record: ``alg`` names it and ``public_key`` holds its encoding. It is **not**
implemented here because pyca ``cryptography`` has no SM2 signatures, the pure-Python
``gmssl`` package draws the SM2 nonce from :mod:`random` (a predictable nonce gives away the
private key), and no binding to a C implementation (e.g. ``gmssl-pyx`` on GmSSL) has been
vetted for this program yet. A hardware signer (a USB key through PKCS#11) is another
:class:`Signer` that never exposes its private key.

**The private key is never stored in plain form.** :class:`SealedKey` holds it encrypted with
AES-256-GCM under a key derived from the leader's PIN by scrypt (with its own salt, separate
from the PIN hash's), and bound by associated data to its owner. It is decrypted only inside
:func:`open_sealed_key` / :func:`reseal` and lives on in the returned :class:`Signer` only;
drop the signer as soon as the signature is made. (Python cannot reliably wipe memory, so
"as short as possible" is the guarantee, not "zeroed".)
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from typing import Any, Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hnclient.errors import OfficerError
from hnclient.logs import register_secret
from hnclient.signing import _json
from hnclient.signing.kdf import DEFAULT_SCRYPT, SALT_BYTES, ScryptParams, scrypt
from hnclient.signing.pin import PinHash, WrongPinError, pin_secret, verify_pin
from hnprotocol.signatures import (
    ALG_NAME_PATTERN,
    SignatureAlgorithm,
    Signer,
    get_algorithm,
    key_id_for,
)

SEALED_KEY_VERSION: Final = 1
"""The ``version`` written in :meth:`SealedKey.to_json`."""

NONCE_BYTES: Final = 12
"""AES-GCM nonce length, in bytes (drawn fresh for every sealing)."""

_AAD_PREFIX: Final = b"hnclient sealed signing key v1\x00"
_MAX_PUBLIC_KEY_BYTES: Final = 1024
_MAX_CIPHERTEXT_BYTES: Final = 4096
_GCM_TAG_BYTES: Final = 16


# --- errors ---------------------------------------------------------------------------------


class KeyFileError(OfficerError, ValueError):
    """The leader's sealed key record is damaged or was replaced; it cannot be used.

    ``detail`` says what was found (for the log and for county IT), in English.
    """

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            "该领导的签名密钥记录已损坏或被替换，不能用它签发。"
            "请联系县里的信息化人员检查本机数据；必要时该领导重新登记"
            "（旧的公钥会保留，以前的签发仍可核验）。",
            f"This leader's signing key record is damaged or was replaced ({detail}), so it "
            "cannot be used to sign. Ask county IT to check this PC's data; if need be, the "
            "leader enrols again (the old public key is kept, so earlier approvals still "
            "verify).",
        )


# --- signers and algorithms: hnprotocol.signatures (the endpoint verifies with the same code)


# --- the sealed private key -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SealedKey:
    """A leader's key pair as stored: the public half in clear, the private half sealed.

    ``alg`` names the algorithm; ``public_key`` its raw encoding; ``key_id`` is
    :func:`key_id_for` of them (checked when opened, not here, so a swapped key surfaces as
    :class:`KeyFileError` at use). The sealing key is ``scrypt(pin, salt, n, r, p)`` →
    32 bytes; ``ciphertext`` is AES-256-GCM of the raw private key with the 12-byte
    ``nonce``, the 16-byte tag appended, and associated data the owner binding ``aad``.

    Construction checks types, lengths and ranges and raises :class:`KeyFileError` (a
    ``ValueError``) when one is off.
    """

    alg: str
    key_id: str
    public_key: bytes
    n: int
    r: int
    p: int
    salt: bytes
    nonce: bytes
    ciphertext: bytes

    def __post_init__(self) -> None:
        try:
            if not isinstance(self.alg, str) or not ALG_NAME_PATTERN.fullmatch(self.alg):
                raise ValueError(f"invalid algorithm name {self.alg!r}")
            if not isinstance(self.key_id, str) or not 0 < len(self.key_id) <= 100:
                raise ValueError("key_id must be a non-empty string")
            if not isinstance(self.public_key, bytes) or not (
                0 < len(self.public_key) <= _MAX_PUBLIC_KEY_BYTES
            ):
                raise ValueError("public_key must be 1–1024 bytes")
            ScryptParams(self.n, self.r, self.p)
            _json.check_salt(self.salt)
            if not isinstance(self.nonce, bytes) or len(self.nonce) != NONCE_BYTES:
                raise ValueError(f"nonce must be {NONCE_BYTES} bytes")
            if not isinstance(self.ciphertext, bytes) or not (
                _GCM_TAG_BYTES < len(self.ciphertext) <= _MAX_CIPHERTEXT_BYTES
            ):
                raise ValueError("ciphertext has an impossible length")
        except KeyFileError:
            raise
        except ValueError as error:
            raise KeyFileError(str(error)) from error

    @property
    def params(self) -> ScryptParams:
        """The scrypt cost of the sealing key."""
        return ScryptParams(self.n, self.r, self.p)

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready data; bytes are standard base64::

        {"version": 1, "alg": "ed25519", "key_id": "ed25519:…", "public_key": "…",
         "kdf": {"algorithm": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "…"},
         "cipher": "aes-256-gcm", "nonce": "…", "ciphertext": "…"}
        """
        return {
            "version": SEALED_KEY_VERSION,
            "alg": self.alg,
            "key_id": self.key_id,
            "public_key": _json.b64encode(self.public_key),
            "kdf": {
                "algorithm": "scrypt",
                "n": self.n,
                "r": self.r,
                "p": self.p,
                "salt": _json.b64encode(self.salt),
            },
            "cipher": "aes-256-gcm",
            "nonce": _json.b64encode(self.nonce),
            "ciphertext": _json.b64encode(self.ciphertext),
        }

    @classmethod
    def from_json(cls, data: object) -> SealedKey:
        """Read :meth:`to_json`'s form back.

        Raises :class:`KeyFileError` (a ``ValueError``) for a missing or unknown key, a
        wrong type, invalid base64, another version, KDF or cipher, or a value out of range.
        """
        try:
            fields = _json.require_mapping(
                data,
                "sealed key",
                {"version", "alg", "key_id", "public_key", "kdf", "cipher", "nonce", "ciphertext"},
            )
            if _json.require_int(fields["version"], "version") != SEALED_KEY_VERSION:
                raise ValueError(f"unsupported sealed key version {fields['version']}")
            if fields["cipher"] != "aes-256-gcm":
                raise ValueError(f"unsupported cipher {fields['cipher']!r}")
            kdf = _json.require_mapping(
                fields["kdf"], "sealed key kdf", {"algorithm", "n", "r", "p", "salt"}
            )
            if kdf["algorithm"] != "scrypt":
                raise ValueError(f"unsupported kdf {kdf['algorithm']!r}")
            params = _json.read_scrypt(kdf, "sealed key kdf")
            return cls(
                alg=_json.require_str(fields["alg"], "alg"),
                key_id=_json.require_str(fields["key_id"], "key_id"),
                public_key=_json.b64decode(fields["public_key"], "public_key"),
                n=params.n,
                r=params.r,
                p=params.p,
                salt=_json.b64decode(kdf["salt"], "kdf.salt"),
                nonce=_json.b64decode(fields["nonce"], "nonce"),
                ciphertext=_json.b64decode(fields["ciphertext"], "ciphertext"),
            )
        except KeyFileError:
            raise
        except ValueError as error:
            raise KeyFileError(str(error)) from error


def _associated_data(aad: bytes) -> bytes:
    return _AAD_PREFIX + bytes(aad)


def _seal(
    algorithm: SignatureAlgorithm,
    private_key: bytes,
    secret: bytes,
    aad: bytes,
    params: ScryptParams,
) -> SealedKey:
    public_key = algorithm.load_signer(private_key).public_key
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    sealing_key = scrypt(secret, salt, params, 32)
    ciphertext = AESGCM(sealing_key).encrypt(nonce, private_key, _associated_data(aad))
    del sealing_key
    return SealedKey(
        alg=algorithm.name,
        key_id=key_id_for(algorithm.name, public_key),
        public_key=public_key,
        n=params.n,
        r=params.r,
        p=params.p,
        salt=salt,
        nonce=nonce,
        ciphertext=ciphertext,
    )


def _unseal(
    sealed: SealedKey, secret: bytes, aad: bytes
) -> tuple[SignatureAlgorithm, Signer, bytes]:
    """The algorithm, the signer and the raw private key of ``sealed``, checked."""
    algorithm = get_algorithm(sealed.alg)
    if sealed.key_id != key_id_for(sealed.alg, sealed.public_key):
        raise KeyFileError("key_id does not match the public key")
    sealing_key = scrypt(secret, sealed.salt, sealed.params, 32)
    try:
        private_key = AESGCM(sealing_key).decrypt(
            sealed.nonce, sealed.ciphertext, _associated_data(aad)
        )
    except InvalidTag:
        raise WrongPinError() from None
    finally:
        del sealing_key
    register_secret(private_key)
    try:
        signer = algorithm.load_signer(private_key)
    except ValueError:
        raise KeyFileError("the sealed private key is malformed") from None
    if not hmac.compare_digest(signer.public_key, sealed.public_key):
        raise KeyFileError("the private key does not match the stored public key")
    return algorithm, signer, private_key


def generate_sealed_key(
    pin: str,
    *,
    alg: str = "ed25519",
    aad: bytes = b"",
    params: ScryptParams = DEFAULT_SCRYPT,
) -> SealedKey:
    """Make a new key pair for a leader and return it sealed under ``pin``.

    ``aad`` binds the record to its owner (pass the leader id as bytes); the same ``aad``
    must be given to open it. ``params`` is the scrypt cost (keep the default outside
    tests). Raises :class:`PinFormatError` for a malformed PIN and
    :class:`UnknownAlgorithmError` for an unregistered ``alg``. One scrypt run (0.1–0.2 s).
    """
    secret = pin_secret(pin)
    algorithm = get_algorithm(alg)
    private_key = algorithm.generate_private_key()
    register_secret(private_key)
    try:
        return _seal(algorithm, private_key, secret, aad, params)
    finally:
        del private_key


def open_sealed_key(sealed: SealedKey, pin: str, *, aad: bytes = b"") -> Signer:
    """The signer inside ``sealed``, unlocked with ``pin``.

    Raises :class:`PinFormatError` for a malformed PIN (do not count it as a failure);
    :class:`WrongPinError` when the AES-GCM tag does not match — a wrong PIN, a wrong
    ``aad``, or a tampered salt, nonce or ciphertext, which GCM cannot tell apart (use
    :func:`unlock_signer` to tell them apart with the PIN hash); :class:`KeyFileError` when
    the record decrypts but the private key is malformed or does not match the stored
    public key, or the key id does not match the public key; :class:`UnknownAlgorithmError`
    when ``sealed.alg`` is not registered. Drop the signer once the signature is made.
    """
    _algorithm, signer, private_key = _unseal(sealed, pin_secret(pin), aad)
    del private_key
    return signer


def unlock_signer(pin: str, pin_hash: PinHash, sealed: SealedKey, *, aad: bytes = b"") -> Signer:
    """Check ``pin`` against the leader's PIN hash, then open the sealed key with it.

    The PIN hash tells a wrong PIN (:class:`WrongPinError`, count it) from a sealed key that
    no longer opens with the right PIN (:class:`KeyFileError`: damaged, replaced or moved
    to another leader — do not count it, and do not lock the leader out for it). Other
    errors as :func:`open_sealed_key`. Two scrypt runs.
    """
    if not verify_pin(pin, pin_hash):
        raise WrongPinError()
    try:
        return open_sealed_key(sealed, pin, aad=aad)
    except WrongPinError:
        raise KeyFileError("the PIN is right but the sealed key does not open") from None


def reseal(
    sealed: SealedKey,
    old_pin: str,
    new_pin: str,
    *,
    aad: bytes = b"",
    params: ScryptParams = DEFAULT_SCRYPT,
) -> SealedKey:
    """The same key pair sealed under ``new_pin`` with a fresh salt and nonce (PIN change).

    ``new_pin`` is checked first (:class:`PinFormatError`); opening with ``old_pin`` raises
    as :func:`open_sealed_key`. ``params`` is the new record's scrypt cost. The key id and
    public key stay the same, so earlier and later approvals verify with one public key.
    """
    new_secret = pin_secret(new_pin)
    algorithm, _signer, private_key = _unseal(sealed, pin_secret(old_pin), aad)
    del _signer
    try:
        return _seal(algorithm, private_key, new_secret, aad, params)
    finally:
        del private_key
