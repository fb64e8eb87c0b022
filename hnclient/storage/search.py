"""Text preparation for the FTS5 search index: bigrams for CJK, words for everything else.

FTS5's ``unicode61`` tokenizer keeps a run of Han characters as one token, so “会议” would
not be found inside “召开会议”; ``trigram`` finds nothing under three characters, and most
Chinese words have two. Python's sqlite3 cannot register a custom tokenizer, so the text is
rewritten before it reaches ``unicode61``: every CJK run becomes its overlapping bigrams plus
its last character alone (so a one-character query still sees every occurrence), and a query
becomes a phrase of bigrams, which FTS5 matches at consecutive positions only — a query can
never match across the end of one run and the start of the next.

Tibetan vowel signs and subjoined letters are Unicode category Mn; ``unicode61`` treats Mn as a
separator by default and would cut “བོད” into “བ” and “ད”. The tokenizer therefore counts
Mn/Mc as token characters, so a Tibetan syllable (between tsheg marks) is one token.

Both sides go through :func:`hnclient.textnorm.fold` first, so full-width letters and digits,
invisible characters and variation selectors inside words, radical look-alikes (⻓ for 长) and
the several middle dots in names (才让·多杰, 才让・多杰) match what the officer types. Symbols
(category So: emoji, ★, ※) are tokens of one character each, so an emoji in the text is found.

Changing anything here changes what is in the index: bump :data:`SEARCH_SCHEME`, and the
store rebuilds the index on the next open.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

from hnclient.textnorm import fold

SEARCH_SCHEME = "bigram-2"
TOKENIZE = "unicode61 remove_diacritics 2 categories 'L* N* Co Mn Mc So'"

_CJK = (
    "\u3005\u3007"  # 々 〇 (二〇一五)
    "\u3040-\u30ff\u31f0-\u31ff"  # kana (incl. ー)
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han, ext. A, compatibility ideographs
    "\U00020000-\U0003134f"  # Han ext. B–G
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"  # Hangul
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_TOKEN_CATEGORIES = frozenset({"Co", "Mn", "Mc"})


def _is_symbol(char: str) -> bool:
    # Emoji skin-tone modifiers are Sk; they stay tokens of their own like the emoji itself.
    return unicodedata.category(char) == "So" or "\U0001f3fb" <= char <= "\U0001f3ff"


def _space_symbols(segment: str) -> str:
    if segment.isascii():
        return segment
    return "".join(f" {c} " if _is_symbol(c) else c for c in segment)


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text: str) -> str:
    """The form of ``text`` stored in the FTS table."""
    out: list[str] = []
    pos = 0
    text = fold(text)
    for match in _CJK_RUN.finditer(text):
        out.append(_space_symbols(text[pos : match.start()]))
        run = match.group()
        out.extend(_bigrams(run))
        out.append(run[-1])
        pos = match.end()
    out.append(_space_symbols(text[pos:]))
    return " ".join(part for part in out if part)


def _is_token_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LN" or category in _TOKEN_CATEGORIES


def _segment_groups(text: str) -> list[str]:
    """Groups for a non-CJK segment: each word as a prefix, each run of symbols as a phrase."""
    groups: list[str] = []
    word: list[str] = []
    symbols: list[str] = []

    def flush() -> None:
        if word:
            groups.append(_quote("".join(word)) + "*")
            word.clear()
        if symbols:
            groups.append(_quote(" ".join(symbols)))
            symbols.clear()

    for char in text:
        if _is_symbol(char):
            if word:
                flush()
            symbols.append(char)
        elif _is_token_char(char):
            if symbols:
                flush()
            word.append(char)
        else:
            flush()
    flush()
    return groups


def _quote(token: str) -> str:
    # Tokens never contain '"' (it is a separator), but quoting defensively costs nothing.
    return '"' + token.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what the officer typed, or None if nothing is searchable.

    Every group is a quoted string, so no input can be an FTS5 syntax error; groups are
    AND-ed, which is what a search box promises ("all of these words").
    """
    groups: list[str] = []
    pos = 0
    query = fold(query)
    for match in _CJK_RUN.finditer(query):
        groups.extend(_segment_groups(query[pos : match.start()]))
        run = match.group()
        if len(run) == 1:
            groups.append(_quote(run) + "*")
        else:
            groups.append(_quote(" ".join(_bigrams(run))))
        pos = match.end()
    groups.extend(_segment_groups(query[pos:]))
    if not groups:
        return None
    return " AND ".join(dict.fromkeys(groups))


def index_item(conn: sqlite3.Connection, pk: int, title: str, body: str) -> None:
    conn.execute(
        "INSERT INTO item_search (rowid, title, body) VALUES (?, ?, ?)",
        (pk, index_text(title), index_text(body)),
    )


def unindex_item(conn: sqlite3.Connection, pk: int, title: str, body: str) -> None:
    """Remove a row from the contentless index: FTS5 needs exactly the text that was indexed.

    That text is re-derived from ``items.title``/``item_bodies.search_text`` with the current
    :func:`index_text`; :data:`SEARCH_SCHEME` guarantees it is the same function that indexed it.
    """
    conn.execute(
        "INSERT INTO item_search (item_search, rowid, title, body) VALUES ('delete', ?, ?, ?)",
        (pk, index_text(title), index_text(body)),
    )


def index_current(conn: sqlite3.Connection) -> bool:
    """Whether the index was built by this :data:`SEARCH_SCHEME` (reads only)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'search_scheme'").fetchone()
    except sqlite3.OperationalError:
        return False  # no meta table yet: a new or very old database
    return row is not None and row[0] == SEARCH_SCHEME


def ensure_index_current(conn: sqlite3.Connection) -> bool:
    """Rebuild the index if it was built by another :data:`SEARCH_SCHEME`; True if rebuilt.

    The table is created anew, so a scheme may also change :data:`TOKENIZE`. Runs inside the
    caller's transaction.
    """
    row = conn.execute("SELECT value FROM meta WHERE key = 'search_scheme'").fetchone()
    if row is not None and row[0] == SEARCH_SCHEME:
        return False
    conn.execute("DROP TABLE IF EXISTS item_search")
    # As in migrations.py, which creates it for a new database.
    conn.execute(
        f"""CREATE VIRTUAL TABLE item_search USING fts5 (
            title, body, content='', columnsize=0, tokenize="{TOKENIZE}"
        )"""
    )
    rows = conn.execute(
        "SELECT pk, title, search_text FROM items JOIN item_bodies ON item_pk = pk"
    ).fetchall()
    for pk, title, body in rows:
        index_item(conn, pk, title, body)
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('search_scheme', ?)", (SEARCH_SCHEME,)
    )
    return True
