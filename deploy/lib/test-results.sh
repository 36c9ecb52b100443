# shellcheck shell=bash
# Reading the TRX files `dotnet test --logger trx` writes. Sourced by deploy/test.sh; tested by
# tests/ReferralNet.Testing.Tests/Test_script/Failed_tests_in_the_summary.cs.

# Prints "<test name> - <first line of its message>" for each failed test in the TRX file $1
# (outcomes Failed, Error, Timeout and Aborted), with XML's escapes undone.
failed_tests() {
    awk '
        function text(s) { gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&amp;/, "\\&", s); return s }
        /<UnitTestResult / {
            name = ""
            if (/outcome="(Failed|Error|Timeout|Aborted)"/ && match($0, /testName="[^"]*"/)) name = text(substr($0, RSTART + 10, RLENGTH - 11))
            # A result with no output at all is one self-closing element.
            if (name != "" && /\/>[[:space:]]*$/) { print name " - (no message)"; name = "" }
        }
        name != "" && /<Message>/ {
            line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line)
            print name " - " substr(text(line), 1, 300); name = ""
        }
        name != "" && /<\/UnitTestResult>/ { print name " - (no message)"; name = "" }
    ' "$1"
}
