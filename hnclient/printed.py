"""What a document prints beside the item's content, and where each part comes from.

The one home for that choice (docs/signoff.md §7): the Word document, the page preview and
``hnclient verify`` (which renders a package's document again to compare it) all take the
unit, the contact and the sign-off block from :func:`printed_for`.

* An item with a valid approval of its very content prints what the leader signed: the
  unit of the approval record (``unit``), the contact recorded in it (``contact``, records
  made since it was added) and the sign-off block built from the record. Renaming the unit
  or changing the officer's telephone in the settings afterwards changes nothing in it.
* A draft (no valid approval) prints the current settings, marked 草稿，未经审核.
* An approval record from before ``contact`` was recorded: the contact given (the current
  settings, or what a package carries) is printed and ``contact_signed`` is False, so that
  ``hnclient verify`` can say that those two lines are not covered by the signature.

Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hnclient.word.layout import SignOff
from hnclient.word.office import Contact


@dataclass(frozen=True)
class Printed:
    """The unit, contact and sign-off a document of one item prints."""

    unit: str
    contact: Contact
    sign_off: SignOff | None
    #: True when the contact printed is the one the approval record signs.
    contact_signed: bool = False


def sign_off_of(record: dict[str, Any], signature_png: bytes, content_hash: str) -> SignOff:
    """The Word document's 签发 block of a verified approval record."""
    from hnprotocol.approval import signed_at

    signer = record.get("signer") or {}
    deputy = record.get("deputy_for") or {}
    return SignOff(
        signer=str(signer.get("name", "")),
        post=str(signer.get("post", "")),
        opinion=str(record.get("opinion", "")),
        signed_at=signed_at(record),
        deputy_for=str(deputy.get("name", "")),
        signature_png=signature_png,
        key_id=str((record.get("signature") or {}).get("key_id", "")),
        content_hash=content_hash,
    )


def printed_for(
    record: dict[str, Any] | None,
    *,
    signature_png: bytes = b"",
    content_hash: str = "",
    unit: str,
    contact: Contact,
) -> Printed:
    """What to print. ``record``: the item's approval record, already verified for this very
    content (None for a draft); ``unit`` and ``contact``: the current settings (or, in
    ``hnclient verify``, what the package says was printed), used where the record has none.
    """
    if record is None:
        return Printed(unit=unit, contact=contact, sign_off=None)
    from hnprotocol.approval import recorded_contact

    signed = recorded_contact(record)
    return Printed(
        unit=str(record.get("unit") or ""),
        contact=Contact(*signed) if signed is not None else contact,
        sign_off=sign_off_of(record, signature_png, content_hash),
        contact_signed=signed is not None,
    )


def contact_from_json(data: Any) -> Contact:
    """A package manifest's ``contact`` member (absent in packages from older versions)."""
    if not isinstance(data, dict):
        return Contact()
    return Contact(str(data.get("name") or ""), str(data.get("phone") or ""))
