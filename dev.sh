#!/bin/sh
# TNDE Desktop developer entry point. The two quick-start commands of the README:
#   ./dev.sh run    install what is needed, then start the desktop app
#   ./dev.sh test   install what is needed, then run the whole test suite
# and for maintainers: ./dev.sh package [--verify]   the installable bundle and .deb (README)
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

# dpkg and apt take POSIX record locks on these files while they work (unattended-upgrades
# too); the kernel lists the held ones in /proc/locks. We wait up to APT_LOCK_WAIT seconds.
APT_LOCKS="/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock \
/var/cache/apt/archives/lock"
APT_LOCK_WAIT=${APT_LOCK_WAIT:-300}
apt_waited=0

# Prints "<pid> <lock file>" for the first apt/dpkg lock another process holds.
apt_lock_holder() {
    [ -r /proc/locks ] || return 1
    for lock in $APT_LOCKS; do
        [ -e "$lock" ] || continue
        dev=$(stat -c %d "$lock" 2>/dev/null) || continue
        ino=$(stat -c %i "$lock" 2>/dev/null) || continue
        # /proc/locks names a file as major:minor:inode, the device numbers in hex
        key=$(printf '%02x:%02x:%s' $(((dev >> 8) & 0xfff)) \
            $(((dev & 0xff) | ((dev >> 12) & 0xfff00))) "$ino")
        pid=$(awk -v key="$key" '$2 != "->" && $6 == key { print $5; exit }' /proc/locks)
        if [ -n "$pid" ]; then
            printf '%s %s' "$pid" "$lock"
            return 0
        fi
    done
    return 1
}

wait_for_apt() {
    while holder=$(apt_lock_holder); do
        if [ "$apt_waited" -ge "$APT_LOCK_WAIT" ]; then
            say "The package manager is still busy after ${APT_LOCK_WAIT}s: try again when it has"
            say "finished (or wait longer with APT_LOCK_WAIT=<seconds> ./dev.sh …)."
            exit 1
        fi
        pid=${holder%% *}
        name=$(cat "/proc/$pid/comm" 2>/dev/null || echo "another program")
        say "Waiting for the package manager: ${holder#* } is held by process $pid ($name)," \
            "${apt_waited}s of ${APT_LOCK_WAIT}s"
        sleep 5
        apt_waited=$((apt_waited + 5))
    done
}

# apt-get once no other apt or dpkg is at work. DPkg::Lock::Timeout (apt >= 1.9) covers the
# moment between our check and apt-get taking the lock; a failure while the lock is held by
# someone else is waited out and retried (three tries), any other failure is final.
apt_get() {
    tries=0
    while :; do
        wait_for_apt
        status=0
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@" \
            || status=$?
        tries=$((tries + 1))
        if [ "$status" = 0 ] || [ "$tries" -ge 3 ] || ! apt_lock_holder >/dev/null; then
            return "$status"
        fi
    done
}

# Qt opens its window on the desktop session named by DISPLAY (X11) or WAYLAND_DISPLAY;
# without either it stops with a misleading message about a missing xcb library.
require_display() {
    [ "$(uname -s)" = Linux ] || return 0
    if [ -n "${QT_QPA_PLATFORM:-}" ] || [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
        return 0
    fi
    say "Tidak ada tampilan grafis (DISPLAY/WAYLAND_DISPLAY kosong): jalankan dari desktop, atau"
    say "QT_QPA_PLATFORM=offscreen untuk uji."
    exit 1
}

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
        apt_get update -qq
        apt_get install -y -qq $need >/dev/null
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
        # setuptools reports every editable install with a notice (a warning, for want of
        # another channel) that pip shows even with -q; it asks nothing of us.
        PYTHONWARNINGS="ignore:Editable installation" \
            "$VENV/bin/python" -m pip install -q -e ".[dev]"
        rm -f "$VENV"/.installed-*
        touch "$stamp"
    fi
}

case "${1:-}" in
    run)
        shift
        require_display
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
    package)
        # the PyInstaller bundle, its .tar.gz and .deb (Linux) or setup.exe (Windows) in dist/;
        # --verify installs the .deb into a scratch root and runs both self-tests from there
        shift
        ensure_venv
        exec "$VENV/bin/python" packaging/build.py "$@"
        ;;
    *)
        say "usage: ./dev.sh run | test [pytest arguments] | package [--verify]"
        exit 2
        ;;
esac
