# Builds the Windows bundle and installer ON WINDOWS (PyInstaller cannot cross-compile).
# docs/distribution.md, "Windows". Not run in this project's CI (Linux): run it on a
# Windows 10/11 x64 PC or VM with Python 3.11 x64 and NSIS 3 installed.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Steps:
#   1. a clean venv (.venv-win) with the client, its video extra and PyInstaller
#   2. PyInstaller onedir build            -> dist\hnclient\ (hnclient.exe, hnclient-cli.exe)
#   3. the optional video component        -> dist\video\components\ffmpeg\ffmpeg.exe
#   4. the frozen self-test (offscreen)    -> must print 自检通过 and exit 0
#   5. size report                         -> dist\hnclient size and its largest parts
#   6. makensis                            -> dist\hnclient-setup-<version>.exe
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent (Split-Path -Parent $PSScriptRoot))

$python = if ($env:PYTHON) { $env:PYTHON } else { "py -3.11" }
$makensis = if ($env:MAKENSIS) { $env:MAKENSIS } else { "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
$version = (Select-String -Path hnclient\__init__.py -Pattern '^__version__ = "(.*)"').Matches[0].Groups[1].Value

function Step($name, [scriptblock]$block) {
    Write-Host "== $name"
    & $block
    if ($LASTEXITCODE -ne 0) { throw "$name failed (exit $LASTEXITCODE)" }
}

Step "venv" {
    if (-not (Test-Path .venv-win\Scripts\python.exe)) { Invoke-Expression "$python -m venv .venv-win" }
    .venv-win\Scripts\python.exe -m pip install --upgrade pip
    .venv-win\Scripts\python.exe -m pip install -e .\protocol -e ".[video,dist]"
}
Step "bundle" {
    .venv-win\Scripts\pyinstaller.exe --noconfirm --clean --distpath dist --workpath build packaging\pyinstaller.spec
}
Step "video component" {
    .venv-win\Scripts\python.exe packaging\video_component.py dist\video
}
Step "selftest" {
    $env:QT_QPA_PLATFORM = "offscreen"
    dist\hnclient\hnclient-cli.exe selftest
    Remove-Item Env:QT_QPA_PLATFORM
}
Step "size" {
    .venv-win\Scripts\python.exe packaging\bundle_report.py dist\hnclient
}
Step "installer" {
    & $makensis -INPUTCHARSET UTF8 "-DBUNDLE_DIR=$PWD\dist\hnclient" "-DVIDEO_DIR=$PWD\dist\video" `
        "-DVERSION=$version" "-DOUTFILE=$PWD\dist\hnclient-setup-$version.exe" packaging\windows\hnclient.nsi
}
Write-Host "dist\hnclient-setup-$version.exe"
