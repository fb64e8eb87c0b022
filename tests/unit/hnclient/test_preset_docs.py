"""Every example in docs/preset.md is a preset the client accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hnclient.preset import read_preset_file

DOC = Path(__file__).resolve().parents[3] / "docs" / "preset.md"
BLOCKS = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
COUNTIES = ("共和县", "同德县", "贵德县", "兴海县", "贵南县")


def test_the_doc_has_an_example_per_county_and_a_department() -> None:
    names = [json.loads(block)["unit"]["name"] for block in BLOCKS]
    for county in COUNTIES:
        assert f"{county}人民政府办公室" in names
    assert any(name.startswith("海南藏族自治州") for name in names)


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: json.loads(b)["unit"]["id"])
def test_every_example_validates(block: str, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    data = json.loads(block)
    if "ca_bundle" in data:  # a real (self-signed) CA certificate under the named name
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "海南州测试 CA")])
        now = datetime.now(UTC)
        cert = (
            x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now).not_valid_after(now + timedelta(days=1))
            .sign(key, hashes.SHA256())
        )  # fmt: skip
        (tmp_path / data["ca_bundle"]).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    path = tmp_path / "preset.json"
    path.write_text(block, encoding="utf-8")
    preset = read_preset_file(path)
    assert preset.unit == data["unit"]["name"] and preset.unit_id == data["unit"]["id"]
    assert [c.name for c in preset.columns] == [c["name"] for c in data.get("columns", [])]
    assert preset.endpoint == data.get("endpoint", "")
