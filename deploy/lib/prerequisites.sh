# Sourced by the deploy/*.sh scripts: the one place that checks for the .NET SDK and installs missing
# Debian packages, so every script says the same thing and installs the same way.

# Exits with a message when the .NET SDK is missing; prints its version otherwise.
require_dotnet() {
    if ! command -v dotnet >/dev/null; then
        echo "The .NET SDK is not installed (dotnet is not on PATH): install .NET SDK 10 first (https://dot.net)." >&2
        exit 1
    fi
    echo ".NET SDK $(dotnet --version)"
}

# install_missing WHY PACKAGE...: installs the packages with apt-get, as root or through sudo, and
# says why. Does nothing when no package is given. Waits for another apt run's lock instead of failing.
install_missing() {
    local why=$1
    shift
    (($# > 0)) || return 0
    echo "Installing $* with apt-get ($why)."
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null; then sudo=(sudo); else
            echo "Cannot install $*: not root and no sudo. Run: apt-get install -y $*" >&2
            exit 1
        fi
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q "$@"
}
