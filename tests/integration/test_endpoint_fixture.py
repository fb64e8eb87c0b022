"""The ``endpoint`` fixture serves the reference endpoint over loopback."""

from __future__ import annotations

import requests

from tests.endpoint_support import RunningEndpoint


def test_the_endpoint_fixture_answers_over_loopback(endpoint: RunningEndpoint) -> None:
    assert endpoint.url.startswith("http://127.0.0.1:")
    token = endpoint.admin.create_unit("共和县人民政府办公室")
    answer = requests.get(
        endpoint.url + "/api/v1/notices", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert answer.json() == {"notices": [], "cursor": "0"}
