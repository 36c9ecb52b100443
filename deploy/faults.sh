#!/usr/bin/env bash
# The fault suite: builds the four services and the fault runner in Release, then breaks things
# while referrals flow (broker kill -9, graceful and repeated restarts, services killed at precise
# points through failpoints, a node of a 3-node cluster killed, a broker outage, poison messages)
# and counts, Jepsen-style, what was lost, what took effect twice and what was unexpected.
# Every scenario starts its own private broker(s) and the services as separate processes on free
# ports, and stops them again.
#
# Usage: deploy/faults.sh [--short] [--out PATH] [SCENARIO ...]   (arguments go to referralnet-faults)
#   deploy/faults.sh                        every scenario, full form: 10,000 referrals each, 60 s outage
#   deploy/faults.sh --short                the form CI runs (tests/ReferralNet.Faults.Tests): 200 referrals, 10 s outage
#   deploy/faults.sh broker-kill poison     only these scenarios
#   deploy/faults.sh --list                 the scenarios
#
# Prints one table (scenario, sent, delivered, lost, doubled, unexpected, drain time) and writes it
# to tests/ReferralNet.Faults/results/<UTC timestamp>-<form>.json. Exits 1 if any scenario lost,
# doubled or unexpectedly delivered a referral or left a queue undrained.
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
    tests/ReferralNet.Faults/ReferralNet.Faults.csproj
)

step() { printf '\n==> %s\n' "$*"; }

step "Checking prerequisites (.NET SDK, RabbitMQ)"
require_dotnet
missing=()
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || missing+=(rabbitmq-server)
install_missing "the suite starts private brokers of its own" "${missing[@]}"

for project in "${projects[@]}"; do
    step "Building $project (Release)"
    dotnet build "$project" -c Release --nologo -v quiet -clp:NoSummary
done

step "Running referralnet-faults $*"
exec dotnet tests/ReferralNet.Faults/bin/Release/net10.0/referralnet-faults.dll "$@"
