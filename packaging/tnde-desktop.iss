; Inno Setup script: wraps the PyInstaller folder (dist\tnde-desktop) in a Windows installer.
; Build:  iscc packaging\tnde-desktop.iss   (after pyinstaller packaging\tnde.spec)
; Sign the installer and the executable with the office's code-signing certificate, e.g.
;   signtool sign /fd SHA256 /tr <timestamp-url> /td SHA256 dist\TNDE-Desktop-Setup.exe
#define AppVersion GetEnv("TNDE_VERSION")

[Setup]
AppId={{6C1B1B2E-6A5F-4B7E-9C1E-7D2F3A4B5C6D}
AppName=TNDE Desktop
AppVersion={#AppVersion}
AppPublisher=TNDE Desktop
DefaultDirName={autopf}\TNDE Desktop
DefaultGroupName=TNDE Desktop
OutputDir=..\dist
OutputBaseFilename=TNDE-Desktop-Setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog

[Languages]
Name: "indonesian"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\tnde-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\TNDE Desktop"; Filename: "{app}\tnde-desktop.exe"
Name: "{autodesktop}\TNDE Desktop"; Filename: "{app}\tnde-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\tnde-desktop.exe"; Description: "{cm:LaunchProgram,TNDE Desktop}"; Flags: nowait postinstall skipifsilent
