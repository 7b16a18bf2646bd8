# Builds the Windows programs and installer (run on Windows, from any folder):
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# 1. pip install ".[build]" (PyInstaller) into the current Python 3.11, unless -NoInstall;
# 2. PyInstaller with packaging\liushou.spec -> dist\liushou-desktop\ (liushou-desktop.exe, the
#    window; liushou.exe, the command line);
# 3. the packaged-app smoke test: liushou.exe --version and liushou-desktop.exe --self-test
#    (offscreen), which must pass;
# 4. Inno Setup (ISCC.exe, e.g. `choco install innosetup`) -> dist\liushou-desktop-X-setup.exe,
#    with the version read from pyproject.toml and passed as /DAppVersion;
# 5. a portable zip (the same folder with portable.txt) -> dist\liushou-desktop-X-portable.zip.
# Prints the sizes. Used by .github/workflows/windows.yml. Not run on the project's Linux
# machines (see README "安装包 / Building the installers").
param([switch]$NoInstall)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

function Check($what) { if ($LASTEXITCODE -ne 0) { throw "$what failed ($LASTEXITCODE)" } }

if (-not $NoInstall) {
    python -m pip install --upgrade pip; Check "pip"
    python -m pip install ".[build]"; Check "pip install .[build]"
}
$version = python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
Check "reading the version"
Write-Host "building liushou-desktop $version"

$watch = [System.Diagnostics.Stopwatch]::StartNew()
python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\liushou.spec
Check "PyInstaller"
Write-Host ("PyInstaller took {0:N0} s" -f $watch.Elapsed.TotalSeconds)
$dist = "dist\liushou-desktop"

# -- the smoke test: the built programs, not the source tree --------------------------------
$said = & "$dist\liushou.exe" --version
Check "liushou.exe --version"
if ($said -ne "liushou $version") { throw "liushou.exe --version said '$said', expected $version" }
$out = Join-Path $env:TEMP "liushou-selftest"
# windowed: no console output; the report is written to $out\selftest-report.txt
$p = Start-Process -FilePath "$dist\liushou-desktop.exe" -ArgumentList @("--self-test", "`"$out`"", "-platform", "offscreen") -Wait -PassThru
Get-Content (Join-Path $out "selftest-report.txt") -Encoding UTF8
if ($p.ExitCode -ne 0) { throw "the self-test failed (exit code $($p.ExitCode))" }

# -- the installer -------------------------------------------------------------------------
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup's ISCC.exe not found (choco install innosetup)" }
& $iscc "/DAppVersion=$version" "packaging\windows\liushou.iss"
Check "ISCC"
$setup = "dist\liushou-desktop-$version-setup.exe"

# -- the portable zip (for a USB stick) ------------------------------------------------------
$stage = "build\portable\liushou-desktop"
if (Test-Path "build\portable") { Remove-Item -Recurse -Force "build\portable" }
New-Item -ItemType Directory -Force $stage | Out-Null
Copy-Item -Recurse "$dist\*" $stage
Remove-Item -Force -ErrorAction SilentlyContinue "$stage\.built"
Set-Content -Path "$stage\portable.txt" -Encoding UTF8 -Value "有这个文件时，本软件的数据（数据库、备份、日志、设置）都保存在旁边的 data 文件夹里：可以放在U盘上使用。"
$zip = "dist\liushou-desktop-$version-portable.zip"
if (Test-Path $zip) { Remove-Item -Force $zip }
Compress-Archive -Path "build\portable\liushou-desktop" -DestinationPath $zip

$bytes = (Get-ChildItem -Recurse -File $dist | Measure-Object -Property Length -Sum).Sum
Write-Host ("onedir {0}: {1:N0} MB unpacked" -f $dist, ($bytes / 1MB))
Write-Host ("installer {0}: {1:N0} MB" -f $setup, ((Get-Item $setup).Length / 1MB))
Write-Host ("portable zip {0}: {1:N0} MB" -f $zip, ((Get-Item $zip).Length / 1MB))
