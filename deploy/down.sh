#!/usr/bin/env bash
# Stops what deploy/up.sh started, from another terminal or after up.sh itself was killed.
set -euo pipefail

data="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.data"
[[ -f $data/up.run ]] || { echo "nothing to stop: no deploy/.data/up.run (up.sh is not running)"; exit 0; }
up_pid='' apphost_pid='' run_marker=''
# shellcheck source=/dev/null
source "$data/up.run"

# epmd is left alone: it is shared by every Erlang node on the machine.
processes_of_that_run() {
  grep -lzx -- "$run_marker" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 |
    while read -r pid; do [[ $(ps -o comm= -p "$pid" 2>/dev/null) == epmd ]] || echo "$pid"; done
}

if [[ -n $up_pid ]] && kill -0 "$up_pid" 2>/dev/null; then
  # up.sh stops the AppHost, waits for the orchestrator and cleans up after it.
  echo "==> Asking up.sh (pid $up_pid) to stop"
  kill -TERM "$up_pid"
  while kill -0 "$up_pid" 2>/dev/null; do sleep 0.5; done
  echo "==> Stopped"
  exit 0
fi

echo "==> up.sh is gone; stopping the AppHost (pid $apphost_pid) and what it started"
kill -TERM "$apphost_pid" 2>/dev/null || true
for _ in $(seq 1 90); do
  [[ -z $(processes_of_that_run) ]] && break
  sleep 0.5
done
mapfile -t pids < <(processes_of_that_run)
if ((${#pids[@]})); then
  echo "  still running after 45 s, killing: ${pids[*]}" >&2
  kill -KILL "${pids[@]}" 2>/dev/null || true
fi
rm -f "$data/up.run"
echo "==> Stopped"
