"""A smaller ICU data library for the bundle (Linux): 31 MB → about 9 MB.

The PySide6 wheel's Qt links ICU, whose data library (``libicudata.so.73``) holds data for
every language, currency, unit and legacy code page: a quarter of the whole bundle. Qt uses
ICU for collation, case mapping, IDNA and non-Unicode codecs; it takes locale names, number
and date formats from its own CLDR tables. So the bundle keeps ICU's code-independent data
(properties, normalisation, the collation base, break rules, time-zone rules, the alias
table), every tree's root, index and pool, the Chinese, Tibetan and English locales, and the
Chinese code pages (GB18030, GBK, EUC-CN) — and drops the rest. What a dropped item would
have served fails inside ICU with a "missing resource" status and Qt falls back, as for any
locale ICU does not know.

Needs ICU's ``icupkg`` and ``genccode`` (Debian: ``icu-devtools``), ``readelf`` and ``gcc``;
called from ``packaging/pyinstaller.spec``. Usage: ``python slim_icu.py LIBICUDATA OUT_DIR``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

#: Locales kept in every tree (a prefix match: zh keeps zh_Hans_CN, zh_Hant…).
KEEP_LOCALES = ("root", "res_index", "pool", "zh", "bo", "en")
#: Legacy code pages kept: Chinese ones (Windows files from county PCs) and ICU's internals.
KEEP_CONVERTERS = ("gb18030", "windows-936", "ibm-1386", "ibm-1383", "iso-ir-165", "icu-internal")
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9_]+)?$|^[a-z]{2,3}__[A-Z]+$")
TOOLS = ("icupkg", "genccode", "readelf", "gcc")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def keep_item(item: str) -> bool:
    """``item`` as icupkg lists it, without the package prefix (``coll/zh.res``)."""
    folder, _, name = item.rpartition("/")
    stem, _, suffix = name.rpartition(".")
    if suffix == "cnv":
        return stem.startswith(KEEP_CONVERTERS)
    if suffix == "dict":  # word-break dictionaries: only the Chinese/Japanese one
        return stem == "cjdict"
    if suffix != "res":
        return True  # .icu, .nrm, .spp, .cfu, .brk: code-independent data
    if stem.startswith(KEEP_LOCALES):
        return True
    if folder in ("",) and not _LOCALE.match(stem):
        return True  # supplementalData, zoneinfo64, metaZones, likelySubtags…
    return False


def _data_bytes(library: Path) -> tuple[str, bytes]:
    """The ``icudtNN_dat`` symbol's name and bytes (file offset from its section)."""
    symbols = subprocess.run(
        ["readelf", "-sW", "--dyn-syms", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(
        r"\s([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+(icudt\d+_dat)",
        symbols,
    )
    if match is None:
        raise RuntimeError(f"no icudtNN_dat symbol in {library}")
    address, size, section, name = match.groups()
    sections = subprocess.run(
        ["readelf", "-SW", str(library)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if found is None:
        raise RuntimeError(f"section {section} of {library} not found")
    section_address, section_offset = (int(value, 16) for value in found.groups())
    offset = int(address, 16) - section_address + section_offset
    length = int(size, 16) if size.startswith("0x") else int(size)
    return name, library.read_bytes()[offset : offset + length]


def slim(library: Path, out_dir: Path) -> Path:
    """Write the trimmed library (same file name and soname) into ``out_dir``; return it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    symbol, data = _data_bytes(library)
    entry = symbol.removesuffix("_dat")  # icudt73
    package = out_dir / f"{entry}l.dat"
    package.write_bytes(data)
    listed = subprocess.run(
        ["icupkg", "-l", str(package)], capture_output=True, text=True, check=True
    ).stdout.split()
    prefix = f"{entry}l/"
    drop = [item for item in listed if not keep_item(item.removeprefix(prefix))]
    removal = out_dir / "remove.txt"
    removal.write_text("\n".join(drop) + "\n", encoding="ascii")
    # icupkg names the package (the items' prefix, which ICU looks up) after the file.
    slimmed = out_dir / "slim" / package.name
    slimmed.parent.mkdir(exist_ok=True)
    subprocess.run(
        ["icupkg", "--ignore-deps", "-r", str(removal), str(package), str(slimmed)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            "genccode",
            "-q",
            "-a",
            "gcc",
            "-e",
            entry,
            "-f",
            "icudata",
            "-d",
            str(out_dir),
            str(slimmed),
        ],
        check=True,
    )
    target = out_dir / library.name
    soname = re.search(r"libicudata\.so\.\d+", library.name)
    subprocess.run(
        [
            "gcc",
            "-shared",
            "-nostdlib",
            f"-Wl,-soname,{soname.group(0) if soname else library.name}",
            "-o",
            str(target),
            str(out_dir / "icudata.S"),
        ],
        check=True,
    )
    return target


if __name__ == "__main__":
    result = slim(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{result}: {result.stat().st_size / 1e6:.1f} MB")
