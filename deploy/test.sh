#!/usr/bin/env bash
# Builds ReferralNet and runs every test project, one after another, then prints per-project
# results, each failed test with its message's first line, and one closing line:
# "N passed, N failed, N skipped".
#
# Usage: deploy/test.sh [FILTER]
#   FILTER is passed to `dotnet test --filter`, e.g. deploy/test.sh 'FullyQualifiedName~Private_broker'
#
# Test projects are found by name: every tests/<Name>.Tests/*.csproj and tests/<Name>.Tests.<Kind>/*.csproj
# (e.g. tests/ReferralNet.Shelter.Tests, tests/ReferralNet.Tests.EndToEnd). Other projects under
# tests/ are not run: the support library tests/ReferralNet.Testing and the console tools
# (tests/ReferralNet.Bench, tests/ReferralNet.Faults, tests/ReferralNet.BadInput, which bench.sh,
# faults.sh and badinput.sh run, and tests/ReferralNet.Portal.Latency).
#
# Nothing has to be running first: tests start their own private RabbitMQ broker on free ports and
# their own databases. Brokers that other people run on this machine are left alone.
#
# Environment: TEST_HANG_TIMEOUT (default 10m) - a test that runs longer than this is treated as
# hung; its test host is stopped and the project counts as failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/lib/prerequisites.sh
source deploy/lib/prerequisites.sh
# shellcheck source=deploy/lib/test-results.sh
source deploy/lib/test-results.sh

if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 2
fi
filter=${1:-}
hang_timeout=${TEST_HANG_TIMEOUT:-10m}

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
started=$(date +%s)

step() { printf '\n==> %s\n' "$*"; }

elapsed() {
    local seconds=$(($(date +%s) - $1))
    if ((seconds >= 60)); then printf '%d min %d s' $((seconds / 60)) $((seconds % 60)); else printf '%d s' "$seconds"; fi
}

# --- 1. What the tests need on this machine --------------------------------------------------------
step "Checking prerequisites (.NET SDK, RabbitMQ, Chromium)"
require_dotnet

missing=()
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || missing+=(rabbitmq-server)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
if ((${#missing[@]} > 0)); then
    install_missing "tests start private brokers and PostgreSQL clusters; browser tests drive Chromium" "${missing[@]}"
else
    echo "RabbitMQ (/usr/lib/rabbitmq/bin/rabbitmq-server), PostgreSQL 15 and Chromium (/usr/bin/chromium) are installed."
fi

# --- 2. Find the test projects -----------------------------------------------------------------------
step "Finding test projects (tests/*.Tests/*.csproj, tests/*.Tests.*/*.csproj)"
shopt -s nullglob
projects=(tests/*.Tests/*.csproj tests/*.Tests.*/*.csproj)
shopt -u nullglob
if ((${#projects[@]} == 0)); then
    echo "No test projects found under tests/: nothing to run." >&2
    echo "0 passed, 0 failed, 0 skipped"
    exit 1
fi
mapfile -t projects < <(printf '%s\n' "${projects[@]}" | sort -u)
printf '  %s\n' "${projects[@]}"

# --- 3. Build once -----------------------------------------------------------------------------------
step "Building ReferralNet.sln (Release)"
build_started=$(date +%s)
if ! dotnet build ReferralNet.sln -c Release; then
    echo
    echo "FAILED: the build failed (see the errors above), so no tests ran. Total duration: $(elapsed "$started")." >&2
    exit 1
fi
echo "Built in $(elapsed "$build_started")."
in_solution=$(dotnet sln ReferralNet.sln list | tr '\\' '/')

# --- 4. Run each test project in turn (2 cores: one at a time) --------------------------------------
logs=artifacts/test-logs
rm -rf "$logs" artifacts/test-results
mkdir -p "$logs"
total_passed=0 total_failed=0 total_skipped=0 problems=0
results=() failures=()

index=0
for project in "${projects[@]}"; do
    index=$((index + 1))
    name=$(basename "$project" .csproj)
    log="$logs/$name.log"

    if ! grep -qxF "$project" <<<"$in_solution"; then
        step "Testing $name ($index of ${#projects[@]})"
        echo "$project is not in ReferralNet.sln, so it was not built: add it with 'dotnet sln ReferralNet.sln add $project'."
        results+=("$(printf '%-40s NOT RUN: not in ReferralNet.sln (counted as 1 failed)' "$name")")
        total_failed=$((total_failed + 1)) problems=$((problems + 1))
        continue
    fi

    step "Testing $name ($index of ${#projects[@]})${filter:+ with filter '$filter'}"
    project_started=$(date +%s)
    results_dir="artifacts/test-results/$name"
    trx="$results_dir/$name.trx"
    args=(test "$project" -c Release --no-build
        --results-directory "$results_dir" --logger "trx;LogFileName=$name.trx"
        --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none)
    [[ -n $filter ]] && args+=(--filter "$filter")
    if dotnet "${args[@]}" 2>&1 | tee "$log"; then status=0; else status=$?; fi
    took=$(elapsed "$project_started")

    # The counts come from the TRX file the test platform writes (its <Counters> element), not
    # from console text: passed, failed (with error, timeout and aborted), and notExecuted, which is
    # how a skipped test is counted.
    passed=0 failed=0 skipped=0 total=0 counters=""
    [[ -f $trx ]] && counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
    count() { local n; n=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${n:-0}"; }
    if [[ -n $counters ]]; then
        total=$(count total) passed=$(count passed)
        failed=$(($(count failed) + $(count error) + $(count timeout) + $(count aborted)))
        skipped=$(count notExecuted)
    fi

    note=""
    if [[ -z $counters ]]; then
        if [[ -n $filter && $status -eq 0 ]] && grep -q 'No test matches the given testcase filter' "$log"; then
            note="no test matches the filter"
        else
            note="CRASHED: no test results ($trx was not written; exit code $status), counted as 1 failed"
            failed=$((failed + 1)) problems=$((problems + 1))
        fi
    elif [[ -n $filter ]] && ((total == 0 && status == 0)); then
        note="no test matches the filter"
    elif ((status != 0 && failed == 0)); then
        # E.g. the test host crashed or hung (the results then count only the tests that finished),
        # or a fixture failed to clean up.
        if grep -qE 'Test Run Aborted|Catastrophic failure|Test host process crashed' "$log"; then
            note="ABORTED: the test process crashed or hung (exit code $status; the counts are of the tests that finished), counted as 1 failed"
        else
            note="dotnet test exited with code $status although no test failed, counted as 1 failed"
        fi
        failed=$((failed + 1)) problems=$((problems + 1))
    fi
    total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed)) total_skipped=$((total_skipped + skipped))
    results+=("$(printf '%-40s %d passed, %d failed, %d skipped in %s%s' "$name" "$passed" "$failed" "$skipped" "$took" "${note:+  - $note}")")
    # The names of the failed tests and the first line of each message go into the summary too:
    # CI keeps only the end of the output, and a flaky failure must be traceable from it.
    if [[ -f $trx ]] && ((failed > 0)); then
        while IFS= read -r line; do failures+=("$name: $line"); done < <(failed_tests "$trx")
    fi
done

# --- 5. Results --------------------------------------------------------------------------------------
step "Results (full output of each project in $logs/)"
printf '  %s\n' "${results[@]}"
if ((${#failures[@]} > 0)); then
    echo
    echo "Failed tests (first line of each message; the whole message is in the project's log):"
    printf '  %s\n' "${failures[@]}"
fi
echo
verdict=0
if ((total_failed > 0 || problems > 0)); then
    echo "FAILED: see the projects marked above."
    verdict=1
elif ((total_passed + total_skipped == 0)); then
    echo "FAILED: no test ran${filter:+ (does the filter '$filter' match any test?)}."
    verdict=1
else
    echo "All tests passed."
fi
echo "Total duration: $(elapsed "$started")"
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
exit "$verdict"
