#!/usr/bin/env bash
# Debian packages for speech and browser tests: installed when missing if we are root with apt,
# otherwise listed so the owner knows why those tests are skipped.
set -euo pipefail
declare -A needs=([espeak-ng]=espeak-ng [sox]=sox [ffmpeg]=ffmpeg [chromium]=chromium [chromedriver]=chromium-driver)
missing=()
for cmd in "${!needs[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${needs[$cmd]}")
done
# PortAudio for the counter microphone (sounddevice loads it at import).
ldconfig -p 2>/dev/null | grep -q libportaudio.so.2 || missing+=(libportaudio2)
# A CJK font, so the browser tests' screenshots show Chinese instead of empty boxes.
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || missing+=(fonts-wqy-microhei)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages (tests that need them will be skipped): ${missing[*]}"
  echo "Install them with: sudo apt-get install ${missing[*]}"
fi
