"""Sending approved items to the prefecture's submission endpoint (docs/protocol.md). Qt-free.

- :mod:`.config` — where to send and how (from the county preset).
- :mod:`.transport` — the one HTTP session: TLS verified, timeouts, loopback-only http.
- :mod:`.credentials` — the unit's token: OS keyring when trusted, else this run's memory.
- :mod:`.retry` — which failures are retried, and the backoff between tries.
- :mod:`.control` — pause and cancel.
- :mod:`.progress` — bytes done, speed and time left.
- :mod:`.uploads` — the tus upload client (chunks, checksums, resume).
- :mod:`.delivery` — one item: uploads, manifest, receipt, the DELIVER move.
- :mod:`.feedback` — the office's statuses and notices.
- :mod:`.lock` — one sender per data folder.
- :mod:`.sender` — the long-lived worker the window observes, and the single pass of
  ``hnclient sync``.
"""
