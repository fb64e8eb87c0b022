"""What a built bundle weighs and which glibc it needs (``make dist`` prints both).

``python packaging/bundle_report.py dist/hnclient [--budget-mb 130] [--max-glibc 2.28]``
exits non-zero when the bundle is over budget or needs a newer glibc than allowed. Sizes
count files once (symbolic links are not followed), as ``du`` does.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
_GLIBC = re.compile(rb"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?")


def tree_size(root: Path) -> int:
    """Bytes of the regular files under ``root`` (links not followed)."""
    if root.is_file() and not root.is_symlink():
        return root.stat().st_size
    return sum(
        path.lstat().st_size for path in root.rglob("*") if path.is_file() and not path.is_symlink()
    )


def largest_parts(root: Path, count: int = 15) -> list[tuple[int, str]]:
    """The biggest entries one level below ``_internal`` (or ``root``), biggest first."""
    base = root / "_internal" if (root / "_internal").is_dir() else root
    parts = [(tree_size(child), child.relative_to(root).as_posix()) for child in base.iterdir()]
    return sorted(parts, reverse=True)[:count]


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


@dataclass(frozen=True)
class GlibcNeed:
    version: tuple[int, ...]
    path: Path

    @property
    def text(self) -> str:
        return ".".join(str(part) for part in self.version)


def glibc_needs(root: Path) -> list[GlibcNeed]:
    """The highest ``GLIBC_x.y`` version each ELF file under ``root`` requires, highest first.

    Read from the version-needed section (``readelf -V``): the versions of glibc symbols
    the file links against, which the dynamic loader checks at start.
    """
    needs: list[GlibcNeed] = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        output = subprocess.run(
            ["readelf", "-V", "--wide", str(path)], capture_output=True, check=False
        ).stdout
        versions = [
            tuple(int(part) for part in match.groups() if part is not None)
            for match in _GLIBC.finditer(output)
        ]
        if versions:
            needs.append(GlibcNeed(max(versions), path))
    return sorted(needs, key=lambda need: need.version, reverse=True)


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--budget-mb", type=float, default=None)
    parser.add_argument("--max-glibc", default=None, help="e.g. 2.28 for UOS V20")
    parser.add_argument(
        "--print-glibc", action="store_true", help="print only the highest glibc needed"
    )
    args = parser.parse_args(argv)
    root: Path = args.bundle
    if args.print_glibc:
        needs = glibc_needs(root)
        print(needs[0].text if needs else "")
        return 0
    total = tree_size(root)
    print(f"{root}: {total / MB:.1f} MB")
    for size, name in largest_parts(root):
        print(f"  {size / MB:7.1f} MB  {name}")
    failed = False
    if args.budget_mb is not None and total > args.budget_mb * MB:
        print(f"超出体积预算 / over budget: {total / MB:.1f} MB > {args.budget_mb} MB")
        failed = True
    if sys.platform == "linux":
        needs = glibc_needs(root)
        if needs:
            top = needs[0]
            print(f"glibc: needs {top.text} (highest, e.g. {top.path.relative_to(root)})")
            if args.max_glibc and top.version > parse_version(args.max_glibc):
                newer = [n for n in needs if n.version > parse_version(args.max_glibc)]
                print(f"需要的 glibc 高于 {args.max_glibc} / too new for glibc {args.max_glibc}:")
                for need in newer[:20]:
                    print(f"  {need.text}  {need.path.relative_to(root)}")
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
