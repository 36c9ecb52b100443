#!/usr/bin/env bash
# Starts ReferralNet locally: the RabbitMQ broker, every service, the portal and the Aspire dashboard, all on
# 127.0.0.1. Ctrl-C (or SIGTERM) stops all of it. Data (broker, databases) stays in deploy/.data.
set -euo pipefail

started_at=$(date +%s%N)
repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deploy/lib/prerequisites.sh
source "$repository/deploy/lib/prerequisites.sh"
data="$repository/deploy/.data"
apphost_project="$repository/deploy/AppHost/ReferralNet.AppHost.csproj"
apphost="$repository/deploy/AppHost/bin/Release/net10.0/ReferralNet.AppHost"
apphost_log="$data/apphost.log"
rabbitmq_server=/usr/lib/rabbitmq/bin/rabbitmq-server
health_timeout_seconds=${REFERRALNET_HEALTH_TIMEOUT:-180}

# shellcheck source=deploy/network.env
source "$repository/deploy/network.env"
dashboard_url=http://127.0.0.1:$DASHBOARD_PORT
otlp_url=http://127.0.0.1:$OTLP_PORT
amqp_url=amqp://127.0.0.1:$AMQP_PORT/
# Each account's password, made on the first start (mode 0600): deploy/.data/broker-accounts/<account>.
broker_accounts="$data/broker-accounts"
management_url=http://127.0.0.1:$MANAGEMENT_PORT
# name, REST port, gRPC port (the AppHost gives each service the same fixed ports).
services=(
  "shelter $SHELTER_REST_PORT $SHELTER_GRPC_PORT"
  "legalaid $LEGALAID_REST_PORT $LEGALAID_GRPC_PORT"
  "medical $MEDICAL_REST_PORT $MEDICAL_GRPC_PORT"
  "vocational $VOCATIONAL_REST_PORT $VOCATIONAL_GRPC_PORT"
)
# The partner portal (web UI); the AppHost starts it after the services and the identity service.
portal_port=$PORTAL_PORT
portal_url=http://127.0.0.1:$portal_port
# The identity service: staff sign-in (OpenID Connect) and tokens for the services.
identity_port=$IDENTITY_REST_PORT
identity_url=http://127.0.0.1:$identity_port
# The one place a local run's environment is chosen (the AppHost gives it to every service, the identity
# service and the portal). Development allows the development keys and accounts from seeds/; anything
# else makes each of them refuse those settings at start, naming the setting.
environment=${REFERRALNET_ENVIRONMENT:-Development}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }
# Seconds since $1 (a `date +%s%N` reading), one decimal.
seconds_since() { local ms=$((($(date +%s%N) - $1) / 1000000)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }

# --- 1. What this machine needs -----------------------------------------------------------------
say "Checking prerequisites"
require_dotnet

missing=()
[[ -x $rabbitmq_server ]] || missing+=(rabbitmq-server)
command -v curl >/dev/null || missing+=(curl)
command -v ss >/dev/null || missing+=(iproute2)
command -v jq >/dev/null || missing+=(jq)
command -v oathtool >/dev/null || missing+=(oathtool)
install_missing "the broker runs from Debian's package; the script checks health with curl and ports with ss, and prints the development accounts' codes with jq and oathtool" "${missing[@]}"

# --- 2. Ports -----------------------------------------------------------------------------------
say "Checking that the ports are free"
ports=("$AMQP_PORT" "$MANAGEMENT_PORT" $((AMQP_PORT + 20000)) "$DASHBOARD_PORT" "$OTLP_PORT" "$portal_port" "$identity_port")
for service in "${services[@]}"; do read -r _ rest grpc <<<"$service"; ports+=("$rest" "$grpc"); done
taken=0
for port in "${ports[@]}"; do
  listener=$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n1)
  [[ -z $listener ]] && continue
  taken=1
  pid=$(grep -o 'pid=[0-9]*' <<<"$listener" | head -n1 | cut -d= -f2)
  if [[ -n $pid ]]; then
    echo "  port $port is taken by pid $pid: $(ps -o args= -p "$pid" | cut -c1-150)" >&2
    if [[ $(ps -o comm= -p "$pid") == beam.smp ]]; then
      echo "    (a RabbitMQ node; a system one stops with 'systemctl stop rabbitmq-server')" >&2
    fi
  else
    echo "  port $port is taken: $listener" >&2
  fi
done
((taken == 0)) || fail "stop what holds the ports above (an earlier run? try deploy/down.sh) and run again"

# --- 3. Build -----------------------------------------------------------------------------------
mkdir -p "$data"
# Survivors' records live here: only the user running the network may read them.
chmod 700 "$data"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say "Building the AppHost, the services and the portal (Release; log: deploy/.data/build.log)"
if ! dotnet build "$apphost_project" -c Release -nologo </dev/null >"$data/build.log" 2>&1; then
  grep -E 'error|warn' "$data/build.log" | sort -u | tail -n 30 >&2 || tail -n 30 "$data/build.log" >&2
  fail "build failed; full log in deploy/.data/build.log"
fi

# --- 4. Start -----------------------------------------------------------------------------------
apphost_pid=
stop() {
  trap - INT TERM
  [[ -n $apphost_pid ]] || exit 130
  stop_started_at=$(date +%s%N)
  say "Stopping (SIGTERM to the AppHost, pid $apphost_pid; this takes 10-20 s)"
  kill -TERM "$apphost_pid" 2>/dev/null || true
  wait "$apphost_pid" 2>/dev/null || true
  left_behind
  exit "${1:-0}"
}

# Every process this run starts (orchestrator, broker, services) inherits this marker from the
# AppHost, which is how the script finds its own leftovers without touching anyone else's.
run_marker="REFERRALNET_UP_RUN=$$-$started_at"
processes_of_this_run() {
  grep -lzx -- "$run_marker" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 |
    while read -r pid; do [[ $(ps -o comm= -p "$pid" 2>/dev/null) == epmd ]] || echo "$pid"; done
}

# The orchestrator stops the broker and the services after the AppHost itself has exited: wait for
# them, and stop by pid whatever of this run is still there after that.
left_behind() {
  local pids deadline=$((SECONDS + 45))
  while mapfile -t pids < <(processes_of_this_run); ((${#pids[@]} && SECONDS < deadline)); do
    sleep 0.5
  done
  if ((${#pids[@]})); then
    echo "  still running 45 s after the AppHost exited, stopping:" >&2
    ps -o pid=,args= -p "$(IFS=,; echo "${pids[*]}")" | cut -c1-150 >&2 || true
    kill -TERM "${pids[@]}" 2>/dev/null || true
    sleep 5
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
  # epmd outlives every Erlang node; stop it if this run started it. It refuses to stop while
  # another node (someone's test broker) is still registered with it.
  if [[ $epmd_was_running == no ]] && pgrep -x epmd >/dev/null; then
    epmd -kill >/dev/null 2>&1 || true
  fi
  rm -f "$data/up.run"
  mapfile -t pids < <(processes_of_this_run)
  if ((${#pids[@]})); then
    echo "warning: still running after SIGKILL: ${pids[*]}" >&2
  else
    say "Stopped after $(seconds_since "$stop_started_at") s; no process of this run is left"
  fi
}

epmd_was_running=no
pgrep -x epmd >/dev/null && epmd_was_running=yes

say "Starting the AppHost in the $environment environment (log: deploy/.data/apphost.log)"
trap 'stop 0' INT TERM
# The dashboard on fixed loopback ports, plain HTTP (loopback only): the same settings as
# AppHost/Properties/launchSettings.json, which only `dotnet run` reads. Its login token and API
# keys are made by the AppHost on the first start, in deploy/.data/dashboard (0600).
apphost_environment=(
  "$run_marker"
  DOTNET_ENVIRONMENT=Development
  ASPNETCORE_ENVIRONMENT=Development
  "ASPNETCORE_URLS=$dashboard_url"
  "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=$otlp_url"
  ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
  "REFERRALNET_ENVIRONMENT=$environment"
)
# The binary itself, not `dotnet run`, so SIGTERM reaches the AppHost. Its own session: Ctrl-C
# reaches only this script, which stops the AppHost, rather than the orchestrator and every
# service at once.
env "${apphost_environment[@]}" setsid "$apphost" </dev/null >"$apphost_log" 2>&1 &
apphost_pid=$!
apphost_started_at=$(date +%s%N)
# Read by deploy/down.sh.
printf 'up_pid=%s\napphost_pid=%s\nrun_marker=%s\n' "$$" "$apphost_pid" "$run_marker" >"$data/up.run"

# --- 5. Wait until every service answers /health ---------------------------------------------------
say "Waiting for the broker, the services, the identity service and the portal (up to ${health_timeout_seconds} s)"
deadline=$(($(date +%s) + health_timeout_seconds))
declare -A healthy=()
while :; do
  if ! kill -0 "$apphost_pid" 2>/dev/null; then
    wait "$apphost_pid" && code=0 || code=$?
    tail -n 40 "$apphost_log" >&2
    stop_started_at=$(date +%s%N)
    left_behind
    fail "the AppHost exited (code $code) before everything was up; log: deploy/.data/apphost.log"
  fi
  waiting=()
  for service in "${services[@]}" "identity $identity_port" "portal $portal_port"; do
    read -r name rest _ <<<"$service"
    [[ -n ${healthy[$name]:-} ]] && continue
    if curl -fs -m 2 -o /dev/null "http://127.0.0.1:$rest/health"; then
      healthy[$name]=1
      echo "  $name is healthy after $(seconds_since "$started_at") s"
    else
      waiting+=("$name")
    fi
  done
  ((${#waiting[@]} == 0)) && break
  if (($(date +%s) >= deadline)); then
    echo "these did not answer /health within ${health_timeout_seconds} s: ${waiting[*]}" >&2
    for name in "${waiting[@]}" rabbitmq; do
      echo "--- last lines from $name:" >&2
      grep -A1 "Resources\.$name\[" "$apphost_log" | grep -v -e "Resources\.$name\[" -e '^--$' | tail -n 15 >&2 || true
    done
    echo "(everything they printed is in deploy/.data/apphost.log)" >&2
    stop 1
  fi
  sleep 1
done
dashboard_api_key=$(cat "$data/dashboard/api-key" 2>/dev/null || true)
curl -fs -m 5 -o /dev/null -H "x-api-key: $dashboard_api_key" "$dashboard_url/api/telemetry/resources" ||
  echo "warning: the dashboard at $dashboard_url does not answer its telemetry API with deploy/.data/dashboard/api-key" >&2

total=$(seconds_since "$started_at")
after_launch=$(seconds_since "$apphost_started_at")

# --- 5b. Demo referrals, once per data folder ------------------------------------------------------
# The services load their own seeds when they create their databases; the demo referrals cross
# services, so they go in through the REST API like any partner's would.
if [[ ! -f $data/demo-seeded ]]; then
  say "Loading the demo referrals (deploy/seed-demo.sh; once per data folder)"
  if "$repository/deploy/seed-demo.sh"; then
    touch "$data/demo-seeded"
  else
    echo "warning: the demo referrals did not load (see above); the network runs without them" >&2
  fi
fi

# --- 6. Where everything is -----------------------------------------------------------------------
echo
say "ReferralNet is up: ${total} s from start (${after_launch} s after the AppHost started)"
printf '  %-12s %s\n' "portal" "$portal_url"
printf '  %-12s %s\n' "identity" "$identity_url  (OpenID Connect: $identity_url/.well-known/openid-configuration)"
printf '  %-12s %s\n' "dashboard" "$dashboard_url/login?t=$(cat "$data/dashboard/browser-token")  (this link signs you in)"
printf '  %-12s %s\n' "telemetry" "curl -H \"x-api-key: \$(cat deploy/.data/dashboard/api-key)\" $dashboard_url/api/telemetry/traces"
printf '  %-12s %s\n' "otlp (grpc)" "$otlp_url"
for service in "${services[@]}"; do
  read -r name rest grpc <<<"$service"
  printf '  %-12s REST http://127.0.0.1:%s   gRPC (h2c) http://127.0.0.1:%s\n' "$name" "$rest" "$grpc"
done
printf '  %-12s %s\n' "amqp" "$amqp_url  (no guest: each service has its own account)"
printf '  %-12s %s\n' "rabbitmq ui" "$management_url  (user operator, password in ${broker_accounts#"$repository/"}/operator)"
echo "  data: deploy/.data   logs: deploy/.data/apphost.log   environment: $environment"
if [[ $environment == Development ]]; then
  echo
  say "Development accounts (seeds/staff.json; deploy/accounts.sh prints the current codes again)"
  "$repository/deploy/accounts.sh" | sed 's/^/  /' || echo "warning: deploy/accounts.sh could not list the development accounts" >&2
fi
echo "Press Ctrl-C to stop everything."

wait "$apphost_pid" && code=0 || code=$?
stop_started_at=$(date +%s%N)
echo "the AppHost exited by itself (code $code); log: deploy/.data/apphost.log" >&2
left_behind
exit "$code"
