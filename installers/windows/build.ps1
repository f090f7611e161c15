# Build the Windows installer: the PyInstaller one-folder bundle, then Inno Setup.
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 [-Sign]
#
# Needs: Python 3.11 (x64) on PATH as "py -3.11" or "python", Inno Setup 6.3+ (ISCC.exe),
# and for -Sign the Windows SDK's signtool.exe and a code-signing certificate (see
# docs/INSTALL.md). Writes build\windows\rrt-VERSION-setup.exe.
param(
    [switch]$Sign,
    [string]$TimestampUrl = $env:RRT_TIMESTAMP_URL,  # your certificate vendor's RFC 3161 server
    [string]$Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    [string]$Python = "python"
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
$Build = Join-Path $Root "build\windows"
New-Item -ItemType Directory -Force $Build | Out-Null

# 1. A build environment with the app's dependencies and PyInstaller.
$Venv = Join-Path $Build "venv"
if (-not (Test-Path "$Venv\Scripts\python.exe")) { & $Python -m venv $Venv }
$Py = "$Venv\Scripts\python.exe"
& $Py -c "import tomllib,sys; print('\n'.join(tomllib.load(open(sys.argv[1],'rb'))['project']['dependencies']))" `
    (Join-Path $Root "pyproject.toml") | Set-Content (Join-Path $Build "requirements.txt")
& $Py -m pip install --quiet "pyinstaller>=6.10,<7" -r (Join-Path $Build "requirements.txt")
if ($LASTEXITCODE) { throw "pip install failed" }

# 2. The bundle: build\windows\dist\rrt\rrt.exe and rrt-gui.exe.
& "$Venv\Scripts\pyinstaller.exe" --noconfirm --clean --distpath "$Build\dist" `
    --workpath "$Build\work" (Join-Path $Root "installers\rrt.spec")
if ($LASTEXITCODE) { throw "PyInstaller failed" }
$Version = (Get-Content "$Build\work\rrt\version.txt").Trim()
# The numbers at the front ("0.2.0" of "0.2.0b1"): all Windows' file version can hold.
$NumericVersion = ([regex]::Match($Version, '^\d+(\.\d+){0,3}')).Value
if (-not $NumericVersion) { throw "The version '$Version' does not start with a number" }

# 3. Prove the bundle works before packing it.
& "$Build\dist\rrt\rrt.exe" --self-test
if ($LASTEXITCODE) { throw "The bundle's self-test failed" }

# 4. Sign the executables, then build (and sign) the installer.
$IsccArgs = @("/DAppVersion=$Version", "/DNumericVersion=$NumericVersion",
              "/DDistDir=$Build\dist\rrt", "/DOutputDir=$Build")
if ($Sign) {
    if (-not $TimestampUrl) { throw "Signing needs -TimestampUrl (or RRT_TIMESTAMP_URL)" }
    $SignCommand = "signtool.exe sign /fd SHA256 /tr $TimestampUrl /td SHA256 /a `$f"
    Get-ChildItem "$Build\dist\rrt" -Recurse -Include *.exe | ForEach-Object {
        & signtool.exe sign /fd SHA256 /tr $TimestampUrl /td SHA256 /a $_.FullName
        if ($LASTEXITCODE) { throw "Signing $($_.Name) failed" }
    }
    $IsccArgs += @("/DSignToolName=signtool", "/Ssigntool=$SignCommand")
}
& $Iscc @IsccArgs (Join-Path $Root "installers\windows\rrt.iss")
if ($LASTEXITCODE) { throw "Inno Setup failed" }
Write-Host "Built $Build\rrt-$Version-setup.exe"
