#!/usr/bin/env bash
# The network operator's tool for failed messages: every *_error queue on the broker.
#
# Usage:
#   deploy/errors.sh list [--queue <name>]
#   deploy/errors.sh replay <message-id>|--all [--queue <name>]
#   deploy/errors.sh discard <message-id>|--all --reason "<why>" [--queue <name>]
#   deploy/errors.sh --help
#
# Broker: the one deploy/up.sh runs, on the AMQP and management ports of deploy/network.env, as the
# operator account (password in deploy/.data/broker-accounts/operator);
# --broker/--management or REFERRALNET_BROKER/REFERRALNET_MANAGEMENT override.
# Discards are logged to deploy/.data/operator/discards.log (--discard-log or REFERRALNET_DISCARD_LOG
# override) and printed. Message bodies are never shown: they may carry consented personal data.
#
# Exit codes: 0 done, 1 wrong command line / unknown message id / nothing to act on, 2 broker or
# management API unreachable.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# shellcheck source=deploy/network.env
source "$root/deploy/network.env"
# The operator's own account (deploy/up.sh made its password on the first start).
if [[ -z ${REFERRALNET_BROKER:-} ]]; then
    password_file="$root/deploy/.data/broker-accounts/operator"
    if [[ ! -r $password_file ]]; then
        echo "There is no operator password in $password_file: start the network once with deploy/up.sh, or pass --broker amqp://operator:<password>@127.0.0.1:$AMQP_PORT/." >&2
        exit 2
    fi
    REFERRALNET_BROKER="amqp://operator:$(<"$password_file")@127.0.0.1:$AMQP_PORT/"
fi
export REFERRALNET_BROKER
export REFERRALNET_MANAGEMENT="${REFERRALNET_MANAGEMENT:-http://127.0.0.1:$MANAGEMENT_PORT}"
export REFERRALNET_DISCARD_LOG="${REFERRALNET_DISCARD_LOG:-$root/deploy/.data/operator/discards.log}"

if ! command -v dotnet >/dev/null; then
    echo "The .NET SDK is not installed (dotnet is not on PATH): install .NET SDK 10 first." >&2
    exit 1
fi

project="$root/services/Operator/ReferralNet.Operator.csproj"
tool="$root/services/Operator/bin/Release/net10.0/referralnet-operator.dll"
# Build when missing or older than any of its sources; quietly, so the output stays the tool's.
if [[ ! -f $tool ]] || [[ -n $(find "$root/services/Operator" -name '*.cs' -newer "$tool" -not -path '*/obj/*' -print -quit) ]]; then
    echo "Building referralnet-operator (Release)..." >&2
    dotnet build "$project" -c Release --nologo -v quiet -clp:NoSummary >&2
fi

exec dotnet "$tool" "$@"
