; Inno Setup 6.3+ script: a per-user install of the one-folder build, no administrator rights.
;
;   ISCC /DAppVersion=0.1.0 /DDistDir=..\..\build\windows\dist\rrt installers\windows\rrt.iss
;
; build.ps1 runs PyInstaller and then this with the version read from pyproject.toml.
; Signing: see docs/INSTALL.md (ISCC /Ssigntool=... and the SignTool line below).

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (build.ps1 does)
#endif
; Windows' file version is up to four numbers: "0.2.0b1" gives 0.2.0 (build.ps1 passes it).
#ifndef NumericVersion
  #define NumericVersion AppVersion
#endif
#ifndef DistDir
  #define DistDir "..\..\build\windows\dist\rrt"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\build\windows"
#endif
#define AppName "Rights & Responsibilities Toolkit"
#define AppExe "rrt-gui.exe"
#define ProgId "RRT.Workbook"

[Setup]
; Never change AppId: it is how an upgrade or the uninstaller finds an earlier install.
AppId={{6B1E4D2A-8C3F-4F5B-9A7E-2D1C0B9E8F71}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Rights & Responsibilities Toolkit
VersionInfoVersion={#NumericVersion}
; Per user: installs under %LOCALAPPDATA%\Programs, Start menu and registry of this user only
; ({autopf}, {group} and HKA follow the install mode). No UAC prompt on a managed laptop.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Rights and Responsibilities Toolkit
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=..\..\resources\icons\rrt.ico
OutputDir={#OutputDir}
OutputBaseFilename=rrt-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Closes a running copy (it holds its files open) and offers to restart it afterwards.
CloseApplications=yes
#ifdef SignToolName
; ISCC /DSignToolName=signtool /Ssigntool="signtool.exe sign /fd SHA256 /tr ... $f"
SignTool={#SignToolName}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "association"; Description: "Open workbook files (.rrwb) with {#AppName}"; GroupDescription: "File types:"

[Files]
; The whole one-folder bundle: rrt.exe (command line), rrt-gui.exe (no console) and _internal\.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Self-assessment, representation audit, proofing and action planning"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The .rrwb association, in HKCU\Software\Classes for a per-user install (HKA is HKCU then,
; HKLM for an administrator's all-users install). The uninstaller removes what it added.
Root: HKA; Subkey: "Software\Classes\.rrwb"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.rrwb\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Rights & Responsibilities workbook"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: association
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".rrwb"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Settings, logs and workbooks live elsewhere (the user's own folders) and are kept.
Type: filesandordirs; Name: "{app}\_internal"
