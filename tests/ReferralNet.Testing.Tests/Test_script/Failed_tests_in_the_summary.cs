using System.Diagnostics;
using Xunit;

namespace ReferralNet.Testing.Tests.Test_script;

/// <summary>
/// deploy/test.sh ends with each failed test's name and its message's first line, read from the
/// TRX files: CI keeps only the end of the output, so a failure must be traceable from there.
/// </summary>
public sealed class Failed_tests_in_the_summary
{
    // The shape `dotnet test --logger trx` writes: each result on one line; a failed one with its
    // output and message below it; one with no output self-closing.
    const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult executionId="1" testName="Suite.Passes" computerName="vm" duration="00:00:00.01" outcome="Passed" testListId="x" relativeResultsDirectory="1" />
            <UnitTestResult executionId="2" testName="Suite.Fails_on(id: &quot;a&amp;b&quot;)" computerName="vm" duration="00:00:01" outcome="Failed" testListId="x" relativeResultsDirectory="2">
              <Output>
                <StdOut>some output</StdOut>
                <ErrorInfo>
                  <Message>Assert.Equal() Failure: Values differ
        Expected: &lt;1&gt;
        Actual:   2</Message>
                  <StackTrace>at Suite.Fails_on()</StackTrace>
                </ErrorInfo>
              </Output>
            </UnitTestResult>
            <UnitTestResult executionId="3" testName="Suite.Passes_with_output" computerName="vm" duration="00:00:00.01" outcome="Passed" testListId="x" relativeResultsDirectory="3">
              <Output>
                <StdOut>fine</StdOut>
              </Output>
            </UnitTestResult>
            <UnitTestResult executionId="4" testName="Suite.Timed_out" computerName="vm" duration="00:10:00" outcome="Timeout" testListId="x" relativeResultsDirectory="4" />
            <UnitTestResult executionId="5" testName="Suite.Failed_without_a_message" computerName="vm" duration="00:00:01" outcome="Failed" testListId="x" relativeResultsDirectory="5">
              <Output>
                <StdOut>nothing more</StdOut>
              </Output>
            </UnitTestResult>
          </Results>
        </TestRun>
        """;

    [Fact]
    public async Task Names_each_failed_test_with_its_messages_first_line_and_no_passed_test()
    {
        var trx = Path.Combine(Directory.CreateTempSubdirectory("referralnet-trx-").FullName, "results.trx");
        await File.WriteAllTextAsync(trx, Trx, TestContext.Current.CancellationToken);
        try
        {
            var lines = await FailedTestsAsync(trx);

            Assert.Equal(
            [
                "Suite.Fails_on(id: \"a&b\") - Assert.Equal() Failure: Values differ",
                "Suite.Timed_out - (no message)",
                "Suite.Failed_without_a_message - (no message)",
            ], lines);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(trx)!, recursive: true);
        }
    }

    /// <summary>Runs the function deploy/test.sh runs, from deploy/lib/test-results.sh.</summary>
    static async Task<IReadOnlyList<string>> FailedTestsAsync(string trx)
    {
        var script = Path.Combine(Checkout.Find().Root, "deploy", "lib", "test-results.sh");
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "set -euo pipefail; source \"$0\"; failed_tests \"$1\"", script, trx })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"failed_tests exited with {process.ExitCode}: {errors}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
