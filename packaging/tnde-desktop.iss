; TNDE Desktop: the Windows installer (Inno Setup 6.5 or later).
;
; It wraps the PyInstaller one-folder bundle dist\tnde-desktop\ (tnde-desktop.exe, the
; window, and tnde.exe, the command line; made by packaging/build.py from packaging/tnde.spec)
; in one setup program, dist\tnde-desktop-<version>-setup.exe.
;
; Build on Windows, from the repository root, after the bundle:
;     iscc /DAppVersion=0.1.0 packaging\tnde-desktop.iss
; packaging/build.py does this itself with AppVersion = tnde.__version__. Without
; /DAppVersion the version is read from packaging\build\version.txt, written with
;     python -c "import pathlib, tnde; p = pathlib.Path('packaging/build'); p.mkdir(exist_ok=True); (p / 'version.txt').write_text(tnde.__version__)"
; and the build stops with an error when neither is there.
;
; Code signing: add /DSign and define the Sign Tool "tndesign" on the same command line, e.g.
;     iscc /DSign "/Stndesign=signtool.exe sign /fd SHA256 /tr http://timestamp.example /td SHA256 /a $f" /DAppVersion=0.1.0 packaging\tnde-desktop.iss
; ($f is the file to sign; $q a quote, for a certificate name with spaces). The compiler then
; signs tnde-desktop.exe and tnde.exe before packing them, the uninstaller and the setup
; program itself. Without /DSign nothing is signed and no Sign Tool is needed.
;
; Relative paths below are relative to this file's folder (packaging\).

#if Ver < EncodeVer(6, 5, 0)
  #error Inno Setup 6.5 or later is needed: windows\Indonesian.isl has the messages of 6.5
#endif

#ifndef AppVersion
  #define VersionFile AddBackslash(SourcePath) + "build\version.txt"
  #if FileExists(VersionFile)
    #define VersionHandle FileOpen(VersionFile)
    #define AppVersion Trim(FileRead(VersionHandle))
    #expr FileClose(VersionHandle)
  #else
    #error No version: pass /DAppVersion=<tnde.__version__> to iscc, or write it to packaging\build\version.txt
  #endif
#endif
#if AppVersion == ""
  #error The version is empty: pass /DAppVersion=<tnde.__version__> to iscc
#endif

[Setup]
; Never change AppId: Windows knows the installed copy by it, and an upgrade finds it.
AppId={{6C1B1B2E-6A5F-4B7E-9C1E-7D2F3A4B5C6D}
AppName=TNDE Desktop
AppVersion={#AppVersion}
AppVerName=TNDE Desktop {#AppVersion}
AppPublisher=TNDE Desktop
VersionInfoDescription=TNDE Desktop Setup
VersionInfoProductName=TNDE Desktop
VersionInfoProductTextVersion={#AppVersion}
; Per user, no administrator needed: {autopf} is then %LOCALAPPDATA%\Programs. Whoever has
; the rights may choose an install for all users (Program Files) in a dialog instead.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 1809 and later
MinVersion=10.0.17763
DefaultDirName={autopf}\TNDE Desktop
DefaultGroupName=TNDE Desktop
DisableProgramGroupPage=yes
WizardStyle=modern
SetupIconFile=icons\tnde.ico
UninstallDisplayIcon={app}\tnde-desktop.exe
UninstallDisplayName=TNDE Desktop
; A running TNDE holds its files open: the app creates the named mutex TNDEDesktopRunning
; while it runs, so Setup and the uninstaller ask to close it first; the Restart Manager
; (CloseApplications) closes what else still uses the files being replaced.
AppMutex=TNDEDesktopRunning
SetupMutex=TNDEDesktopSetup
CloseApplications=yes
; Explorer is told to reread its menus for the .pdf verb below.
ChangesAssociations=yes
ShowLanguageDialog=auto
OutputDir=..\dist
OutputBaseFilename=tnde-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
#ifdef Sign
; "tndesign" is defined on the iscc command line (/Stndesign=...), see the top of this file.
SignTool=tndesign
SignedUninstaller=yes
#endif

[Languages]
; Indonesian first; English fills any message our file lacks and is the other choice.
Name: "id"; MessagesFile: "compiler:Default.isl,windows\Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Messages]
en.ConfirmUninstall=Are you sure you want to completely remove %1 and all of its components? Your workspaces, letters and settings are kept.

[CustomMessages]
id.VerifyWithTnde=Verifikasi dengan TNDE
en.VerifyWithTnde=Verify with TNDE
id.PdfVerbTask=Tambahkan "Verifikasi dengan TNDE" pada menu klik kanan berkas PDF
en.PdfVerbTask=Add "Verify with TNDE" to the right-click menu of PDF files

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "pdfverb"; Description: "{cm:PdfVerbTask}"

[Files]
; The two executables by name, so a bundle without either fails the build; then the rest.
; signonce signs them with the Sign Tool when the build passes /DSign, and is ignored otherwise.
Source: "..\dist\tnde-desktop\tnde-desktop.exe"; DestDir: "{app}"; Flags: ignoreversion signonce
Source: "..\dist\tnde-desktop\tnde.exe"; DestDir: "{app}"; Flags: ignoreversion signonce
Source: "..\dist\tnde-desktop\*"; Excludes: "\tnde-desktop.exe,\tnde.exe"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\TNDE Desktop"; Filename: "{app}\tnde-desktop.exe"
Name: "{autodesktop}\TNDE Desktop"; Filename: "{app}\tnde-desktop.exe"; Tasks: desktopicon

[Registry]
; "Verifikasi dengan TNDE" on the right-click menu of every .pdf, whatever program opens
; PDFs. HKA is HKCU\Software\Classes for the default per-user install and HKLM for an
; install for all users; uninsdeletekey removes the verb again on uninstall.
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.pdf\shell\TNDEVerify"; ValueType: string; ValueName: ""; ValueData: "{cm:VerifyWithTnde}"; Flags: uninsdeletekey; Tasks: pdfverb
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.pdf\shell\TNDEVerify"; ValueType: string; ValueName: "Icon"; ValueData: """{app}\tnde-desktop.exe"",0"; Flags: uninsdeletekey; Tasks: pdfverb
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.pdf\shell\TNDEVerify\command"; ValueType: string; ValueName: ""; ValueData: """{app}\tnde-desktop.exe"" --verify ""%1"""; Flags: uninsdeletekey; Tasks: pdfverb

[Run]
Filename: "{app}\tnde-desktop.exe"; Description: "{cm:LaunchProgram,TNDE Desktop}"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] is left out on purpose: the uninstaller removes only what Setup
; installed. The user's data is never touched, neither on uninstall nor on upgrade: the
; workspaces, letters, demo office and logs in {localappdata}\TNDE Desktop (not the program
; folder {localappdata}\Programs\TNDE Desktop), the settings in {userappdata}\TNDE, and the
; secrets kept in the Windows Credential Manager.
