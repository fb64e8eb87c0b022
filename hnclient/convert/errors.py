"""Why a conversion did not produce a file, said so that the officer knows what to do next.

The UI shows :meth:`ConversionError.message_zh` as is (like :mod:`hnclient.storage.errors`);
the English text and :attr:`ConversionError.details` are for logs and support. Every error
carries a stable machine ``code`` so the UI and tests key on it, never on message text.
"""

from __future__ import annotations

from typing import Any


class ConversionError(Exception):
    """A conversion failed; nothing was written at the destination."""

    code = "conversion_failed"

    def __init__(self, detail: str = "", *, details: dict[str, Any] | None = None) -> None:
        self.detail = detail
        self.details: dict[str, Any] = dict(details or {})
        super().__init__(detail or self.message_en())

    def message_zh(self) -> str:
        return "格式转换没有成功，原文件没有受到影响。请重试；如仍不行，请联系本县信息化技术人员。"

    def message_en(self) -> str:
        suffix = f" ({self.detail})" if getattr(self, "detail", "") else ""
        return f"The conversion failed; the original file is unchanged.{suffix}"


class SourceNotConvertible(ConversionError):
    """The source cannot be converted: missing, unreadable, damaged or of the wrong kind.

    Messages vary with the cause (each says what to do), so they are passed in rather than
    fixed per subclass; ``code`` is one of ``not_found``, ``unreadable``, ``unsupported_format``,
    ``truncated``, ``corrupt``, ``animated``, ``multipage``, ``no_video_stream``.
    """

    def __init__(
        self,
        code: str,
        message_zh: str,
        message_en: str,
        *,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self._zh = message_zh
        self._en = message_en
        super().__init__(message_en, details=details)

    def message_zh(self) -> str:
        return self._zh

    def message_en(self) -> str:
        return self._en


class ImageTooLarge(ConversionError):
    """The picture claims more pixels than the cap: decoding it could exhaust the PC's memory.

    ``width``/``height`` are None when Pillow itself refused the header (it then reports only
    the pixel count).
    """

    code = "pixel_bomb"

    def __init__(
        self, pixels: int, cap: int, *, width: int | None = None, height: int | None = None
    ) -> None:
        self.pixels = pixels
        self.cap = cap
        self.width = width
        self.height = height
        super().__init__(
            f"{pixels} pixels, cap {cap}",
            details={"pixels": pixels, "width": width, "height": height, "max_pixels": cap},
        )

    def message_zh(self) -> str:
        claimed = (
            f"{self.width}×{self.height} 像素"
            if self.width and self.height
            else f"约 {self.pixels / 1_000_000:.0f} 百万像素"
        )
        return (
            f"这张图片标称 {claimed}，超过上限（{self.cap / 1_000_000:g} 百万像素），"
            "打开会耗尽电脑内存，无法转换。请先用看图软件缩小尺寸后再试。"
        )

    def message_en(self) -> str:
        return f"The image claims {self.pixels} pixels, over the cap of {self.cap}; not decoded."


class FFmpegMissing(ConversionError):
    """No FFmpeg program was found, so video cannot be converted on this PC."""

    code = "ffmpeg_missing"

    def message_zh(self) -> str:
        return (
            "本机没有安装视频转换组件，无法把视频转换为 WMV 格式。"
            "请联系本县信息化技术人员重新运行本程序的安装程序并选中“视频转换组件”"
            "（统信 UOS、银河麒麟上安装 cn.gov.hainanzhou.hnclient.video 软件包）；"
            "或自行安装 FFmpeg 并将其所在文件夹加入系统环境变量 PATH，然后重新启动本程序。"
            "也可以用其它视频软件转换为 WMV 后再添加；如需报送其它格式的视频，"
            "请与州政府办公室另行联系沟通。"
        )

    def message_en(self) -> str:
        return (
            "Video conversion is not installed: rerun the installer with its video component "
            "(the cn.gov.hainanzhou.hnclient.video package on UOS/Kylin), or put ffmpeg on "
            "PATH, or convert to WMV with another tool."
        )


class ConversionFailed(ConversionError):
    """The converter ran but did not produce an acceptable file.

    ``code``: ``ffmpeg_failed`` (FFmpeg exited with an error; its last stderr lines are in
    ``details["stderr_tail"]``), ``output_rejected`` (the result did not pass
    :func:`hnclient.checks.check_file`; its verdict message is in ``details``), ``disk_full``,
    ``write_failed``.
    """

    def __init__(
        self,
        code: str,
        detail: str = "",
        *,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        super().__init__(detail, details=details)

    def message_zh(self) -> str:
        if self.code == "disk_full":
            return "磁盘空间不足，转换没有完成，原文件没有受到影响。请清理磁盘空间后重试。"
        if self.code == "output_rejected":
            verdict = self.details.get("verdict_message", "")
            return (
                f"转换出的文件没有通过格式检查：{verdict}"
                "原文件没有受到影响。如仍不能解决，请联系本县信息化技术人员。"
            )
        if self.code == "write_failed":
            return "无法在目标文件夹中保存转换结果，请检查该文件夹是否存在、是否有写入权限后重试。"
        return (
            "视频转换失败，原视频可能已损坏或使用了无法识别的编码。"
            "请确认原视频能正常播放后重试；也可以用其它视频软件转换为 WMV 后再添加，"
            "如仍不能解决，请联系本县信息化技术人员。"
        )

    def message_en(self) -> str:
        suffix = f": {self.detail}" if getattr(self, "detail", "") else ""
        return f"The conversion failed ({getattr(self, 'code', 'unknown')}){suffix}"


class ConversionCancelled(ConversionError):
    """The officer cancelled; the partial output was removed."""

    code = "cancelled"

    def message_zh(self) -> str:
        return "已取消转换，没有生成新文件，原文件没有受到影响。"

    def message_en(self) -> str:
        return "The conversion was cancelled; the partial output was removed."
