"""render_10_photos (issue 3): Word rendering of an item with ten 12-megapixel photos, ≤ 3 s.

Ten 4000×3000 JPEGs (noise over gradients, so they compress like photos: several MB each) are
made once under ``benchmarks/.data/photos/``, stored in an :class:`AttachmentStore` in a temp
dir, and referred to by an item of the policy form with ~600 characters of body text. Measured:
``render_docx`` of that item into a temp file, median of 3. Baseline, in the same run:
python-docx adding the same ten files unchanged to an empty ``Document()`` at text width
(156 mm) and saving — the naive way, without the downscaling a 12 MP photo needs.

``render_docx`` is looked up in ``hnclient.word`` and then ``hnclient.word.docx_writer``
(signature ``render_docx(item, form, attachments, out)``); while neither has it the row says
"not built yet" and carries no number.
"""

from __future__ import annotations

import importlib
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.common import Options, Result, fmt_ms, log
from benchmarks.corpus import DATA_DIR, TextMaker

GOAL_S = 3.0
NAME = "render_10_photos"
PHOTO_SIZE = (4000, 3000)
TEXT_WIDTH_MM = 156


def _find_render_docx() -> Callable[..., Any] | None:
    for module_name in ("hnclient.word", "hnclient.word.docx_writer"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, "render_docx", None)
        if callable(function):
            return function
    return None


def _photos(count: int) -> list[Path]:
    from PIL import Image

    folder = DATA_DIR / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"photo-{i}-{PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}.jpg"
        paths.append(path)
        if path.is_file():
            continue
        log(f"  making {path.name} (once) …")
        noise = Image.effect_noise(PHOTO_SIZE, 12 + 3 * i)
        gradient = Image.linear_gradient("L").rotate(36 * i).resize(PHOTO_SIZE)
        radial = Image.radial_gradient("L").resize(PHOTO_SIZE)
        red = Image.blend(gradient, noise, 0.35)
        green = Image.blend(radial, noise, 0.25)
        blue = Image.blend(gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT), radial, 0.5)
        tmp = path.with_suffix(".tmp")
        Image.merge("RGB", (red, green, blue)).save(tmp, "JPEG", quality=90)
        tmp.replace(path)
    return paths


def _measure(options: Options, render_docx: Callable[..., Any]) -> Result:
    import docx
    from docx.shared import Mm

    from hnclient.attachments import AttachmentStore
    from hnclient.forms import load_forms
    from hnclient.items import Item

    count = 3 if options.quick else 10
    repeat = 1 if options.quick else 3
    photos = _photos(count)
    maker = TextMaker(7)
    text = maker.body("生态保护", "旅游")
    with tempfile.TemporaryDirectory(prefix="hnclient-render-") as tmp_name:
        tmp = Path(tmp_name)
        store = AttachmentStore(tmp / "attachments")
        refs = tuple(store.add(path, kind="jpeg") for path in photos)
        item = Item(
            id=Item.new_id(),
            category="policy",
            form_version=1,
            title=maker.title("生态保护"),
            event_date=date(2025, 6, 1),
            summary=text[:100],
            values={"policy_name": "关于加强黄河流域生态保护的实施意见", "body": text[100:]},
            attachments=refs,
        )
        form = load_forms()["policy"]

        def ours() -> None:
            render_docx(item, form, store, tmp / "item.docx")

        def naive() -> None:
            document = docx.Document()
            document.add_paragraph(text)
            for path in photos:
                document.add_picture(str(path), width=Mm(TEXT_WIDTH_MM))
            document.save(str(tmp / "naive.docx"))

        ours_ms = _median(ours, repeat)
        naive_ms = _median(naive, repeat)
        out_size = (tmp / "item.docx").stat().st_size
        naive_size = (tmp / "naive.docx").stat().st_size
    photo_mb = sum(p.stat().st_size for p in photos) / 1e6
    return Result(
        name=NAME if not options.quick else f"{NAME} (quick: {count})",
        measured=fmt_ms(ours_ms),
        baseline=fmt_ms(naive_ms),
        ratio=ours_ms / naive_ms,
        goal=f"≤ {GOAL_S:.0f} s",
        passed=ours_ms <= GOAL_S * 1000,
        details=[
            f"render_docx of an item with {count} photos of {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]} "
            f"({photo_mb:.0f} MB of JPEG), median of {repeat}; .docx {out_size / 1e6:.1f} MB",
            f"baseline: python-docx add_picture of the unchanged files at {TEXT_WIDTH_MM} mm + "
            f"save (.docx {naive_size / 1e6:.1f} MB)",
        ],
    )


def _median(fn: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def render_10_photos(options: Options) -> Result:
    render_docx = _find_render_docx()
    if render_docx is None:
        return Result(
            name=NAME,
            measured="not built yet",
            goal=f"≤ {GOAL_S:.0f} s",
            details=["hnclient.word has no render_docx yet; nothing measured"],
        )
    return _measure(options, render_docx)
