namespace ReferralNet.Operator.Tests.Support;

/// <summary>Runs deploy/errors.sh's program in process against a test broker and keeps what it wrote.</summary>
public sealed class Tool(string connectionString, string managementUrl, string discardLog)
{
    public sealed record Run(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public async Task<Run> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] full = [.. args, "--broker", connectionString, "--management", managementUrl, "--discard-log", discardLog];
        var code = await OperatorCli.RunAsync(full, output, error, _ => null);
        return new Run(code, output.ToString(), error.ToString());
    }
}
