"""The printed title's lines: broken between words and balanced (GB/T 9704-2012 7.3.1).

7.3.1 asks of a title that runs to several lines: 回行时，要做到词意完整，排列对称，长短适宜，
间距恰当，标题排列应当使用梯形或菱形. Filling each line up (“…正式施 / 行”, “青海省人 / 民政府”)
breaks words; so the title is cut into words by a Chinese segmenter and the breaks are chosen
among word boundaries so that the lines are of like length, the last line is no orphan and
the shape is a rectangle, trapezoid or diamond.

The segmenter is jieba's dictionary and algorithm in Rust (the ``rjieba`` package): a
prefix-dictionary DAG with an HMM for unknown words, the segmenter most Chinese software uses.
It is imported on first use only (not at start-up) and knows the prefecture's place names.

The officer may set breaks by hand (``Item.title_breaks``: offsets into the title where a
new line starts); a part between two manual breaks is only broken again automatically when
it is longer than a line. This module is the one home of title lines: the Word document and
the page preview both print :attr:`hnclient.word.layout.Title.lines`.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from hnclient.word.scripts import is_tibetan, printed_width

#: 2号 (22 pt) characters a 156 mm line holds: 442.2 pt / 22 pt = 20.1.
TITLE_LINE_EM = 20.0
#: Place names of 海南藏族自治州 the segmenter's general dictionary splits or does not know.
LOCAL_WORDS = (
    "海南藏族自治州", "海南州", "共和县", "同德县", "贵德县", "兴海县", "贵南县",
    "恰卜恰镇", "恰卜恰", "龙羊峡", "青海湖", "三江源", "塔秀乡", "河卡镇", "森多镇",
)  # fmt: skip

#: Marks that never begin a line: they stay with the word before them.
_CLOSING = set("，。、；：？！）》〉」』】〕〗”’%％‰·…—,.;:?!)]}>")
#: Marks that never end a line: they stay with the word after them.
_OPENING = set("（《〈「『【〔〖“‘([{<")
#: Units written straight after a number, kept with it (“2026年”, “12号”, “5.2%”).
_NUMBER_UNITS = set("年月日号期批届次个项条款章节亿万千百元%％")
#: One-character words that are whole words (function words); any other single character
#: the segmenter leaves alone is likely part of a name it does not know (“才/让/多杰”).
_FUNCTION_CHARS = set("的和与及或之在对为将把被向从于等并暨由以至")

#: Prepositions that lead what follows them: a line does not end on them (“…办公室关于 / 印发”).
_LEADING_WORDS = frozenset({"关于", "对于", "根据", "按照", "依据", "为了", "围绕", "通过", "有关"})
#: Cost of breaking next to a lone character that is not a function word.
_LONE_CHAR_COST = 12.0
#: Cost of ending a line with a function word or starting one with “的”.
_FUNCTION_EDGE_COST = 4.0
#: Cost of a break inside 《…》 or “…”.
_QUOTED_COST = 6.0
#: A last line shorter than this share of the mean is an orphan, at this cost per em.
_ORPHAN_SHARE = 0.5
_ORPHAN_COST = 6.0
#: A bilingual title too long for one line puts its Tibetan and its Chinese on lines of their
#: own, when each is at least this wide (em); a single Tibetan word in a Chinese title is not
#: set apart.
BILINGUAL_PART_EM = 5.0
#: Cost of each line more than the fewest that hold the title.
_EXTRA_LINE_COST = 12.0


def title_lines(
    title: str, breaks: Iterable[int] = (), line_em: float = TITLE_LINE_EM
) -> tuple[str, ...]:
    """The printed lines of ``title``: the officer's ``breaks`` (offsets where a line starts),
    and within each part the balanced breaks between words. Joined, the lines are ``title``."""
    lines: list[str] = []
    for part in manual_parts(title, breaks):
        for script_part in _bilingual_parts(part, line_em):
            lines.extend(balance(words(script_part), line_em))
    return tuple(line for line in lines if line)


def manual_parts(title: str, breaks: Iterable[int]) -> list[str]:
    """``title`` cut where the officer set a break (offsets outside it are ignored)."""
    cuts = sorted({b for b in breaks if 0 < b < len(title)})
    parts = [title[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(title)], strict=True)]
    return [part for part in parts if part]


def _bilingual_parts(part: str, line_em: float) -> list[str]:
    """``part`` as its Tibetan and Chinese stretches when it needs more than one line and
    each stretch is :data:`BILINGUAL_PART_EM` wide or more; else ``[part]``."""
    if not part or title_width(part) <= line_em:
        return [part] if part else []
    runs = [run.strip() for run, _ in _script_runs(part)]
    runs = [run for run in runs if run]
    if len(runs) > 1 and all(title_width(run) >= BILINGUAL_PART_EM for run in runs):
        return runs
    return [part]


def title_width(text: str) -> float:
    """Printed width of ``text`` in em of the title's size (:func:`printed_width`)."""
    return printed_width(text)


# ------------------------------------------------------------------------------------ words


@functools.cache
def _segmenter() -> Any:
    import rjieba  # not needed until a title is printed: kept off the start-up path

    jieba = rjieba.Jieba()
    for word in LOCAL_WORDS:
        jieba.add_word(word, None, None)
    return jieba


def segment(text: str) -> list[str]:
    """The segmenter's words of ``text`` (Chinese, Latin, digits; Tibetan is split at its
    syllable mark ་ and shad ། instead, which the segmenter does not know)."""
    pieces: list[str] = []
    for run, tibetan in _script_runs(text):
        if tibetan:
            pieces.extend(p for p in re.split(r"(?<=[་།༎\s])", run) if p)
        else:
            pieces.extend(p for p in _segmenter().cut(run, True) if p)
    return pieces


def _script_runs(text: str) -> list[tuple[str, bool]]:
    runs: list[tuple[str, bool]] = []
    for char in text:
        tibetan = is_tibetan(char) or (char.isspace() and bool(runs) and runs[-1][1])
        if runs and runs[-1][1] == tibetan:
            runs[-1] = (runs[-1][0] + char, tibetan)
        else:
            runs.append((char, tibetan))
    return runs


def words(text: str) -> list[str]:
    """Pieces of ``text`` between which a title line may break: the segmenter's words, with
    punctuation kept on its side (closing marks with the word before, opening marks with the
    word after) and a number with its unit (“2026年”, “〔2026〕12号”). Joined, they are
    ``text``."""
    merged: list[str] = []
    glue_next = False
    for piece in segment(text):
        if merged and (glue_next or _sticks_to_previous(merged[-1], piece)):
            merged[-1] += piece
        else:
            merged.append(piece)
        glue_next = piece[-1] in _OPENING
    return _keep_whole(merged, text)


#: Spans never broken: a document number (“青政〔2026〕12号”) and a date (“2026年11月12日”).
_WHOLE = re.compile(
    r"[\u4e00-\u9fff]{1,8}[〔\[［(（]\d{4}[〕\]］)）]第?\d+号"
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日"
)


def _keep_whole(pieces: list[str], text: str) -> list[str]:
    """``pieces`` with no boundary left inside a :data:`_WHOLE` span of ``text``."""
    inside = {
        position
        for match in _WHOLE.finditer(text)
        for position in range(match.start() + 1, match.end())
    }
    if not inside:
        return pieces
    kept: list[str] = []
    position = 0
    for piece in pieces:
        if kept and position in inside:
            kept[-1] += piece
        else:
            kept.append(piece)
        position += len(piece)
    return kept


def _sticks_to_previous(previous: str, piece: str) -> bool:
    first = piece[0]
    if first in _CLOSING or first.isspace():
        return True
    if previous[-1].isdigit() and (first in _NUMBER_UNITS or first.isdigit() or first in ".．"):
        return True
    # Latin text breaks only at spaces (“5G”, “COVID-19”, “<b>x</b>” stay whole).
    return _latin(previous[-1]) and _latin(first)


def _latin(char: str) -> bool:
    return char.isascii() and not char.isspace()


def breaks_inside_word(line: str, following: str) -> bool:
    """Whether a line ending in ``line`` and followed by ``following`` cuts a word, as the
    segmenter reads the two joined (used by tests on the printed page)."""
    if not following:
        return False
    joined = line + following
    ends = set()
    position = 0
    for piece in words(joined):
        position += len(piece)
        ends.add(position)
    return len(line) not in ends


# ---------------------------------------------------------------------------------- balance


def balance(pieces: Sequence[str], line_em: float = TITLE_LINE_EM) -> list[str]:
    """``pieces`` as lines no wider than ``line_em``, breaks only between pieces, chosen for
    the lowest cost: lines' spread around their mean, lone characters split from their word,
    function words at a line's edge, a pinched middle line, an orphaned last line."""
    pieces = [p for p in pieces if p]
    if not pieces:
        return []
    pieces = _fit(pieces, line_em)
    widths = [title_width(p.strip()) for p in pieces]
    total = title_width("".join(pieces).strip())
    if total <= line_em:
        return ["".join(pieces).strip()]
    fewest = max(2, math.ceil(total / line_em))
    best: tuple[float, list[str]] | None = None
    for count in range(fewest, min(fewest + 2, len(pieces)) + 1):
        found = _best_split(pieces, widths, count, line_em)
        if found is None:
            continue
        cost = found[0] + _EXTRA_LINE_COST * (count - fewest)
        if best is None or cost < best[0]:
            best = (cost, found[1])
    if best is None:  # cannot happen after _fit; greedy fill as a last resort
        return _greedy(pieces, line_em)
    return best[1]


def _fit(pieces: list[str], line_em: float) -> list[str]:
    """A piece wider than a line (a long Latin word, a URL) is cut into characters."""
    fitted: list[str] = []
    for piece in pieces:
        if title_width(piece.strip()) > line_em:
            fitted.extend(piece)
        else:
            fitted.append(piece)
    return fitted


def _best_split(
    pieces: list[str], widths: list[float], count: int, line_em: float
) -> tuple[float, list[str]] | None:
    """The cheapest split of ``pieces`` into ``count`` lines no wider than ``line_em``.

    Dynamic programming over (line, start of this line): the spread around the mean width
    and the break costs add up line by line; a last line under half the mean is an orphan.
    Lines of like length are a rectangle, a trapezoid or a diamond, as 7.3.1 asks; a
    pinched middle line costs its spread. Each line holds at most a line's worth of pieces,
    so the work grows with the title's length, not with the number of possible splits.
    """
    n = len(pieces)
    mean = sum(widths) / count
    quoted = _inside_quotes(pieces)

    @functools.cache
    def width_of(i: int, j: int) -> float:
        return title_width("".join(pieces[i:j]).strip())

    @functools.cache
    def solve(line: int, start: int) -> tuple[float, tuple[int, ...]] | None:
        """Cheapest cost of lines ``line``… when ``line`` starts at piece ``start``."""
        last = line == count - 1
        ends = [n] if last else range(start + 1, n - (count - line - 1) + 1)
        best: tuple[float, tuple[int, ...]] | None = None
        for end in ends:
            width = width_of(start, end)
            if width > line_em:
                break
            cost = (width - mean) ** 2
            if last:
                if width < _ORPHAN_SHARE * mean:
                    cost += _ORPHAN_COST * (_ORPHAN_SHARE * mean - width)
                rest: tuple[float, tuple[int, ...]] | None = (0.0, ())
            else:
                cost += _break_cost(pieces, end) + (_QUOTED_COST if quoted[end] else 0.0)
                rest = solve(line + 1, end)
            if rest is None:
                continue
            total = cost + rest[0]
            if best is None or total < best[0]:
                best = (total, (end, *rest[1]) if not last else ())
        return best

    found = solve(0, 0)
    if found is None:
        return None
    cost, cuts = found
    bounds = zip([0, *cuts], [*cuts, n], strict=True)
    return cost, ["".join(pieces[a:b]).strip() for a, b in bounds]


def _inside_quotes(pieces: list[str]) -> list[bool]:
    """Per break position (before ``pieces[i]``): whether it falls inside 《》 or “” — a
    document's name or a quotation, better kept on one line when the balance allows."""
    inside = [False]
    depth = 0
    for piece in pieces:
        for char in piece:
            if char in "《“":
                depth += 1
            elif char in "》”":
                depth = max(0, depth - 1)
        inside.append(depth > 0)
    return inside


def _break_cost(pieces: list[str], at: int) -> float:
    """Cost of a line break before ``pieces[at]``."""
    before, after = pieces[at - 1].strip(), pieces[at].strip()
    cost = 0.0
    for piece in (before, after):
        if _lone_char(piece) and piece not in _FUNCTION_CHARS:
            cost += _LONE_CHAR_COST
    if (before[-1:] in _FUNCTION_CHARS and len(before) == 1) or before in _LEADING_WORDS:
        cost += _FUNCTION_EDGE_COST
    if after.startswith("的"):
        cost += _FUNCTION_EDGE_COST
    return cost


def _lone_char(piece: str) -> bool:
    core = "".join(c for c in piece if c not in _CLOSING and c not in _OPENING)
    return len(core) == 1 and unicodedata.east_asian_width(core) in "WF"


def _greedy(pieces: list[str], line_em: float) -> list[str]:
    lines = [""]
    for piece in pieces:
        if lines[-1] and title_width((lines[-1] + piece).strip()) > line_em:
            lines.append("")
        lines[-1] += piece
    return [line.strip() for line in lines]
