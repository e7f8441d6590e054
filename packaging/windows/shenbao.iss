; Inno Setup 6 script: one setup .exe that installs Shenbao for the current user, without
; administrator rights and without network, from the folder `make package` built on Windows.
;
;   make package
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\shenbao.iss
;   → dist\shenbao-<version>-setup.exe
;
; The version comes from shenbao.exe (the spec writes shenbao.__version__ into its version resource);
; /DAppVersion=1.2.3 overrides it, /DDistDir=C:\path\to\shenbao builds from another folder.

#define AppName "申报助手"
#define AppNameEn "Shenbao"
#define AppExe "shenbao.exe"
#define CliExe "shenbao-cli.exe"

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\shenbao"
#endif
#if !FileExists(DistDir + "\" + AppExe)
  #error dist\shenbao\shenbao.exe not found: run `make package` on Windows first
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(DistDir + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error shenbao.exe carries no ProductVersion: pass /DAppVersion=x.y.z
#endif

; Simplified Chinese ships with Inno Setup 6.5 and later; older versions need ChineseSimplified.isl
; (from the Inno Setup translations page) in their Languages folder or beside this script.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseIsl "ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found: use Inno Setup 6.5+ or put the file beside shenbao.iss
#endif

[Setup]
; The AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{3FEC85AF-A3D1-45E7-8813-52DD3BA4EB43}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=申报助手 Shenbao
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName} {#AppNameEn}
; Per-user: %LOCALAPPDATA%\Programs\Shenbao, no UAC prompt. An administrator may still choose
; "install for all users" in the dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppNameEn}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=auto
OutputDir=..\..\dist
OutputBaseFilename=shenbao-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
#if FileExists(AddBackslash(SourcePath) + "..\..\resources\icons\shenbao.ico")
SetupIconFile=..\..\resources\icons\shenbao.ico
#endif

[Languages]
; The first entry is the default when Windows' language matches neither.
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.CommandLine=申报助手 命令行
english.CommandLine=Shenbao command line

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
; A console in the user's documents with shenbao-cli on its PATH.
Name: "{autoprograms}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""set PATH={app};%PATH%&& shenbao-cli --help"""; WorkingDir: "{userdocs}"; IconFilename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; `shenbao --demo` makes its sample data folder beside the program's resources when that is writable.
Type: filesandordirs; Name: "{app}\_internal\demo-data"

; Uninstall removes {app} and the shortcuts. The enterprises' data folder (in the user's application
; data) is kept on purpose: it is the firm's records, not part of the program.
