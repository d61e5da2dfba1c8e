#!/usr/bin/env bash
# The README's test command: installs what the tests read samplan's output back with,
# then runs `cargo test --release` (arguments are passed on to it).
#
# The tests check every generated file with an independent tool, so they need:
#   Debian packages  qpdf, poppler-utils (pdftotext, pdfinfo, pdftoppm), liblouis-bin and
#                    liblouis-data (the braille reference), libxml2-utils (xmllint, PEF
#                    schema), python3-venv (for the Python tools below), and for the
#                    recorded forms espeak-ng (the Swedish voice samplan speaks with),
#                    libmp3lame0 (the MP3 encoder samplan uses), ffmpeg (ffprobe reads
#                    the MP3s' length and chapters back) and epubcheck (validates the
#                    EPUBs), chromium and chromium-driver (the browser tests of
#                    `samplan serve`, over WebDriver)
#   Python packages  icalendar (reads mote.ics), jsonschema (validates the examples
#                    against samplan.schema.json), outloud (PDF/UA-1 and WCAG checker),
#                    aiosmtpd and trustme (a real SMTP server with a TLS certificate
#                    made in the test, for `samplan skicka`), fhir.resources (FHIR R4B
#                    models: validates the plan bundles), installed into
#                    target/test-venv, not into the system's Python
# Missing Debian packages are installed with apt-get (as root, or through sudo); the
# Python packages are installed once into the virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."

debian=(qpdf poppler-utils liblouis-bin liblouis-data libxml2-utils python3-venv
        espeak-ng libmp3lame0 ffmpeg epubcheck chromium chromium-driver)
python_packages=(icalendar jsonschema outloud aiosmtpd trustme fhir.resources)

missing=()
for pkg in "${debian[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A Python that is not Debian's (pyenv, a self-built one) brings its own venv module.
if python3 -c 'import venv, ensurepip' 2>/dev/null; then
  missing=("${missing[@]/python3-venv/}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ "${#missing[@]}" -gt 0 ]; then
  echo "tools/test.sh: installerar ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null; then as_root=(sudo); else
    echo "tools/test.sh: kör som root eller installera först: apt-get install ${missing[*]}" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv=target/test-venv
if [ ! -x "$venv/bin/python3" ]; then
  mkdir -p target
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python3" -c 'import icalendar, jsonschema, outloud, aiosmtpd, trustme, fhir.resources' 2>/dev/null; then
  echo "tools/test.sh: installerar ${python_packages[*]} i $venv" >&2
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check "${python_packages[@]}"
fi
export PATH="$PWD/$venv/bin:$PATH"

cargo test --release "$@"
