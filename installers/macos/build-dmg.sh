#!/usr/bin/env bash
# Build the macOS app and a DMG to drag it from:
#
#   bash installers/macos/build-dmg.sh            (on a Mac, with python3.11 and Xcode's
#                                                  command-line tools)
#
# Writes build/macos/rrt-VERSION.dmg. To sign and notarise (needed for Gatekeeper to open
# it without a warning), set RRT_SIGN_IDENTITY ("Developer ID Application: NAME (TEAMID)")
# and RRT_NOTARY_PROFILE (a profile saved with `xcrun notarytool store-credentials`);
# see docs/INSTALL.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${RRT_BUILD_DIR:-$ROOT/build/macos}"
PYTHON="${RRT_PYTHON:-python3.11}"
APP_NAME="Rights & Responsibilities Toolkit"
mkdir -p "$BUILD"

if [ ! -x "$BUILD/venv/bin/pyinstaller" ]; then
  "$PYTHON" -m venv "$BUILD/venv"
fi
"$BUILD/venv/bin/python" -c 'import sys, tomllib; print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]))' \
  "$ROOT/pyproject.toml" > "$BUILD/requirements.txt"
"$BUILD/venv/bin/python" -m pip install --quiet "pyinstaller>=6.10,<7" -r "$BUILD/requirements.txt"

# The spec merges installers/macos/Info.plist into the .app and, with
# RRT_SIGN_IDENTITY set, PyInstaller signs every binary with the hardened runtime.
"$BUILD/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$BUILD/dist" --workpath "$BUILD/work" "$ROOT/installers/rrt.spec"
VERSION="$(cat "$BUILD/work/rrt/version.txt")"
APP="$BUILD/dist/$APP_NAME.app"

# Prove the app works before packing it.
"$APP/Contents/MacOS/rrt" --self-test

if [ -n "${RRT_SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --entitlements "$ROOT/installers/macos/entitlements.plist" \
    --sign "$RRT_SIGN_IDENTITY" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
fi

# A compressed, read-only disk image with the app and a link to /Applications.
STAGE="$BUILD/dmg"
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG="$BUILD/rrt-$VERSION.dmg"
rm -f "$DMG"
hdiutil create -volname "$APP_NAME $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"

if [ -n "${RRT_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$RRT_SIGN_IDENTITY" "$DMG"
  if [ -n "${RRT_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$RRT_NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose "$DMG"
  fi
fi
echo "Built $DMG"
