; 海南州政务信息报送客户端 — Windows installer (NSIS 3, Unicode). docs/distribution.md.
;
; makensis /DBUNDLE_DIR=<dist\hnclient> /DVIDEO_DIR=<dist\video> /DVERSION=0.1.0
;          /DOUTFILE=<hnclient-setup-0.1.0.exe> packaging\windows\hnclient.nsi
;   BUNDLE_DIR  the onedir bundle frozen on Windows (hnclient.exe, hnclient-cli.exe, _internal\)
;   VIDEO_DIR   the video component's root (components\ffmpeg\ffmpeg.exe); optional
;
; For county IT:
;   setup.exe                          wizard in Chinese; a preset.json beside setup.exe is
;                                      installed as the machine-wide county preset
;   setup.exe /S                       silent, with the video component, preset from beside
;   setup.exe /S /PRESET=D:\共和县\preset.json   silent, preset from that file
;   setup.exe /S /NOVIDEO              silent, without the video component
;   setup.exe /S /D=D:\hnclient        another folder (/D must come last, unquoted)
;   uninstall.exe /S                   silent removal; officers' data is kept
;   uninstall.exe /S /DELETEDATA       silent removal, also this user's data and the preset
; The preset goes to %ProgramData%\HainanZhou\hnclient\preset.json (platformdirs'
; site_config_dir, where the program reads it; $APPDATA under SetShellVarContext all); that folder is made read-only for users, so
; an officer cannot put a machine-wide preset there.

Unicode true
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!ifndef BUNDLE_DIR
  !error "BUNDLE_DIR is not set: pass /DBUNDLE_DIR=<folder of the Windows bundle>"
!endif
!if ! /FileExists "${BUNDLE_DIR}\hnclient.exe"
  !error "${BUNDLE_DIR} holds no hnclient.exe: the Windows bundle is frozen on Windows (build.ps1)"
!endif
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "hnclient-setup-${VERSION}.exe"
!endif

!define APP_NAME "海南州政务信息报送客户端"
!define APP_KEY "hnclient"
!define APP_AUTHOR "HainanZhou"
!define PUBLISHER "海南州人民政府办公室"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
!define PRESET_NAME "preset.json"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "Sections.nsh"
!include "x64.nsh"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_AUTHOR}\${APP_KEY}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PUBLISHER}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

Var Preset        ; the preset file to install ("" = none given)
Var DeleteData    ; uninstall: also remove this user's data and the machine preset

!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\hnclient.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "主程序（必选）" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An update replaces the program files; the video component and data stay.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"

  ; The machine-wide preset folder: read-only for users (an officer must not be able to
  ; plant a preset there), full control for administrators and the system.
  CreateDirectory "$APPDATA\${APP_AUTHOR}\${APP_KEY}"
  nsExec::ExecToLog 'icacls "$APPDATA\${APP_AUTHOR}\${APP_KEY}" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'
  Pop $0
  ${If} $Preset != ""
    ClearErrors
    CopyFiles /SILENT "$Preset" "$APPDATA\${APP_AUTHOR}\${APP_KEY}\${PRESET_NAME}"
    ${If} ${Errors}
      MessageBox MB_ICONEXCLAMATION "县预设文件没有复制成功：$Preset。请检查后重新运行安装程序。" /SD IDOK
      SetErrorLevel 3
    ${Else}
      DetailPrint "县预设：$Preset → $APPDATA\${APP_AUTHOR}\${APP_KEY}\${PRESET_NAME}"
    ${EndIf}
  ${EndIf}

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\hnclient.exe" "" "$INSTDIR\hnclient.exe" 0
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\hnclient.exe" "" "$INSTDIR\hnclient.exe" 0

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\hnclient.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "视频转换组件" SecVideo
!ifdef VIDEO_DIR
  SetOutPath "$INSTDIR\components\ffmpeg"
  File /r "${VIDEO_DIR}\components\ffmpeg\*.*"
!else
  DetailPrint "此安装程序不含视频转换组件。"
!endif
SectionEnd

Section "-Remove video when unselected"
  ${IfNot} ${SectionIsSelected} ${SecVideo}
    RMDir /r "$INSTDIR\components\ffmpeg"
    RMDir "$INSTDIR\components"
  ${EndIf}
SectionEnd

; After the sections: .onInit names ${SecVideo}.
Function .onInit
  SetShellVarContext all
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "本程序需要 64 位 Windows 10 或 Windows 11。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PRESET=" $Preset
  ${If} ${Errors}
    StrCpy $Preset ""
    ${If} ${FileExists} "$EXEDIR\${PRESET_NAME}"
      StrCpy $Preset "$EXEDIR\${PRESET_NAME}"
    ${EndIf}
  ${ElseIfNot} ${FileExists} "$Preset"
    MessageBox MB_ICONSTOP "找不到 /PRESET 指定的预设文件：$Preset" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/NOVIDEO" $R1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecVideo}
  ${EndIf}
FunctionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "报送客户端本身：起草、附件检查、领导签发、报送。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecVideo} "把手机、相机拍的视频转换为通知要求的 WMV 格式（FFmpeg，约 170 MB）。不安装时其它功能不受影响。"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function un.onInit
  SetShellVarContext all
  SetRegView 64
  StrCpy $DeleteData "0"
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $DeleteData "1"
  ${ElseIfNot} ${Silent}
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 \
      "是否同时删除您在本机的报送数据（草稿、附件、签发记录）和县预设？$\r$\n$\r$\n选“否”（推荐）：只卸载程序，数据保留，重新安装后可继续使用。$\r$\n选“是”：数据删除后无法恢复。" \
      IDNO keep
    StrCpy $DeleteData "1"
    keep:
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\components"
  Delete "$INSTDIR\hnclient.exe"
  Delete "$INSTDIR\hnclient-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  RMDir "$PROGRAMFILES64\${APP_AUTHOR}"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  ${If} $DeleteData == "1"
    RMDir /r "$APPDATA\${APP_AUTHOR}\${APP_KEY}"
    RMDir "$APPDATA\${APP_AUTHOR}"
    ; This user's data, settings and logs (platformdirs: %LOCALAPPDATA%\HainanZhou\hnclient).
    SetShellVarContext current
    RMDir /r "$LOCALAPPDATA\${APP_AUTHOR}\${APP_KEY}"
    RMDir "$LOCALAPPDATA\${APP_AUTHOR}"
    SetShellVarContext all
  ${EndIf}
SectionEnd
