#!/usr/bin/env bash
# Build the Linux bundle and a .deb that installs it:
#
#   bash installers/linux/build.sh            (from anywhere; needs python3 with venv,
#                                              dpkg-deb, and PyPI for the first run)
#
# Writes build/linux/rrt_VERSION_ARCH.deb. The .deb puts the one-folder bundle in /opt/rrt,
# a link /usr/bin/rrt, a desktop entry, the icon at the usual sizes and the MIME type of
# workbooks (application/x-rrt-workbook, *.rrwb). See docs/INSTALL.md.
# RRT_BUILD_DIR moves the build folder; RRT_PYTHON picks the Python to build with.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${RRT_BUILD_DIR:-$ROOT/build/linux}"
PYTHON="${RRT_PYTHON:-python3}"
APP_ID="rights-responsibilities-toolkit"  # the desktop file name Qt is told (app/ui/app.py)
MIME_TYPE="application/x-rrt-workbook"
mkdir -p "$BUILD"
started=$(date +%s)

# 1. A build environment with the app's dependencies (not the app itself: the spec takes
#    the app from this checkout) and PyInstaller.
if [ ! -x "$BUILD/venv/bin/pyinstaller" ]; then
  "$PYTHON" -m venv "$BUILD/venv"
fi
"$BUILD/venv/bin/python" - "$ROOT/pyproject.toml" > "$BUILD/requirements.txt" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    print("\n".join(tomllib.load(f)["project"]["dependencies"]))
PY
"$BUILD/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "pyinstaller>=6.10,<7" -r "$BUILD/requirements.txt"

# 2. The one-folder bundle.
"$BUILD/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$BUILD/dist" --workpath "$BUILD/work" "$ROOT/installers/rrt.spec"
VERSION="$(cat "$BUILD/work/rrt/version.txt")"
ARCH="$(dpkg --print-architecture)"

# 3. The package's files.
PKG="$BUILD/deb/rrt_${VERSION}_${ARCH}"
rm -rf "$PKG"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/mime/packages" "$PKG/usr/share/icons/hicolor/scalable/apps" \
  "$PKG/usr/share/icons/hicolor/scalable/mimetypes"
cp -a "$BUILD/dist/rrt" "$PKG/opt/rrt"
ln -s /opt/rrt/rrt "$PKG/usr/bin/rrt"

ICONS="$ROOT/resources/icons"
for size in 16 24 32 48 64 128 256 512; do
  for kind in apps mimetypes; do
    mkdir -p "$PKG/usr/share/icons/hicolor/${size}x${size}/$kind"
  done
  cp "$ICONS/png/rrt-$size.png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  cp "$ICONS/png/rrt-$size.png" \
    "$PKG/usr/share/icons/hicolor/${size}x${size}/mimetypes/application-x-rrt-workbook.png"
done
cp "$ICONS/app.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
cp "$ICONS/app.svg" "$PKG/usr/share/icons/hicolor/scalable/mimetypes/application-x-rrt-workbook.svg"

cat > "$PKG/usr/share/applications/$APP_ID.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Rights & Responsibilities Toolkit
GenericName=Equality work toolkit
Comment=Self-assessment, representation audit, race-equality proofing and action planning, offline
Exec=/usr/bin/rrt %f
Icon=$APP_ID
Terminal=false
Categories=Office;
MimeType=$MIME_TYPE;
StartupWMClass=rrt
Keywords=equality;assessment;audit;workbook;
DESKTOP

# A workbook is an SQLite file whose application_id (bytes 68-71) reads "RRWB"
# (app/workbook/fileformat.py): both must match, so other SQLite files are not taken.
cat > "$PKG/usr/share/mime/packages/$APP_ID.xml" <<MIME
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="$MIME_TYPE">
    <comment>Rights &amp; Responsibilities workbook</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <generic-icon name="application-x-generic"/>
    <icon name="application-x-rrt-workbook"/>
    <magic priority="60">
      <match type="string" offset="0" value="SQLite format 3">
        <match type="string" offset="68" value="RRWB"/>
      </match>
    </magic>
    <glob pattern="*.rrwb"/>
  </mime-type>
</mime-info>
MIME

installed_kb=$(du -sk "$PKG" --exclude=DEBIAN | cut -f1)
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: rrt
Version: $VERSION
Architecture: $ARCH
Maintainer: Rights & Responsibilities Toolkit maintainers <rrt@example.org>
Installed-Size: $installed_kb
Section: misc
Priority: optional
Depends: libc6, libfontconfig1, libfreetype6, libglib2.0-0, libegl1, libgl1, libxkbcommon0, libdbus-1-3
Recommends: libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxkbcommon-x11-0, libwayland-client0, libwayland-cursor0, libwayland-egl1, shared-mime-info, desktop-file-utils
Description: Rights & Responsibilities Toolkit
 Self-assessment, representation audit, race-equality proofing and action
 planning for the voluntary sector, offline. Keeps the work in one workbook
 file (.rrwb) and exports reports in Word, PDF and Excel. The rrt command
 opens the desktop app or runs a command (rrt --help).
CONTROL

# Refresh the desktop's caches where the tools are installed; never fail over them.
for script in postinst postrm; do
  cat > "$PKG/DEBIAN/$script" <<'HOOK'
#!/bin/sh
set -e
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications || true
fi
if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database /usr/share/mime || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
exit 0
HOOK
  chmod 0755 "$PKG/DEBIAN/$script"
done

DEB="$BUILD/rrt_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zzstd -z9 --build "$PKG" "$DEB" >/dev/null
elapsed=$(( $(date +%s) - started ))
echo "Built $DEB ($(du -h "$DEB" | cut -f1); bundle $(du -sh "$BUILD/dist/rrt" | cut -f1)) in ${elapsed} s"
