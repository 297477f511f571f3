#!/bin/sh
# TNDE Desktop developer entry point. The two quick-start commands of the README:
#   ./dev.sh run    install what is needed, then start the desktop app
#   ./dev.sh test   install what is needed, then run the whole test suite
# Everything goes into .venv beside this file; system tools come from Debian's packages
# (installed automatically when run as root, otherwise the exact apt-get line is printed).
set -eu
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv
# Tools the tests use to check our PDFs and signatures independently (poppler, qpdf, NSS),
# SoftHSM2 as a real PKCS#11 token, PostgreSQL's binaries (the archive tests run a throwaway
# cluster of their own, as an unprivileged user when run as root), Chromium and its driver
# (the archive's verification page is opened in a real browser), and the libraries Qt
# needs offscreen.
TEST_DEBS="poppler-utils qpdf libnss3-tools softhsm2 opensc postgresql chromium chromium-driver libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3"
# Libraries Qt's xcb platform needs to open a window on an X11 desktop.
RUN_DEBS="libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 \
libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0"

say() { printf '%s\n' "$*" >&2; }

missing_debs() {
    out=""
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || out="$out $pkg"
    done
    printf '%s' "$out"
}

ensure_debs() {
    command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian: the user installs them
    need=$(missing_debs "$@")
    [ -z "$need" ] && return 0
    if [ "$(id -u)" = 0 ]; then
        say "Installing Debian packages:$need"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
    else
        say "Please install these Debian packages first:"
        say "  sudo apt-get install -y$need"
        exit 1
    fi
}

ensure_venv() {
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        say "TNDE Desktop needs Python 3.11 or newer as '$PYTHON'."
        exit 1
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
            ensure_debs python3-venv
        fi
        "$PYTHON" -m venv "$VENV"
    fi
    stamp="$VENV/.installed-$(cat pyproject.toml | cksum | cut -d' ' -f1)"
    if [ ! -f "$stamp" ]; then
        "$VENV/bin/python" -m pip install -q --upgrade pip
        "$VENV/bin/python" -m pip install -q -e ".[dev]"
        rm -f "$VENV"/.installed-*
        touch "$stamp"
    fi
}

case "${1:-}" in
    run)
        shift
        ensure_debs $RUN_DEBS
        ensure_venv
        exec "$VENV/bin/python" -m ui.app --demo "$@"
        ;;
    test)
        shift
        ensure_debs $TEST_DEBS
        ensure_venv
        QT_QPA_PLATFORM=offscreen exec "$VENV/bin/python" -m pytest "$@"
        ;;
    *)
        say "usage: ./dev.sh run | test [pytest arguments]"
        exit 2
        ;;
esac
