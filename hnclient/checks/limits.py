"""Size and complexity caps. A county preset may change them, so they are data, not constants."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
GB = 1024 * MB
#: Formats a county preset may allow beyond the notice's Word/JPG/WMV ("其它特殊格式 … 另行联系
#: 沟通"), by name. Only formats the checks can judge by content are offered: WMA audio is the
#: same ASF container as WMV and gets the same structural, DRM and hidden-archive checks.
EXTRA_KINDS: dict[str, tuple[str, str]] = {
    "wma": ("WMA 音频（.wma，用于影音材料）", "WMA audio (.wma, for audio material)"),
}


@dataclass(frozen=True)
class Limits:
    """Caps applied before any expensive parsing.

    Size limits are per kind because the office's channels differ in what they can take;
    the zip and pixel caps exist because XML parts are read whole and Pillow decodes every
    pixel, so a small file can otherwise expand into gigabytes at the officer's desk.
    """

    word_max_bytes: int = 50 * MB
    jpeg_max_bytes: int = 20 * MB
    wmv_max_bytes: int = 2 * GB
    #: A 12-megapixel phone photo is 12e6; 100 MP leaves room for panoramas and scans.
    jpeg_max_pixels: int = 100_000_000
    zip_max_entries: int = 5_000
    zip_max_total_uncompressed: int = 300 * MB
    #: Whole-archive expansion ratio; XML compresses ~10-20x, a zip bomb ~1000x.
    zip_max_ratio: float = 100.0
    #: Per-entry ratio, applied only to entries larger than ``zip_ratio_min_entry_bytes``.
    zip_max_entry_ratio: float = 200.0
    zip_ratio_min_entry_bytes: int = 1 * MB
    #: Parts we parse ourselves ([Content_Types].xml, comments) are read whole; cap them.
    zip_max_xml_part: int = 64 * MB
    #: The ASF header is read whole; real ones are kilobytes (metadata, cover art).
    wmv_max_header_bytes: int = 16 * MB
    #: Formats allowed beyond the notice's by the county preset (keys of :data:`EXTRA_KINDS`).
    extra_kinds: frozenset[str] = frozenset()

    def max_bytes_for(self, kind: str) -> int | None:
        """The size limit of an accepted kind, or None for kinds that are refused anyway."""
        return {
            "docx": self.word_max_bytes,
            "doc": self.word_max_bytes,
            "jpeg": self.jpeg_max_bytes,
            "wmv": self.wmv_max_bytes,
            "wma": self.wmv_max_bytes if "wma" in self.extra_kinds else None,
        }.get(kind)
