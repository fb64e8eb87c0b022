"""Signers, the verifier registry, and the PIN-sealed private key with its tamper cases."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
from typing import Any, ClassVar

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hnclient.signing import (
    Ed25519Algorithm,
    Ed25519Signer,
    KeyFileError,
    PinFormatError,
    SealedKey,
    Signer,
    UnknownAlgorithmError,
    WrongPinError,
    generate_sealed_key,
    get_algorithm,
    hash_pin,
    key_id_for,
    open_sealed_key,
    register_algorithm,
    registered_algorithms,
    reseal,
    unlock_signer,
    verify_signature,
)
from hnclient.signing import keys as keys_module
from hnclient.signing.kdf import scrypt
from hnprotocol import signatures as signatures_module

from .conftest import FAST

PIN = "314159"
LEADER = b"leader:7"
DATA = "签发：同意。".encode()


@pytest.fixture(scope="module")
def sealed() -> SealedKey:
    return generate_sealed_key(PIN, aad=LEADER, params=FAST)


def _flip(data: bytes, index: int = 0) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


# --- key ids, signers and the registry ------------------------------------------------------


def test_key_id_is_alg_and_hashed_public_key() -> None:
    public_key = bytes(range(32))
    expected = "ed25519:" + hashlib.sha256(public_key).hexdigest()[:32]
    assert key_id_for("ed25519", public_key) == expected


def test_ed25519_signer_signs_and_verifies() -> None:
    signer = Ed25519Signer.generate()
    assert isinstance(signer, Signer)
    assert signer.alg == "ed25519" and len(signer.public_key) == 32
    assert signer.key_id == key_id_for("ed25519", signer.public_key)
    signature = signer.sign(DATA)
    assert len(signature) == 64
    assert verify_signature("ed25519", signer.public_key, DATA, signature)
    assert verify_signature("ed25519", bytearray(signer.public_key), DATA, memoryview(signature))
    assert "key_id" in repr(signer) and signer.public_key.hex() not in repr(signer)


def test_bad_signatures_and_keys_are_false_not_errors() -> None:
    signer, other = Ed25519Signer.generate(), Ed25519Signer.generate()
    signature = signer.sign(DATA)
    bad_cases: list[tuple[Any, Any, Any]] = [
        (signer.public_key, DATA, _flip(signature)),  # forged
        (signer.public_key, DATA, _flip(signature, 63)),
        (signer.public_key, DATA, signature[:63]),  # truncated
        (signer.public_key, DATA, signature + b"\0"),
        (signer.public_key, DATA, b""),
        (signer.public_key, DATA + b" ", signature),  # other content
        (other.public_key, DATA, signature),  # another key
        (signer.public_key[:31], DATA, signature),  # malformed key
        (b"", DATA, signature),
        (b"\xff" * 32, DATA, signature),
        (signer.public_key, DATA, signature.hex()),  # not bytes
        (None, DATA, signature),
        (signer.public_key, None, signature),
    ]
    for public_key, data, sig in bad_cases:
        assert verify_signature("ed25519", public_key, data, sig) is False


def test_unknown_algorithm_raises() -> None:
    signer = Ed25519Signer.generate()
    for alg in ("sm2-sm3", "ED25519", "", None):
        with pytest.raises(UnknownAlgorithmError) as caught:
            verify_signature(alg, signer.public_key, DATA, signer.sign(DATA))  # type: ignore[arg-type]
        assert "升级" in caught.value.message_zh()


def test_registry_names() -> None:
    assert "ed25519" in registered_algorithms()
    assert isinstance(get_algorithm("ed25519"), Ed25519Algorithm)
    with pytest.raises(ValueError):
        register_algorithm(Ed25519Algorithm())  # already there
    bad = Ed25519Algorithm()
    bad.name = "Bad Name"  # type: ignore[misc]
    with pytest.raises(ValueError):
        register_algorithm(bad)


class _RenamedSigner:
    """A stand-in for a second algorithm's signer (SM2 would be one like it)."""

    def __init__(self, inner: Ed25519Signer) -> None:
        self._inner = inner

    @property
    def alg(self) -> str:
        return "test-alt"

    @property
    def public_key(self) -> bytes:
        return self._inner.public_key

    @property
    def key_id(self) -> str:
        return key_id_for(self.alg, self.public_key)

    def sign(self, data: bytes) -> bytes:
        return self._inner.sign(b"alt:" + data)


class _RenamedAlgorithm(Ed25519Algorithm):
    name: ClassVar[str] = "test-alt"

    def load_signer(self, private_key: bytes) -> Signer:
        return _RenamedSigner(Ed25519Signer.from_private_bytes(private_key))

    def verify(self, public_key: bytes, data: bytes, signature: bytes) -> bool:
        return super().verify(public_key, b"alt:" + data, signature)


def test_a_second_algorithm_is_one_registered_class(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(signatures_module, "_ALGORITHMS", dict(signatures_module._ALGORITHMS))
    register_algorithm(_RenamedAlgorithm())
    record = generate_sealed_key(PIN, alg="test-alt", aad=LEADER, params=FAST)
    assert record.alg == "test-alt" and record.key_id.startswith("test-alt:")
    assert set(record.to_json()) == set(generate_sealed_key(PIN, params=FAST).to_json())
    signer = open_sealed_key(SealedKey.from_json(record.to_json()), PIN, aad=LEADER)
    signature = signer.sign(DATA)
    assert verify_signature("test-alt", record.public_key, DATA, signature)
    assert not verify_signature("ed25519", record.public_key, DATA, signature)


# --- sealed keys ----------------------------------------------------------------------------


def test_generate_uses_strong_defaults() -> None:
    record = generate_sealed_key(PIN)
    assert (record.alg, record.n, record.r, record.p) == ("ed25519", 2**15, 8, 1)
    assert len(record.salt) == 16 and len(record.nonce) == 12
    assert len(record.ciphertext) == 32 + 16


def test_open_round_trip(sealed: SealedKey) -> None:
    signer = open_sealed_key(sealed, PIN, aad=LEADER)
    assert signer.alg == "ed25519"
    assert signer.public_key == sealed.public_key
    assert signer.key_id == sealed.key_id == key_id_for("ed25519", sealed.public_key)
    assert verify_signature(sealed.alg, sealed.public_key, DATA, signer.sign(DATA))


def test_full_width_pin_opens(sealed: SealedKey) -> None:
    assert open_sealed_key(sealed, "３１４１５９", aad=LEADER).key_id == sealed.key_id


def test_wrong_pin(sealed: SealedKey) -> None:
    with pytest.raises(WrongPinError):
        open_sealed_key(sealed, "314158", aad=LEADER)


@pytest.mark.parametrize("pin", ["", "314", "31415x"])
def test_malformed_pin_is_a_format_error(sealed: SealedKey, pin: str) -> None:
    with pytest.raises(PinFormatError):
        open_sealed_key(sealed, pin, aad=LEADER)
    with pytest.raises(PinFormatError):
        generate_sealed_key(pin, params=FAST)


def test_aad_binds_the_key_to_its_owner(sealed: SealedKey) -> None:
    with pytest.raises(WrongPinError):
        open_sealed_key(sealed, PIN, aad=b"leader:8")
    with pytest.raises(WrongPinError):
        open_sealed_key(sealed, PIN)
    pin_hash = hash_pin(PIN, params=FAST)
    with pytest.raises(KeyFileError):
        unlock_signer(PIN, pin_hash, sealed, aad=b"leader:8")


def test_private_key_is_not_in_the_record(sealed: SealedKey) -> None:
    _alg, _signer, raw = keys_module._unseal(sealed, PIN.encode(), LEADER)
    text = json.dumps(sealed.to_json()).encode()
    assert len(raw) == 32
    assert raw not in text and base64.b64encode(raw) not in text
    assert raw.hex().encode() not in text and raw not in sealed.ciphertext


@pytest.mark.parametrize("field", ["ciphertext", "nonce", "salt"])
def test_tampered_fields_do_not_open(sealed: SealedKey, field: str) -> None:
    changes: dict[str, Any] = {field: _flip(getattr(sealed, field), 5)}
    tampered = dataclasses.replace(sealed, **changes)
    # AES-GCM alone cannot tell tampering from a wrong PIN ...
    with pytest.raises(WrongPinError):
        open_sealed_key(tampered, PIN, aad=LEADER)
    # ... the PIN hash can: the right PIN that no longer opens the key is a damaged record.
    pin_hash = hash_pin(PIN, params=FAST)
    with pytest.raises(KeyFileError) as caught:
        unlock_signer(PIN, pin_hash, tampered, aad=LEADER)
    assert "重新登记" in caught.value.message_zh()


def test_truncated_ciphertext(sealed: SealedKey) -> None:
    with pytest.raises(WrongPinError):
        open_sealed_key(
            dataclasses.replace(sealed, ciphertext=sealed.ciphertext[:-1]), PIN, aad=LEADER
        )
    with pytest.raises(KeyFileError):
        dataclasses.replace(sealed, ciphertext=sealed.ciphertext[:16])


def test_public_key_swapped_for_another_keys(sealed: SealedKey) -> None:
    other = Ed25519Signer.generate()
    swapped = dataclasses.replace(
        sealed, public_key=other.public_key, key_id=key_id_for("ed25519", other.public_key)
    )
    with pytest.raises(KeyFileError) as caught:
        open_sealed_key(swapped, PIN, aad=LEADER)
    assert "does not match the stored public key" in caught.value.detail
    # the key id left as it was is caught before any PIN work
    with pytest.raises(KeyFileError):
        open_sealed_key(dataclasses.replace(sealed, public_key=other.public_key), PIN, aad=LEADER)


def test_record_swapped_for_another_leaders_sealed_key(sealed: SealedKey) -> None:
    pin_hash = hash_pin(PIN, params=FAST)
    replacement = generate_sealed_key("999999", aad=LEADER, params=FAST)
    with pytest.raises(KeyFileError):
        unlock_signer(PIN, pin_hash, replacement, aad=LEADER)


def test_malformed_private_key_inside_a_valid_envelope(sealed: SealedKey) -> None:
    params = sealed.params
    sealing_key = scrypt(PIN.encode(), sealed.salt, params, 32)
    nonce = os.urandom(12)
    aad = keys_module._associated_data(LEADER)
    bogus = dataclasses.replace(
        sealed, nonce=nonce, ciphertext=AESGCM(sealing_key).encrypt(nonce, b"\1" * 31, aad)
    )
    with pytest.raises(KeyFileError, match="malformed"):
        open_sealed_key(bogus, PIN, aad=LEADER)


def test_unlock_signer(sealed: SealedKey) -> None:
    pin_hash = hash_pin(PIN, params=FAST)
    assert unlock_signer(PIN, pin_hash, sealed, aad=LEADER).key_id == sealed.key_id
    with pytest.raises(WrongPinError):
        unlock_signer("000000", pin_hash, sealed, aad=LEADER)


def test_reseal_keeps_the_key_pair(sealed: SealedKey) -> None:
    changed = reseal(sealed, PIN, "271828", aad=LEADER, params=FAST)
    assert (changed.alg, changed.key_id, changed.public_key) == (
        sealed.alg,
        sealed.key_id,
        sealed.public_key,
    )
    assert changed.salt != sealed.salt and changed.nonce != sealed.nonce
    with pytest.raises(WrongPinError):
        open_sealed_key(changed, PIN, aad=LEADER)
    signature = open_sealed_key(changed, "271828", aad=LEADER).sign(DATA)
    assert verify_signature("ed25519", sealed.public_key, DATA, signature)


def test_reseal_refuses_wrong_old_pin_and_bad_new_pin(sealed: SealedKey) -> None:
    with pytest.raises(WrongPinError):
        reseal(sealed, "000000", "271828", aad=LEADER, params=FAST)
    with pytest.raises(PinFormatError):
        reseal(sealed, PIN, "2718", aad=LEADER, params=FAST)


def test_re_enrolled_key_and_old_key_do_not_verify_each_other(sealed: SealedKey) -> None:
    new = generate_sealed_key(PIN, aad=LEADER, params=FAST)  # forgotten PIN: new key pair
    assert new.key_id != sealed.key_id
    old_signature = open_sealed_key(sealed, PIN, aad=LEADER).sign(DATA)
    new_signature = open_sealed_key(new, PIN, aad=LEADER).sign(DATA)
    assert verify_signature("ed25519", sealed.public_key, DATA, old_signature)
    assert verify_signature("ed25519", new.public_key, DATA, new_signature)
    assert not verify_signature("ed25519", sealed.public_key, DATA, new_signature)
    assert not verify_signature("ed25519", new.public_key, DATA, old_signature)


def test_unknown_algorithm_in_a_record(sealed: SealedKey) -> None:
    record = dataclasses.replace(
        sealed, alg="sm2-sm3", key_id=key_id_for("sm2-sm3", sealed.public_key)
    )
    assert SealedKey.from_json(record.to_json()) == record  # readable, not usable
    with pytest.raises(UnknownAlgorithmError):
        open_sealed_key(record, PIN, aad=LEADER)
    with pytest.raises(UnknownAlgorithmError):
        generate_sealed_key(PIN, alg="sm2-sm3", params=FAST)


# --- JSON -----------------------------------------------------------------------------------


def test_json_round_trip(sealed: SealedKey) -> None:
    data = json.loads(json.dumps(sealed.to_json()))
    assert data["version"] == 1 and data["cipher"] == "aes-256-gcm"
    assert data["kdf"]["algorithm"] == "scrypt" and data["kdf"]["n"] == FAST.n
    again = SealedKey.from_json(data)
    assert again == sealed
    assert open_sealed_key(again, PIN, aad=LEADER).key_id == sealed.key_id


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        data = data[key]
    if value is _DELETE:
        del data[last]
    else:
        data[last] = value


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("version", 2),
        ("version", "1"),
        ("cipher", "aes-128-cbc"),
        ("alg", "Ed25519"),
        ("alg", 7),
        ("key_id", ""),
        ("key_id", None),
        ("public_key", "***"),
        ("public_key", ""),
        ("nonce", base64.b64encode(b"\0" * 8).decode()),
        ("ciphertext", base64.b64encode(b"\0" * 16).decode()),
        ("ciphertext", "not base64"),
        ("kdf", "scrypt"),
        ("kdf.algorithm", "pbkdf2"),
        ("kdf.n", 2**30),
        ("kdf.n", 3),
        ("kdf.r", True),
        ("kdf.salt", base64.b64encode(b"\0" * 4).decode()),
        ("kdf.salt", _DELETE),
        ("nonce", _DELETE),
        ("extra", "x"),
        ("kdf.extra", 1),
    ],
)
def test_from_json_refuses_malformed(sealed: SealedKey, path: str, value: Any) -> None:
    data = json.loads(json.dumps(sealed.to_json()))
    _set(data, path, value)
    with pytest.raises(KeyFileError) as caught:
        SealedKey.from_json(data)
    assert isinstance(caught.value, ValueError)
    assert caught.value.detail


@pytest.mark.parametrize("junk", [None, [], "sealed", 3, {}])
def test_from_json_refuses_non_records(junk: object) -> None:
    with pytest.raises(ValueError):
        SealedKey.from_json(junk)
