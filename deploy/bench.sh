#!/usr/bin/env bash
# Builds the four services and the benchmark in Release, then runs the benchmark, which starts a
# private RabbitMQ broker and the services as separate processes on free ports and stops them again.
#
# Usage: deploy/bench.sh [mode] [options]     (arguments go to referralnet-bench unchanged)
#   deploy/bench.sh                                  bed-propagation, 1000 changes
#   deploy/bench.sh bed-propagation --changes 200 --out /tmp/bed-propagation.json
#   deploy/bench.sh referrals                        1000 referrals LegalAid -> Medical, then 200 revocations
#   deploy/bench.sh pipeline                         raw RabbitMQ.Client (A) vs MassTransit (B) vs the referral pipeline (C), 3 rounds
#   deploy/bench.sh grpc                             FindBeds vs the gRPC health Check (empty handler), 1 and 16 in flight
#   deploy/bench.sh tracing                          the pipeline and FindBeds with every trace exported, against tracing off
#   deploy/bench.sh all                              every mode in turn, with its defaults
#   deploy/bench.sh --help                           modes and options
#
# Results: deploy/bench-results/<mode>.json unless --out says otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
projects=(
    services/Shelter/ReferralNet.Shelter.csproj
    services/LegalAid/ReferralNet.LegalAid.csproj
    services/Medical/ReferralNet.Medical.csproj
    services/Vocational/ReferralNet.Vocational.csproj
    deploy/Bench/ReferralNet.Bench.csproj
)

step() { printf '\n==> %s\n' "$*"; }

step "Checking prerequisites (.NET SDK, RabbitMQ)"
if ! command -v dotnet >/dev/null; then
    echo "The .NET SDK is not installed (dotnet is not on PATH): install .NET SDK 10 first." >&2
    exit 1
fi
echo ".NET SDK $(dotnet --version)"
if [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then
    echo "RabbitMQ is installed (/usr/lib/rabbitmq/bin/rabbitmq-server)."
else
    echo "Installing rabbitmq-server with apt-get: the benchmark starts a private broker of its own."
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null; then sudo=(sudo); else
            echo "Cannot install rabbitmq-server: not root and no sudo. Run: apt-get install -y rabbitmq-server" >&2
            exit 1
        fi
    fi
    # Wait for another apt run to finish instead of failing on its lock.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q rabbitmq-server
fi

for project in "${projects[@]}"; do
    step "Building $project (Release)"
    dotnet build "$project" -c Release --nologo -v quiet -clp:NoSummary
done

step "Running referralnet-bench $*"
exec dotnet deploy/Bench/bin/Release/net10.0/referralnet-bench.dll "$@"
