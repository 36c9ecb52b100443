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
# Results: tests/ReferralNet.Bench/results/<mode>.json unless --out says otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/lib/prerequisites.sh
source deploy/lib/prerequisites.sh

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
projects=(
    services/Shelter/ReferralNet.Shelter.csproj
    services/LegalAid/ReferralNet.LegalAid.csproj
    services/Medical/ReferralNet.Medical.csproj
    services/Vocational/ReferralNet.Vocational.csproj
    tests/ReferralNet.Bench/ReferralNet.Bench.csproj
)

step() { printf '\n==> %s\n' "$*"; }

step "Checking prerequisites (.NET SDK, RabbitMQ)"
require_dotnet
missing=()
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || missing+=(rabbitmq-server)
install_missing "the benchmark starts a private broker of its own" "${missing[@]}"

for project in "${projects[@]}"; do
    step "Building $project (Release)"
    dotnet build "$project" -c Release --nologo -v quiet -clp:NoSummary
done

step "Running referralnet-bench $*"
exec dotnet tests/ReferralNet.Bench/bin/Release/net10.0/referralnet-bench.dll "$@"
