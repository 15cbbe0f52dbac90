# Shared by scripts/demo and scripts/check: Debian packages, and the build.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# What building, testing and the demo need, from Debian's archive only.
BUILD_PACKAGES="gcc make autoconf automake libtool pkg-config libedit-dev libcurl4-openssl-dev
libxml2-dev libssl-dev libcrypt-dev check libmicrohttpd-dev"
TOOL_PACKAGES="curl openssh-server openssh-client clang libclang-rt-14-dev groff-base valgrind
util-linux procps openssl iproute2 dnsmasq-base isc-dhcp-client nftables python3 coturn
busybox"

missing_packages() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
    done
}

# install_deps [tools]: installs missing packages with apt-get (as root), or says what to install.
install_deps() {
    local want=$BUILD_PACKAGES
    [ "${1:-}" = tools ] && want="$want $TOOL_PACKAGES"
    command -v dpkg-query >/dev/null || {
        echo "not a Debian system: install the equivalents of: $want" >&2
        return 0
    }
    # shellcheck disable=SC2086
    local missing
    missing=$(missing_packages $want | tr '\n' ' ')
    [ -n "${missing// /}" ] || return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "missing Debian packages: $missing" >&2
        echo "install them as root: apt-get install $missing" >&2
        return 1
    fi
    echo "== installing $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing >/dev/null
    # coturn is only a STUN server that tests start in their own namespaces: the system-wide
    # service its package may start would be a TURN server open on this machine.
    case " $missing " in
    *" coturn "*)
        if command -v systemctl >/dev/null; then
            systemctl disable --now coturn >/dev/null 2>&1 || true
        fi
        ;;
    esac
}

# build DIR [configure options...]: configures (once) and builds in DIR below the tree.
build() {
    local dir=$TOP/$1
    shift
    [ -x "$TOP/configure" ] || (cd "$TOP" && autoreconf -fi >/dev/null)
    mkdir -p "$dir"
    if [ ! -f "$dir/Makefile" ]; then
        (cd "$dir" && "$TOP/configure" -q "$@") || return 1
    fi
    make -C "$dir" -j"$(nproc)" -s >/dev/null
}
