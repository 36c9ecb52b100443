#!/usr/bin/env bash
# The bad-input corpus: generate it, or replay it against a running network.
#
# Usage:
#   deploy/badinput.sh generate [--seed N] [--count N] [--out FILE]
#       Writes the corpus as JSON lines (default seed 20261128, at least 10000 entries; stdout without --out).
#   deploy/badinput.sh replay [--corpus FILE] [--network name=url,...] [--parallel N]
#       Replays FILE (default: generates tests/ReferralNet.BadInput/results/corpus.jsonl first) against
#       the network deploy/up.sh started (the ports of deploy/network.env), prints a table per
#       category and writes it to tests/ReferralNet.BadInput/results/replay.md. Exits 1 on any 5xx, crash,
#       4xx without a useful message, bad input accepted, malformed message not in an _error queue, or
#       unhealthy service.
#   deploy/badinput.sh --help
#
# The replay creates a few survivors, consents, referrals and a bed hold (synthetic) in the network it
# runs against, and leaves its malformed messages in the services' _error queues.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [[ $# -eq 0 || $1 == -h || $1 == --help ]]; then
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 2
fi

if ! command -v dotnet >/dev/null; then
    echo "The .NET SDK is not installed (dotnet is not on PATH): install .NET SDK 10 first." >&2
    exit 1
fi

echo "==> Building tests/ReferralNet.BadInput (Release)" >&2
dotnet build tests/ReferralNet.BadInput/ReferralNet.BadInput.csproj -c Release --nologo -v quiet -clp:NoSummary >&2
tool=(dotnet tests/ReferralNet.BadInput/bin/Release/net10.0/referralnet-badinput.dll)
# The replay's default addresses: the ports of the local network.
set -a
# shellcheck source=deploy/network.env
source deploy/network.env
set +a

command=$1
shift
case $command in
    generate)
        exec "${tool[@]}" generate "$@" ;;
    replay)
        results=tests/ReferralNet.BadInput/results
        mkdir -p "$results"
        args=("$@")
        if [[ " $* " != *" --corpus "* ]]; then
            echo "==> Generating the corpus (default seed) into $results/corpus.jsonl" >&2
            "${tool[@]}" generate --out "$results/corpus.jsonl"
            args+=(--corpus "$results/corpus.jsonl")
        fi
        set +e
        "${tool[@]}" replay "${args[@]}" | tee "$results/replay.md"
        status=${PIPESTATUS[0]}
        exit "$status" ;;
    *)
        echo "Unknown command '$command': use generate or replay (deploy/badinput.sh --help)." >&2
        exit 2 ;;
esac
