"""Leader sign-off cryptography, Qt-free: PIN hashes, sealed signing keys, lockout policy.

No storage and no UI here: the store keeps the records (:meth:`PinHash.to_json`,
:meth:`SealedKey.to_json`) and the failure times, the window asks for the PIN.

- :mod:`hnclient.signing.pin` — the PIN format rule and its salted scrypt hash.
- :mod:`hnclient.signing.keys` — the PIN-sealed private key; the :class:`Signer` interface
  and the verifier registry (``"ed25519"`` now; SM2-with-SM3 later) are
  :mod:`hnprotocol.signatures`, shared with the endpoint.
- :mod:`hnclient.signing.lockout` — growing delays and the 15-minute lock after 5 wrong PINs.
- :mod:`hnclient.signing.kdf` — the scrypt cost shared by both records.
"""

from __future__ import annotations

from hnclient.signing.kdf import DEFAULT_SCRYPT, ScryptParams
from hnclient.signing.keys import (
    KeyFileError,
    SealedKey,
    generate_sealed_key,
    open_sealed_key,
    reseal,
    unlock_signer,
)
from hnclient.signing.lockout import (
    CHINA_TZ,
    LockedError,
    LockoutPolicy,
    LockoutState,
    RetryDelayError,
    format_china_time,
)
from hnclient.signing.pin import (
    MAX_PIN_DIGITS,
    MIN_PIN_DIGITS,
    PinFormatError,
    PinHash,
    PinRecordError,
    WrongPinError,
    check_new_pin,
    check_pin_format,
    hash_pin,
    needs_rehash,
    normalise_pin,
    verify_pin,
)
from hnprotocol.signatures import (
    Ed25519Algorithm,
    Ed25519Signer,
    SignatureAlgorithm,
    Signer,
    UnknownAlgorithmError,
    get_algorithm,
    key_id_for,
    register_algorithm,
    registered_algorithms,
    verify_signature,
)

__all__ = [
    "CHINA_TZ",
    "DEFAULT_SCRYPT",
    "MAX_PIN_DIGITS",
    "MIN_PIN_DIGITS",
    "Ed25519Algorithm",
    "Ed25519Signer",
    "KeyFileError",
    "LockedError",
    "LockoutPolicy",
    "LockoutState",
    "PinFormatError",
    "PinHash",
    "PinRecordError",
    "RetryDelayError",
    "ScryptParams",
    "SealedKey",
    "SignatureAlgorithm",
    "Signer",
    "UnknownAlgorithmError",
    "WrongPinError",
    "check_new_pin",
    "check_pin_format",
    "format_china_time",
    "generate_sealed_key",
    "get_algorithm",
    "hash_pin",
    "key_id_for",
    "needs_rehash",
    "normalise_pin",
    "open_sealed_key",
    "register_algorithm",
    "registered_algorithms",
    "reseal",
    "unlock_signer",
    "verify_pin",
    "verify_signature",
]
