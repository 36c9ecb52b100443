using System.Diagnostics;
using ReferralNet.Testing;

namespace ReferralNet.Faults;

/// <summary>The command line: which scenarios, which form, where the results go.</summary>
static class FaultsCommand
{
    const string Usage = """
        Usage: referralnet-faults [--short] [--out PATH] [SCENARIO ...]
               referralnet-faults --list

          --short     the CI form: fewer referrals (200 instead of 10,000), a 10 s outage instead of 60 s;
                      timing targets are reported, not enforced
          --out PATH  JSON results (default tests/ReferralNet.Faults/results/<UTC timestamp>-<form>.json
                      in the repository)
          --list      the scenarios and their faults
          SCENARIO    run only these (default: all, in order)

        Exit code 0 when no scenario lost, doubled or unexpectedly delivered a referral and every queue
        drained; 1 otherwise; 2 for a wrong command line.
        """;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var scale = FaultScale.Full;
        string? output = null;
        var chosen = new List<Scenario>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--short":
                    scale = FaultScale.Short;
                    break;
                case "--out" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                case "--list":
                    foreach (var s in Scenarios.All)
                        Console.WriteLine($"{s.Name,-30} {s.Fault}");
                    return 0;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    if (Scenarios.All.SingleOrDefault(s => s.Name == args[i]) is { } scenario)
                    {
                        chosen.Add(scenario);
                        break;
                    }
                    Console.Error.WriteLine($"'{args[i]}' is not an option or a scenario; scenarios: {string.Join(", ", Scenarios.All.Select(s => s.Name))}\n\n{Usage}");
                    return 2;
            }
        }
        if (chosen.Count == 0)
            chosen.AddRange(Scenarios.All);

        Checkout checkout;
        try
        {
            checkout = Checkout.Find();
            foreach (var service in new[] { "Shelter", "LegalAid", "Medical", "Vocational" })
                checkout.ServiceDll(service);
        }
        catch (CheckoutException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        output ??= Path.Combine(checkout.Root, "tests", "ReferralNet.Faults", "results", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{scale.Name}.json");

        var startedAt = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        // Scenarios that leave the broker alone share one, each in its own virtual host.
        RabbitMqBroker? shared = null;
        try
        {
            foreach (var scenario in chosen)
            {
                if (!scenario.OwnBroker && shared is null)
                {
                    Console.WriteLine("\nStarting a broker for the scenarios that leave the broker alone…");
                    shared = await RabbitMqBroker.StartAsync(ct);
                }
                results.Add(await RunOneAsync(scenario, checkout, scale, Console.Out, ct, scenario.OwnBroker ? null : shared));
                // After each scenario, so a long run stopped half-way still leaves what it measured.
                ResultsTable.WriteJson(output, scale, startedAt, total.Elapsed, results);
                ct.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            if (shared is not null)
                await shared.DisposeAsync();
        }
        ResultsTable.Print(Console.Out, results);
        ResultsTable.WriteJson(output, scale, startedAt, total.Elapsed, results);
        Console.WriteLine($"\n{results.Count(r => r.Passed)} of {results.Count} scenarios passed in {total.Elapsed.TotalMinutes:0.0} min ({scale.Name} form). Results written to {output}");
        return results.All(r => r.Passed) ? 0 : 1;
    }

    /// <summary>Runs one scenario; a scenario that could not be carried out is a failed row, not an exception.</summary>
    /// <param name="sharedBroker">A broker to run in (in a virtual host of its own) if the scenario leaves the broker alone.</param>
    public static async Task<ScenarioResult> RunOneAsync(Scenario scenario, Checkout checkout, FaultScale scale, TextWriter log, CancellationToken ct, RabbitMqBroker? sharedBroker = null)
    {
        if (scenario.OwnBroker)
            sharedBroker = null;
        var clock = Stopwatch.StartNew();
        log.WriteLine($"\n==> {scenario.Name}: {scenario.Fault} ({scale.Name} form)");
        var context = new ScenarioContext(checkout, scale, line => log.WriteLine($"  [{clock.Elapsed.TotalSeconds,6:0.0} s] {line}"), ct, sharedBroker);
        ScenarioResult result;
        try
        {
            result = await scenario.RunAsync(context);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            result = ScenarioResult.Crashed(scenario.Name, scenario.Fault, e);
        }
        var drain = result.DrainSeconds is { } d ? $"{d:0.0} s" : "-";
        log.WriteLine($"  {(result.Passed ? "passed" : "FAILED")} in {clock.Elapsed.TotalSeconds:0} s: sent {result.Sent}, delivered {result.Delivered}, lost {result.Lost}, doubled {result.Doubled}, unexpected {result.Unexpected}, drain {drain}");
        foreach (var finding in result.Findings)
            log.WriteLine($"  note: {finding}");
        foreach (var failure in result.Failures)
            log.WriteLine($"  FAILED: {failure}");
        return result;
    }
}
