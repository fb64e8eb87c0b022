"""Bounded mutation fuzzing of the attachment checks (`make fuzz`), and their timing target.

    python scripts/fuzz_checks.py [--count N] [--seconds S] [--seed K] [--jobs J] [--timing]

Seeds are small real files (generated JPEG, MPO, .docx; the checked-in .doc and .wmv samples;
the shared corpus beside the repository when it exists). Each mutant (bit flips, overwritten
or deleted or duplicated chunks, truncation, appended bytes, splices of two seeds) is checked
in a worker process; the run counts verdicts and reports any crash (``check_failed`` or an
exception), hang (no verdict within ``--hang`` seconds), output on stderr, and any check of a
file of 20 MB or less that took more than 1 s. Failing inputs are kept in ``--out``.

``--timing`` instead builds the worst cases the issue names (a 20 MB JPEG whose MPF segment
lists 4,000 images, a 20 MB JPEG full of stray bytes) and times them with the corpus's files.

Exit status: 0 when nothing crashed, hung or printed; 1 otherwise.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing as mp
import os
import queue
import random
import struct
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "checks"
CORPUS = ROOT.parent / "shared" / "corpus"
MB = 1024 * 1024
#: The issue's target: no check of a file of 20 MB or less takes longer.
TARGET_SECONDS = 1.0


# ----------------------------------------------------------------------------------- seeds


def _jpeg(size: tuple[int, int], exif: bool = False) -> bytes:
    from PIL import Image

    img = Image.new("RGB", size, (200, 80, 20))
    for x in range(size[0]):
        img.putpixel((x, x % size[1]), (x % 256, 255, 0))
    buf = io.BytesIO()
    info = Image.Exif()
    if exif:
        info[0x0112] = 6
        info.get_ifd(0x8825).update({1: "N", 2: (36.0, 17.0, 0.0)})
    img.save(buf, "JPEG", quality=85, exif=info)
    return buf.getvalue()


def _mpo() -> bytes:
    from PIL import Image

    frames = [Image.new("RGB", (48, 32), (40 * i, 90, 160)) for i in range(3)]
    buf = io.BytesIO()
    frames[0].save(buf, "MPO", save_all=True, append_images=frames[1:])
    return buf.getvalue()


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("贵德县召开政务公开工作推进会", 1)
    for i in range(3):
        document.add_paragraph(f"第{i + 1}段：会议要求各单位每周至少报送3条信息。")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "单位"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def seeds(use_corpus: bool) -> list[tuple[str, bytes]]:
    """(extension, bytes) of every seed."""
    found: list[tuple[str, bytes]] = [
        (".jpg", _jpeg((64, 48))),
        (".jpg", _jpeg((120, 90), exif=True)),
        (".jpg", _mpo()),
        (".docx", _docx()),
    ]
    for name in ("sample.doc", "sample.wmv", "audio-only.wmv"):
        found.append((Path(name).suffix, (DATA / name).read_bytes()))
    if use_corpus and CORPUS.is_dir():
        for path in sorted(CORPUS.rglob("*")):
            if path.is_file() and path.suffix.lower() in (".doc", ".docx", ".jpg", ".wmv", ".wps"):
                if path.stat().st_size <= 2 * MB:
                    found.append((path.suffix.lower(), path.read_bytes()))
    return found


# ------------------------------------------------------------------------------- mutations

_INTERESTING = (b"\x00", b"\xff", b"\x7f", b"\x80", b"\xff\xff\xff\xff", b"\x00\x00\x00\x00")


def mutate(rng: random.Random, data: bytes, other: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3))):
        if not out:
            out = bytearray(other[:64] or b"\x00")
        op = rng.randrange(9)
        at = rng.randrange(len(out))
        if op == 0:  # flip bits
            for _ in range(rng.randint(1, 16)):
                i = rng.randrange(len(out))
                out[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # overwrite with an interesting value (often a length or an offset)
            value = rng.choice(_INTERESTING)
            out[at : at + len(value)] = value
        elif op == 2:  # random 32-bit integer
            out[at : at + 4] = struct.pack("<I", rng.getrandbits(32))
        elif op == 3:  # delete a chunk
            del out[at : at + rng.randint(1, 4096)]
        elif op == 4:  # duplicate a chunk
            chunk = out[at : at + rng.randint(1, 4096)]
            out[at:at] = chunk
        elif op == 5:  # truncate
            del out[at:]
        elif op == 6:  # append: a newline, padding, or another seed
            out += rng.choice((b"\n", b"\r\n", b"\x00" * 100, other[: rng.randint(1, 65536)]))
        elif op == 7:  # splice another seed in
            pos = rng.randrange(len(other)) if other else 0
            out[at:at] = other[pos : pos + rng.randint(1, 8192)]
        else:  # random bytes
            out[at : at + 16] = rng.randbytes(16)
    return bytes(out)


def _mutate_zip_member(rng: random.Random, data: bytes) -> bytes | None:
    """Rewrite one member of a package with a mutated body (reaches the XML parsers)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            members = [(i.filename, src.read(i)) for i in src.infolist()]
    except Exception:  # noqa: BLE001 - a damaged seed is simply not used this way
        return None
    if not members:
        return None
    index = rng.randrange(len(members))
    name, body = members[index]
    members[index] = (name, mutate(rng, body, body))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for member_name, member_body in members:
            dst.writestr(member_name, member_body)
    return out.getvalue()


# --------------------------------------------------------------------------------- workers


def _worker(tasks: Any, results: Any, stderr_path: str) -> None:
    fd = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(fd, 2)
    from hnclient.checks import check_file

    while True:
        task = tasks.get()
        if task is None:
            return
        number, path = task
        started = time.perf_counter()
        try:
            verdict = check_file(Path(path))
            outcome = (verdict.code, verdict.accepted, verdict.message)
        except BaseException as error:  # noqa: BLE001 - a crash is what we are looking for
            outcome = ("exception", False, f"{type(error).__name__}: {error}")
        results.put((number, outcome, time.perf_counter() - started))


class Pool:
    """Worker processes that can be killed and replaced when a check hangs."""

    def __init__(self, jobs: int, stderr_dir: Path) -> None:
        self.ctx = mp.get_context("spawn")
        self.results = self.ctx.Queue()
        self.stderr_dir = stderr_dir
        self.slots: list[dict[str, Any]] = [self._start(i) for i in range(jobs)]

    def _start(self, index: int) -> dict[str, Any]:
        tasks = self.ctx.Queue()
        path = str(self.stderr_dir / f"worker{index}.err")
        proc = self.ctx.Process(target=_worker, args=(tasks, self.results, path), daemon=True)
        proc.start()
        return {"proc": proc, "tasks": tasks, "busy": None, "since": 0.0, "index": index}

    def restart(self, slot: dict[str, Any]) -> None:
        slot["proc"].kill()
        slot["proc"].join()
        self.slots[slot["index"]] = self._start(slot["index"])

    def close(self) -> None:
        for slot in self.slots:
            slot["tasks"].put(None)
        for slot in self.slots:
            slot["proc"].join(timeout=10)
            if slot["proc"].is_alive():
                slot["proc"].kill()


def fuzz(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    pool_seeds = seeds(not args.no_corpus)
    work = Path(tempfile.mkdtemp(prefix="hnclient-fuzz-"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pool = Pool(args.jobs, work)
    counts: Counter[str] = Counter()
    crashes: list[str] = []
    hangs: list[str] = []
    slow: list[tuple[float, str]] = []
    sizes: dict[int, tuple[str, int]] = {}
    deadline = time.monotonic() + args.seconds
    submitted = done = 0
    slowest = 0.0

    def keep(number: int, reason: str) -> str:
        name, _size = sizes[number]
        kept = out / f"{reason}-{number}{Path(name).suffix}"
        kept.write_bytes((work / name).read_bytes())
        return str(kept)

    while done < submitted or (submitted < args.count and time.monotonic() < deadline):
        for slot in pool.slots:
            if slot["busy"] is None and submitted < args.count and time.monotonic() < deadline:
                extension, data = rng.choice(pool_seeds)
                _, other = rng.choice(pool_seeds)
                mutant = None
                if extension == ".docx" and rng.random() < 0.3:
                    mutant = _mutate_zip_member(rng, data)
                if mutant is None:
                    mutant = mutate(rng, data, other)
                name = f"m{submitted}{extension}"
                (work / name).write_bytes(mutant)
                sizes[submitted] = (name, len(mutant))
                slot["busy"], slot["since"] = submitted, time.monotonic()
                slot["tasks"].put((submitted, str(work / name)))
                submitted += 1
        try:
            number, (code, accepted, message), seconds = pool.results.get(timeout=0.5)
        except queue.Empty:
            for slot in pool.slots:
                if slot["busy"] is not None and time.monotonic() - slot["since"] > args.hang:
                    hangs.append(keep(slot["busy"], "hang"))
                    (work / sizes[slot["busy"]][0]).unlink(missing_ok=True)
                    pool.restart(slot)
                    done += 1
            continue
        for slot in pool.slots:
            if slot["busy"] == number:
                slot["busy"] = None
        done += 1
        counts["accepted" if accepted else f"refused:{code}"] += 1
        if code in ("check_failed", "exception"):
            crashes.append(f"{keep(number, 'crash')}: {message}")
        slowest = max(slowest, seconds)
        if seconds > TARGET_SECONDS and sizes[number][1] <= 20 * MB:
            slow.append((seconds, keep(number, "slow")))
        (work / sizes[number][0]).unlink(missing_ok=True)
    pool.close()
    stderr = "".join(p.read_text(errors="replace") for p in sorted(work.glob("*.err")))
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()

    print(f"seeds: {len(pool_seeds)}, mutants checked: {done}, seed {args.seed}")
    for key, value in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {key:<34} {value}")
    print(
        f"crashes: {len(crashes)}, hangs (> {args.hang:g} s): {len(hangs)}, "
        f"slower than {TARGET_SECONDS:g} s: {len(slow)}, slowest: {slowest:.3f} s, "
        f"stderr bytes: {len(stderr)}"
    )
    for line in crashes[:20] + hangs[:20] + [f"{s:.2f} s {p}" for s, p in slow[:20]]:
        print("  " + line)
    if stderr:
        print(stderr[:2000])
    return 1 if crashes or hangs or stderr else 0


# ---------------------------------------------------------------------------------- timing


def _many_pictures(target_bytes: int, images: int) -> bytes:
    """A JPEG whose MPF segment lists ``images`` further pictures, about ``target_bytes`` long."""
    small = _jpeg((16, 16))
    pad = max(0, target_bytes // (images + 1) - len(small))
    # Padding inside each picture (a COM segment of zeros, in 64 KB pieces) sets the size.
    comment = b""
    while pad > 0:
        piece = min(pad, 65533)
        comment += b"\xff\xfe" + struct.pack(">H", piece + 2) + bytes(piece)
        pad -= piece + 4
    picture = small[:2] + comment + small[2:]
    first_body_len = 4 + 8 + 2 + 3 * 12 + 4 + 16 * (images + 1)
    app2_len = 2 + first_body_len
    first = picture[:2] + b"\xff\xe2" + struct.pack(">H", app2_len)
    mpf_base = len(first) + 4  # the TIFF header follows "MPF\0"
    first_total = len(first) + first_body_len + len(picture) - 2
    entries = struct.pack(">III", 0x20030000, first_total, 0) + struct.pack(">I", 0)
    for k in range(images):
        offset = first_total + k * len(picture) - mpf_base
        entries += struct.pack(">III", 0, len(picture), offset) + struct.pack(">I", 0)
    ifd = struct.pack(">H", 3)
    ifd += struct.pack(">HHI4s", 0xB000, 7, 4, b"0100")
    ifd += struct.pack(">HHII", 0xB001, 4, 1, images + 1)
    ifd += struct.pack(">HHII", 0xB002, 7, 16 * (images + 1), 8 + 2 + 3 * 12 + 4)
    body = b"MPF\x00" + b"MM\x00*" + struct.pack(">I", 8) + ifd + struct.pack(">I", 0) + entries
    assert len(body) == first_body_len
    data = first + body + picture[2:] + picture * images
    return data


def timing(args: argparse.Namespace) -> int:
    from hnclient.checks import check_file

    cases: list[tuple[str, Path]] = []
    work = Path(tempfile.mkdtemp(prefix="hnclient-timing-"))
    many = work / "mpf-4000.jpg"
    many.write_bytes(_many_pictures(20 * MB - 256 * 1024, 4000))
    cases.append(("20 MB JPEG, MPF lists 4,000 pictures", many))
    stray = work / "stray.jpg"
    base = _jpeg((64, 48))
    dqt = base.index(b"\xff\xdb")
    junk = bytes(range(1, 255)) * (19 * MB // 254)
    stray.write_bytes(base[:dqt] + junk + base[dqt:])
    cases.append(("19 MB of stray bytes between JPEG segments", stray))
    worst = 0.0
    if CORPUS.is_dir():
        # Every corpus file is timed; the five slowest are listed with the built cases.
        timed = []
        for path in sorted(p for p in CORPUS.rglob("*") if p.suffix not in (".tsv", ".md")):
            if path.is_file():
                cpu = time.process_time()
                check_file(path)
                timed.append((time.process_time() - cpu, path))
        timed.sort(reverse=True)
        print(f"corpus: {len(timed)} files, slowest {timed[0][0]:.3f} s cpu")
        cases += [(f"corpus: {p.relative_to(CORPUS)}", p) for _, p in timed[:5]]
    for label, path in cases:
        check_file(path)  # warm caches and imports; the officer's second file is what counts
        started = time.perf_counter()
        cpu = time.process_time()
        verdict = check_file(path)
        seconds = time.perf_counter() - started
        worst = max(worst, time.process_time() - cpu)
        size = path.stat().st_size / MB
        print(
            f"{seconds:6.3f} s wall {time.process_time() - cpu:6.3f} s cpu "
            f"{size:6.1f} MB  {verdict.code:<18} {label}"
        )
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()
    print(f"slowest (cpu): {worst:.3f} s; target {TARGET_SECONDS:g} s per file of 20 MB or less")
    return 0 if worst <= TARGET_SECONDS else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3000, help="mutants to check")
    parser.add_argument("--seconds", type=float, default=600, help="stop submitting after this")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--hang", type=float, default=20.0, help="seconds that count as a hang")
    parser.add_argument(
        "--out", default=str(Path(tempfile.gettempdir()) / "hnclient-fuzz-findings")
    )
    parser.add_argument("--no-corpus", action="store_true", help="seeds from the repository only")
    parser.add_argument("--timing", action="store_true", help="time the worst cases instead")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    return timing(args) if args.timing else fuzz(args)


if __name__ == "__main__":
    sys.exit(main())
