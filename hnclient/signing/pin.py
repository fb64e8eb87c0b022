"""Leader PINs: the format rule, and the salted scrypt hash that is all the program keeps.

A PIN is :data:`MIN_PIN_DIGITS` or more ASCII digits. Full-width digits (``０``–``９``, which a
Chinese input method in full-width mode types) are normalised to ASCII first, so ``１２３４５６``
and ``123456`` are the same PIN everywhere (format check, hash, sealed key). Nothing else is
normalised: spaces, letters, other scripts' digits and symbols are refused.

The hash is scrypt over the normalised PIN with the record's own random 16-byte salt; the
record keeps ``n``, ``r``, ``p`` so the cost can grow (:func:`needs_rehash`) without making
old records unreadable.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from typing import Any, Final, Literal

from hnclient.errors import OfficerError
from hnclient.signing import _json
from hnclient.signing.kdf import DEFAULT_SCRYPT, SALT_BYTES, ScryptParams, scrypt

MIN_PIN_DIGITS: Final = 6
"""Shortest PIN accepted at enrolment and at every entry, in digits."""

MAX_PIN_DIGITS: Final = 64
"""Longest PIN accepted (a bound on input, not a recommendation)."""

PIN_DIGEST_BYTES: Final = 32
"""Length of the scrypt output kept in a :class:`PinHash`, in bytes."""

_FULL_WIDTH_DIGITS: Final = str.maketrans("０１２３４５６７８９", "0123456789")
_ASCII_DIGITS: Final = frozenset("0123456789")

PinFormatReason = Literal["empty", "too_short", "too_long", "not_digits", "too_simple"]


class PinFormatError(OfficerError, ValueError):
    """The PIN typed is not 6+ digits. Not a wrong PIN: never count it as a failed attempt.

    ``reason`` is ``"empty"``, ``"too_short"``, ``"too_long"`` or ``"not_digits"``;
    ``digits`` is the length typed (after full-width normalisation).
    """

    def __init__(self, reason: PinFormatReason, digits: int) -> None:
        self.reason: PinFormatReason = reason
        self.digits = digits
        if reason == "empty":
            zh = f"没有输入 PIN。请输入 {MIN_PIN_DIGITS} 位或更多数字的 PIN。"
            en = f"No PIN was entered. Enter a PIN of {MIN_PIN_DIGITS} or more digits."
        elif reason == "too_short":
            zh = (
                f"PIN 只有 {digits} 位，至少需要 {MIN_PIN_DIGITS} 位数字。"
                "请检查是否漏按，再输入一次。"
            )
            en = (
                f"The PIN has only {digits} digits; it needs at least {MIN_PIN_DIGITS}. "
                "Check for a missed key and enter it again."
            )
        elif reason == "too_simple":
            zh = (
                "这个 PIN 太容易被猜到（同一个数字重复，或 123456、654321 这样的顺序数字）。"
                "PIN 保护领导的电子签发，请换一个不重复、不连续的数字组合。"
            )
            en = (
                "This PIN is too easy to guess (one digit repeated, or a run such as 123456 "
                "or 654321). It protects the leader's sign-off: choose another."
            )
        elif reason == "too_long":
            zh = f"PIN 太长了（{digits} 位），最多 {MAX_PIN_DIGITS} 位数字。请重新输入。"
            en = f"The PIN is too long ({digits} characters); at most {MAX_PIN_DIGITS} digits."
        else:
            zh = (
                "PIN 只能由数字 0–9 组成，不能含字母、空格或符号。"
                "请检查输入法是否处于中文或大写状态，再输入一次。"
            )
            en = (
                "The PIN may contain only the digits 0-9, no letters, spaces or symbols. "
                "Check the input method and Caps Lock, then enter it again."
            )
        super().__init__(zh, en)


class PinRecordError(OfficerError, ValueError):
    """A stored PIN hash cannot be read: the leader's record was damaged or edited."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            "该领导的 PIN 记录已损坏或被改动，无法核对 PIN。"
            "请联系县里的信息化人员检查本机数据；必要时该领导重新登记。",
            f"This leader's PIN record is damaged or was altered ({detail}), so the PIN "
            "cannot be checked. Ask county IT to look at this PC's data; if need be, the "
            "leader enrols again.",
        )


def normalise_pin(pin: str) -> str:
    """``pin`` with full-width digits ``０``–``９`` turned into ASCII ``0``–``9``; nothing else.

    Every PIN the client handles passes here, so here it is kept out of the log files."""
    from hnclient.logs import register_secret

    text = pin.translate(_FULL_WIDTH_DIGITS)
    register_secret(text)
    register_secret(pin)
    return text


def check_new_pin(pin: str) -> None:
    """:func:`check_pin_format`, and for a PIN being chosen (enrolment, change, re-enrolment)
    also not one of the first guesses: one digit repeated (111111) or a run up or down
    (123456, 654321, 234567, wrapping 901234). PINs already chosen keep working at entry."""
    check_pin_format(pin)
    digits = [int(c) for c in normalise_pin(pin)]
    steps = {(b - a) % 10 for a, b in zip(digits, digits[1:], strict=False)}
    if steps in ({0}, {1}, {9}):
        raise PinFormatError("too_simple", len(digits))


def check_pin_format(pin: str) -> None:
    """Raise :class:`PinFormatError` unless ``pin`` is 6–64 digits after normalisation.

    Full-width digits count as digits (:func:`normalise_pin`); any other character — a
    space, a letter, a symbol, a digit of another script — is refused.
    """
    text = normalise_pin(pin)
    if not text:
        raise PinFormatError("empty", 0)
    if not _ASCII_DIGITS.issuperset(text):
        raise PinFormatError("not_digits", len(text))
    if len(text) < MIN_PIN_DIGITS:
        raise PinFormatError("too_short", len(text))
    if len(text) > MAX_PIN_DIGITS:
        raise PinFormatError("too_long", len(text))


def pin_secret(pin: str) -> bytes:
    """The bytes scrypt derives from: the checked, normalised PIN in ASCII.

    Raises :class:`PinFormatError` for a PIN that breaks the format rule.
    """
    check_pin_format(pin)
    return normalise_pin(pin).encode("ascii")


@dataclass(frozen=True, slots=True)
class PinHash:
    """A leader's PIN as stored: ``scrypt(pin, salt, n, r, p) -> digest``.

    ``salt`` is 16–64 random bytes (16 when made here), ``digest`` 32 bytes. Construction
    checks every field and raises :class:`PinRecordError` (a ``ValueError``) when one is off.
    """

    algorithm: str
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes

    def __post_init__(self) -> None:
        try:
            if self.algorithm != "scrypt":
                raise ValueError(f"unknown PIN hash algorithm {self.algorithm!r}")
            ScryptParams(self.n, self.r, self.p)
            _json.check_salt(self.salt)
            if not isinstance(self.digest, bytes) or len(self.digest) != PIN_DIGEST_BYTES:
                raise ValueError(f"digest must be {PIN_DIGEST_BYTES} bytes")
        except PinRecordError:
            raise
        except ValueError as error:
            raise PinRecordError(str(error)) from error

    @property
    def params(self) -> ScryptParams:
        """The record's scrypt cost."""
        return ScryptParams(self.n, self.r, self.p)

    def to_json(self) -> dict[str, Any]:
        """``{"algorithm": "scrypt", "n", "r", "p", "salt": base64, "digest": base64}``."""
        return {
            "algorithm": self.algorithm,
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "salt": _json.b64encode(self.salt),
            "digest": _json.b64encode(self.digest),
        }

    @classmethod
    def from_json(cls, data: object) -> PinHash:
        """Read :meth:`to_json`'s form back; :class:`PinRecordError` (a ``ValueError``) when
        a key is missing or unknown, a type is wrong, base64 is invalid or a value is out of
        range (including scrypt costs too large to run safely)."""
        try:
            fields = _json.require_mapping(
                data, "PIN hash", {"algorithm", "n", "r", "p", "salt", "digest"}
            )
            params = _json.read_scrypt(fields, "PIN hash")
            return cls(
                algorithm=_json.require_str(fields["algorithm"], "algorithm"),
                n=params.n,
                r=params.r,
                p=params.p,
                salt=_json.b64decode(fields["salt"], "salt"),
                digest=_json.b64decode(fields["digest"], "digest"),
            )
        except PinRecordError:
            raise
        except ValueError as error:
            raise PinRecordError(str(error)) from error


def hash_pin(pin: str, *, params: ScryptParams = DEFAULT_SCRYPT) -> PinHash:
    """Hash a new PIN with a fresh random 16-byte salt (enrolment or PIN change).

    Raises :class:`PinFormatError` when the PIN breaks the format rule. Takes about as long
    as one scrypt run at ``params`` (0.1–0.2 s at the default); call it off the GUI thread.
    """
    secret = pin_secret(pin)
    salt = os.urandom(SALT_BYTES)
    return PinHash(
        algorithm="scrypt",
        n=params.n,
        r=params.r,
        p=params.p,
        salt=salt,
        digest=scrypt(secret, salt, params, PIN_DIGEST_BYTES),
    )


def verify_pin(pin: str, record: PinHash) -> bool:
    """True when ``pin`` is the PIN hashed in ``record``; the digests compare in constant time.

    Raises :class:`PinFormatError` for a malformed PIN (empty, 3 digits, letters) before any
    hashing, so the caller can show the format message and not count a failed attempt.
    """
    secret = pin_secret(pin)
    candidate = scrypt(secret, record.salt, record.params, len(record.digest))
    return hmac.compare_digest(candidate, record.digest)


def needs_rehash(record: PinHash, params: ScryptParams = DEFAULT_SCRYPT) -> bool:
    """True when ``record`` was made with a lower cost than ``params``.

    After a successful :func:`verify_pin` the caller may store ``hash_pin(pin)`` instead.
    """
    return record.params.weaker_than(params)


class WrongPinError(OfficerError):
    """The PIN does not match this leader's. Count it as a failed attempt.

    ``attempts_left`` (when the caller knows it from the lockout policy) is how many more
    wrong PINs are allowed before the lock.
    """

    def __init__(self, attempts_left: int | None = None) -> None:
        self.attempts_left = attempts_left
        zh = "PIN 不正确。请核对后重新输入。"
        en = "The PIN is not correct. Check it and enter it again."
        if attempts_left is not None and attempts_left > 0:
            zh += f"再错 {attempts_left} 次将暂时锁定。"
            en += f" {attempts_left} more wrong PIN(s) will lock it for a while."
        zh += "如果忘记了 PIN，需要重新登记。"
        en += " A forgotten PIN means enrolling again."
        super().__init__(zh, en)
