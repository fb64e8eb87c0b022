"""Near-duplicates of items already sent: the same title, or mostly the same text.

Titles are compared after :func:`normalise` (NFKC, case folded, everything but letters and
digits dropped), so "共和县召开 春耕会议！" equals "共和县召开春耕会议".

Texts are compared by the Jaccard similarity of their sets of character bigrams (after the
same normalisation). Bigrams suit Chinese, which has no spaces between words and where most
words are two characters. The threshold is 0.8: editing a text changes the bigrams around
each edit, so a text of which about a tenth has been changed (a date, a figure, a sentence
added or dropped — a resend or a correction) still scores 0.8-0.9, while two different
reports on the same subject from the same unit, which share their set phrases
(召开、会议、工作、发展 …), score well below 0.5 (measured: see the report of issue 6;
:data:`THRESHOLD`). Texts of fewer than :data:`MIN_BIGRAMS` distinct bigrams are too short to
judge and compared by title only.

Speed: even built by C code (:func:`bigrams`), the bigram set of every earlier item costs
about 0.1 ms per thousand characters, and a Python set of strings five times that; thousands
of items on every submission add up. So each earlier item first passes two cheap tests on its
normalised text:

1. *length*: its number of distinct bigrams is at most its length - 1, and Jaccard ≥ t needs
   at least t·|B| of them (an exact bound);
2. *sample*: a fixed sample of :data:`SAMPLE_SIZE` of the current item's bigrams (the ones
   with the smallest CRC-32: deterministic, and unrelated to the text's meaning) is looked for
   with ``in`` (a C substring search), stopping as soon as the outcome is known. Jaccard ≥ t
   implies that at least a fraction t of the current item's bigrams occur in the earlier
   text; :func:`sample_needed` of the sample must occur (15 of 32 at 0.8), so that a true
   near-duplicate fails this test with a chance below 10⁻⁵ (binomial, 32 draws at p ≥ 0.8).

Only what passes both has its bigram set built and its exact similarity computed.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

THRESHOLD = 0.8
MIN_BIGRAMS = 30
SAMPLE_SIZE = 32
#: At most this many near-duplicates are reported, the most similar first: a generic title
#: ("工作动态") may match dozens of earlier items, and one note per item is enough to read.
MAX_REPORTED = 5

_NOT_WORD = re.compile(r"[\W_]+")


def sample_needed(threshold: float, size: int = SAMPLE_SIZE, miss: float = 1e-5) -> int:
    """How many of a sample of ``size`` bigrams must occur in an earlier text for it to be
    compared exactly: the most for which a true near-duplicate (each sampled bigram present
    with probability ≥ ``threshold``) falls short with a chance ≤ ``miss`` (binomial tail;
    15 of 32 at 0.8)."""
    needed, tail = 0, 0.0
    for hits in range(size + 1):
        tail += math.comb(size, hits) * threshold**hits * (1 - threshold) ** (size - hits)
        if tail > miss:
            break
        needed = hits + 1
    return max(1, needed)


class EarlierLike(Protocol):
    @property
    def item_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Duplicate:
    item_id: str
    title: str
    same_title: bool
    similarity: float  # Jaccard of bigram sets, 0.0 when a text was too short to compare


def normalise(text: str) -> str:
    """NFKC, case folded, letters and digits only (spaces, punctuation, invisible characters
    gone)."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _NOT_WORD.sub("", text.casefold())


def bigrams(normalised: str) -> set[int]:
    """The distinct character bigrams of a text, each as one integer (its two UTF-32 code
    units read as a 64-bit word): built by C code, about five times faster than a set of
    two-character strings, and compared only within one process."""
    data = normalised.encode("utf-32-le")
    even = data[: len(data) // 8 * 8]  # bigrams starting at characters 0, 2, 4 …
    odd = data[4 : 4 + (len(data) - 4) // 8 * 8]  # … and at 1, 3, 5 …
    found = set(memoryview(even).cast("Q").tolist())
    found.update(memoryview(odd).cast("Q").tolist())
    return found


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def find_duplicates(
    title: str,
    text: str,
    earlier: Sequence[EarlierLike],
    *,
    item_id: str | None = None,
    threshold: float = THRESHOLD,
) -> list[Duplicate]:
    """Earlier items with the same normalised title or a text similarity ≥ ``threshold``,
    most similar first (same title before equal similarity), at most :data:`MAX_REPORTED`."""
    own_title = normalise(title)
    own_text = normalise(text)
    own = bigrams(own_text)
    comparable = len(own) >= MIN_BIGRAMS
    grams = {own_text[i : i + 2] for i in range(len(own_text) - 1)}
    sample = sorted(grams, key=lambda g: (zlib.crc32(g.encode("utf-8")), g))[:SAMPLE_SIZE]
    needed = min(sample_needed(threshold), len(sample))
    shortest = threshold * len(own) + 1
    found: list[Duplicate] = []
    for other in earlier:
        if item_id is not None and other.item_id == item_id:
            continue
        same_title = bool(own_title) and normalise(other.title) == own_title
        similarity = 0.0
        if comparable:
            theirs = normalise(other.text)
            if len(theirs) >= shortest and _enough_in(sample, needed, theirs):
                similarity = jaccard(own, bigrams(theirs))
        if same_title or similarity >= threshold:
            found.append(Duplicate(other.item_id, other.title, same_title, round(similarity, 3)))
    found.sort(key=lambda d: (-d.similarity, not d.same_title))
    return found[:MAX_REPORTED]


def _enough_in(sample: list[str], needed: int, text: str) -> bool:
    """Whether at least ``needed`` of ``sample`` occur in ``text``, deciding early."""
    hits = misses = 0
    allowed_misses = len(sample) - needed
    for gram in sample:
        if gram in text:
            hits += 1
            if hits >= needed:
                return True
        else:
            misses += 1
            if misses > allowed_misses:
                return False
    return hits >= needed
