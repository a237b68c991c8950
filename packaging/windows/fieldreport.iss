; Inno Setup 6 script: the Windows installer of the field program.
; Build dist\fieldreport first (packaging\README.md), then, from the repository root:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\fieldreport.iss
; Output: dist\FieldReport-<version>-setup.exe
;
; Per-user install by default (no administrator rights needed on a field laptop); IT can
; install for all users with /ALLUSERS (silent: /VERYSILENT /ALLUSERS).
; The data folder (%LOCALAPPDATA%\FieldReport, the encrypted store) is never touched by the
; installer or the uninstaller: removing the program must not destroy reports. To erase
; the data, `fieldreport wipe --yes` first.

#ifndef AppVersion
  #error Pass the version of pyproject.toml: ISCC /DAppVersion=X.Y.Z
#endif
#define SourceDir "..\..\dist\fieldreport"

[Setup]
; Never change AppId: upgrades find the installed program by it.
AppId={{6F3B6A52-2E1C-4D0B-9B7E-6C1A0F5D2C41}
AppName=FieldReport
AppVersion={#AppVersion}
AppVerName=FieldReport {#AppVersion}
AppPublisher=FieldReport
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\FieldReport
DefaultGroupName=FieldReport
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=FieldReport-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\fieldreportw.exe
; Reproducible: no build time in the installer's file times (see packaging\README.md).
TimeStampsInUTC=yes
; Code signing (packaging\README.md): configure a sign tool named "signtool" in the IDE or with
; ISCC "/Ssigntool=signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a $f"
; then uncomment:
; SignTool=signtool
; SignedUninstaller=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the whole program folder: no library of an older version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
; fieldreportw.exe: the window, without a console. fieldreport.exe: the command line (IT, scripts).
Name: "{autoprograms}\FieldReport"; Filename: "{app}\fieldreportw.exe"
Name: "{autodesktop}\FieldReport"; Filename: "{app}\fieldreportw.exe"; Tasks: desktopicon

[Run]
; Checks the installation works on this machine (temporary stores only, no user data).
Filename: "{app}\fieldreport.exe"; Parameters: "self-test --no-gui"; Flags: runhidden; StatusMsg: "Checking the installation…"
Filename: "{app}\fieldreportw.exe"; Description: "{cm:LaunchProgram,FieldReport}"; Flags: nowait postinstall skipifsilent
