; Inno Setup script for 留守儿童关爱档案 (liushou-desktop) on Windows.
;
; Compiled by packaging/windows/build.ps1 (and .github/workflows/windows.yml) after PyInstaller
; has built dist\liushou-desktop\ from packaging/liushou.spec:
;
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\liushou.iss
;
; What it does:
; - installs without administrator rights by default (PrivilegesRequired=lowest: into
;   %LOCALAPPDATA%\Programs\liushou-desktop); the dialog at the start offers "install for all
;   users" to an administrator (PrivilegesRequiredOverridesAllowed=dialog);
; - a Start-menu shortcut, and a desktop shortcut (a task, ticked by default);
; - the uninstaller removes only the program's own files. The data — the databases, backups,
;   logs and settings in %LOCALAPPDATA%\liushou-desktop, or a "data" folder beside the program
;   in portable mode — is never installed by this script, so it is never removed: there is
;   deliberately no [UninstallDelete] section.
;
; This file is UTF-8 with a byte-order mark (Inno Setup 6 reads Chinese text from it then).
; It has not been compiled on the project's Linux machines: see README "安装包 / Building the
; installers".

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z liushou.iss (build.ps1 reads pyproject.toml)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\liushou-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "留守儿童关爱档案"
#define AppExe "liushou-desktop.exe"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6B0E5C1F-3D0A-4C8B-9B52-7A1F2E9C4D31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=liushou-desktop
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\liushou-desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=liushou-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\..\resources\icons\liushou.ico
; an older version is replaced in place; the running program is asked to close first
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
; Simplified Chinese where this Inno Setup has it (newer releases ship it; otherwise copy
; ChineseSimplified.isl into its Languages folder), else Inno's English texts.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面上建立快捷方式"; GroupDescription: "快捷方式："

[Files]
; the whole onedir folder: both programs (liushou-desktop.exe, liushou.exe) and _internal\
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs; Excludes: "\portable.txt,\liushou-portable,\data\*,\.built"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "现在打开{#AppName}"; Flags: nowait postinstall skipifsilent
