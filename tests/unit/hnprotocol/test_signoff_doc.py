"""docs/signoff.md's worked example is what the code computes: another program that follows
the page gets the same hash, key id and signature."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

from hnprotocol.approval import Person, build_record, signed_bytes, verify_record
from hnprotocol.canonical import canonical_json
from hnprotocol.signatures import Ed25519Signer

DOC = Path(__file__).resolve().parents[3] / "docs" / "signoff.md"


def test_worked_example_matches_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith('{"attachments"'))
    content = __import__("json").loads(line)
    assert canonical_json(content).decode("utf-8") == line
    digest = hashlib.sha256(canonical_json(content)).hexdigest()
    assert f"content hash `{digest}`" in text
    signer = Ed25519Signer.from_private_bytes(bytes(range(32)))
    record = build_record(
        item_id=content["id"],
        revision=3,
        content_hash=digest,
        signer=Person("5f1d0c2a9e8b7a6f5e4d3c2b1a098765", "李四", "副县长"),
        deputy_for=None,
        opinion="同意",
        signed_at=datetime(2026, 11, 30, 6, 5, 9, tzinfo=UTC),
        unit="共和县人民政府办公室",
        signature_png=b"\x89PNG example",
        audit_head=(41, "b" * 64),
        sign=signer,
    )
    assert record["signed_at"] == "2026-11-30T14:05:09+08:00"
    assert f"key id `{signer.key_id}`" in text
    assert record["public_key"] in text
    assert record["signature_image"]["value"] in text
    sig = re.search(r"`sig` = `([A-Za-z0-9+/=]+)`", text)
    assert sig is not None and record["signature"]["sig"] == sig.group(1)
    assert b'"signature":{"alg":"ed25519","key_id":"' in signed_bytes(record)
    verify_record(
        record, item_id=content["id"], content_hash=digest, signature_png=b"\x89PNG example"
    )


def test_canonical_json_rules() -> None:
    # NFC, sorted keys, no spaces, integral floats as integers, non-ASCII as itself.
    decomposed = "e\u0301"
    assert canonical_json({"b": 1.0, "a": [decomposed, "藏"]}) == '{"a":["é","藏"],"b":1}'.encode()
