"""Real files from other projects' test suites and from WPS Office (issue 10).

The files live beside the repository in ``../shared/corpus`` (never copied into it): each
folder's ``EXPECTED.tsv`` gives, per file, ``accept``, ``refuse`` or ``either`` and the
evidence. Every verdict must match, the check must say nothing on stderr or through the
``warnings`` module, and no parser bug may surface as ``check_failed``. Without the corpus
(a checkout on its own) the tests skip.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from hnclient.checks import check_file

#: tests/unit/hnclient/checks/<this file> -> the folder that holds the repository.
CORPUS = Path(__file__).resolve().parents[5] / "shared" / "corpus"
FOLDERS = ("realfiles", "wps")

#: Where the issue decides against a row of EXPECTED.tsv, with its reason. Kept here, in
#: plain sight, so that the corpus stays as it was collected and the decision is reviewable.
POLICY: dict[str, tuple[str, str]] = {
    "realfiles/libjpeg-turbo/testimages_testimgari.jpg": (
        "refuse",
        "issue 10 kind 4: arithmetic-coded JPEGs are refused as an unsupported coding (most "
        "viewers, the office's included, cannot show them) and converted in one click",
    ),
}


def _rows() -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for folder in FOLDERS:
        listing = CORPUS / folder / "EXPECTED.tsv"
        if not listing.is_file():
            continue
        for line in listing.read_text(encoding="utf-8").splitlines()[1:]:
            if line.strip():
                path, expected, evidence = line.split("\t", 2)
                rows.append((f"{folder}/{path}", expected, evidence))
    return rows


ROWS = _rows()
pytestmark = pytest.mark.skipif(not ROWS, reason=f"no corpus at {CORPUS}")


@pytest.mark.parametrize(("path", "expected", "evidence"), ROWS, ids=[r[0] for r in ROWS])
def test_verdict_matches_the_evidence(
    path: str, expected: str, evidence: str, capfd: pytest.CaptureFixture[str]
) -> None:
    file = CORPUS / path
    if not file.exists():
        pytest.skip(f"listed in EXPECTED.tsv but not in the corpus: {path}")
    expected, reason = POLICY.get(path, (expected, evidence))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        verdict = check_file(file)
    got = "accept" if verdict.accepted else "refuse"
    assert verdict.code != "check_failed", verdict.message_en
    assert expected in ("either", got), f"{got} ({verdict.code}: {verdict.message}); {reason}"
    assert [str(w.message) for w in caught] == []
    out, err = capfd.readouterr()
    assert err == ""
    if not verdict.accepted:
        # Every refusal tells the officer what to do, in Chinese.
        assert verdict.message and any("\u4e00" <= c <= "\u9fff" for c in verdict.message)


def test_unlisted_corpus_files_do_not_crash_the_check() -> None:
    listed = {path for path, _, _ in ROWS}
    present = {
        f"{folder}/{p.relative_to(CORPUS / folder).as_posix()}"
        for folder in FOLDERS
        for p in (CORPUS / folder).rglob("*")
        if p.is_file() and p.suffix not in (".tsv", ".md")
    }
    unlisted = sorted(present - listed)
    # Checked all the same, so an unlisted file cannot hide a crash.
    for path in unlisted:
        assert check_file(CORPUS / path).code != "check_failed", path
