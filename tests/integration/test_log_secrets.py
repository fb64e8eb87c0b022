"""No token, PIN or private key in the log files (issue 11 item 6).

Drives what handles secrets for real — a leader enrolled with a PIN, a wrong PIN, a PIN
change, sign-in and approval with the PIN, the unit's token stored and used by ``hnclient
sync`` against the reference endpoint — with debug logging on, adds log lines that carry
the secrets on purpose (as a careless message or an exception text would), then searches
every log file for them in every spelling.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import logging
from pathlib import Path

import pytest

from hnclient.logs import HIDDEN, configure_logging
from hnclient.signing import SealedKey
from hnclient.signing.keys import _unseal
from hnclient.signing.pin import WrongPinError, pin_secret
from hnclient.sync_cli import EXIT_OK, run_sync
from tests.endpoint_support import start_endpoint
from tests.sending_support import UNIT, Setup, add_item, jpeg_bytes
from tests.signoff_support import PIN, Workspace, leader_of

NEW_PIN = "９７５３１１"
WRONG_PIN = "135799"  # typed with full-width digits: normalised to 975311


def test_secrets_never_reach_the_log_files(
    hnclient_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = hnclient_home / "logs"
    logs.mkdir(parents=True)
    configure_logging(logs, logging.DEBUG)
    log = logging.getLogger("hnclient.test")
    endpoint = start_endpoint(tmp_path / "endpoint")
    try:
        token = endpoint.admin.create_unit(UNIT)
        workspace = Workspace(hnclient_home, sending=lambda: True)
        service = workspace.service
        item = add_item(workspace, tmp_path, files=[("a.jpg", jpeg_bytes(), "jpeg")])
        leader = leader_of(service)
        service.change_pin(leader.id, PIN, NEW_PIN)
        service.sign_in(leader.id, NEW_PIN)
        with pytest.raises(WrongPinError):
            service.sign_in(leader.id, WRONG_PIN)
        assert leader.key_id
        key = workspace.store.leader_key(leader.key_id)
        assert key is not None and key.sealed is not None
        sealed = SealedKey.from_json(key.sealed)
        _alg, _signer, private_key = _unseal(sealed, pin_secret(NEW_PIN), leader.id.encode())
        Setup(workspace, endpoint, token).confirm_leader()
        workspace.close()

        preset = {"unit": UNIT, "endpoint": endpoint.url, "allow_http": True}
        (hnclient_home / "config").mkdir(parents=True, exist_ok=True)
        (hnclient_home / "config" / "preset.json").write_text(json.dumps(preset), "utf-8")
        monkeypatch.setattr("sys.stdin", io.StringIO(token + "\n"))
        out, err = io.StringIO(), io.StringIO()
        assert run_sync(argparse.Namespace(token_stdin=True), out, err) == EXIT_OK, err.getvalue()
        assert "已报送" in out.getvalue() and item.id
        # careless lines: the secrets handed to the logger outright
        log.warning("signing in with %s (new %s), token %s", PIN, NEW_PIN, token)
        log.info("key %s / %s", private_key.hex(), base64.b64encode(private_key).decode())
        log.debug("headers {'Authorization': 'Bearer %s'}", token)
        try:
            raise ValueError(f"refused token={token} pin={PIN}")
        except ValueError:
            log.exception("request failed")
    finally:
        endpoint.stop()
    for handler in logging.getLogger().handlers:
        handler.flush()

    text = "\n".join(p.read_text("utf-8") for p in sorted(logs.iterdir()) if p.is_file())
    assert text.count(HIDDEN) >= 8 and "request failed" in text and "Traceback" in text
    secrets = {
        "PIN": PIN,
        "new PIN": "975311",
        "new PIN (full-width)": NEW_PIN,
        "wrong PIN": WRONG_PIN,
        "token": token,
        "key hex": private_key.hex(),
        "key base64": base64.b64encode(private_key).decode().rstrip("="),
    }
    found = [what for what, value in secrets.items() if value in text]
    assert found == [], text
