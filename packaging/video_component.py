"""The optional video component: FFmpeg in ``components/ffmpeg/``, beside the main bundle.

``python packaging/video_component.py OUT_DIR`` copies the FFmpeg that the ``video`` extra
(imageio-ffmpeg) ships for this platform into ``OUT_DIR/components/ffmpeg/`` with a README
naming its version and licence. The installers add that folder to the program folder when
the video component is chosen (Windows: the 视频转换组件 section; UOS/Kylin: the
``cn.gov.hainanzhou.hnclient.video`` package); :func:`hnclient.convert.ffmpeg.find_ffmpeg`
looks for it there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

EXE_NAME = "ffmpeg.exe" if sys.platform == "win32" else "ffmpeg"


def build(out_dir: Path) -> Path:
    """Write the component under ``out_dir/components/ffmpeg``; return that folder."""
    import imageio_ffmpeg

    source = Path(imageio_ffmpeg.get_ffmpeg_exe())
    folder = out_dir / "components" / "ffmpeg"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    target = folder / EXE_NAME
    shutil.copyfile(source, target)
    target.chmod(0o755)
    version = subprocess.run(
        [str(target), "-hide_banner", "-version"], capture_output=True, text=True, check=True
    ).stdout.splitlines()[0]
    (folder / "README.txt").write_text(
        "海南州政务信息报送客户端 — 视频转换组件 (video conversion component)\n\n"
        f"{version}\n"
        f"From imageio-ffmpeg {imageio_ffmpeg.__version__} (https://github.com/imageio/imageio-ffmpeg),\n"
        "a static FFmpeg build. FFmpeg is free software under the GNU GPL (this build\n"
        "includes GPL parts); its source is at https://ffmpeg.org/download.html.\n"
        "The client runs it as a separate program to convert videos to WMV.\n",
        encoding="utf-8",
    )
    return folder


if __name__ == "__main__":
    made = build(Path(sys.argv[1]))
    size = sum(path.stat().st_size for path in made.iterdir())
    print(f"{made}: {size / 1024 / 1024:.1f} MB")
