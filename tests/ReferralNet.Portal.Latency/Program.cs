using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReferralNet.Portal.Tests;

// Usage: dotnet run --project tests/ReferralNet.Portal.Latency -c Release -- [COUNT]
// Starts the portal tests' real network (private broker, four services, portal, Chromium), then:
//  1. inbox: an open "Received" page at st-mary-clinic; COUNT referrals sent one after another from
//     justice-bridge through the REST API; each timed from just before its POST until its row is in the page;
//  2. bed board: an open bed board at harbour-house; COUNT bed changes made through the REST API (as
//     other staff would); each timed from just before its PUT until the new total is in the page.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var network = new PortalNetwork();
Console.WriteLine($"Starting the network (load average {Load()})…");
await network.StartAsync(CancellationToken.None);
try
{
    var inbox = await InboxAsync(network, count);
    var beds = await BedBoardAsync(network, count);
    Console.WriteLine();
    Console.WriteLine($"portal latency, N = {count} each; {Environment.ProcessorCount} cores; load average now {Load()}");
    Console.WriteLine($"{"ms",-48} {"p50",8} {"p90",8} {"p99",8} {"max",8}");
    Print("new referral → row in the open inbox (1 s poll)", inbox);
    Print("bed change elsewhere → count on the open board", beds);
}
finally
{
    await network.DisposeAsync();
}

static async Task<List<double>> InboxAsync(PortalNetwork network, int count)
{
    using var sender = network.ClientFor("legalaid", Keys.JusticeBridge);
    var survivor = await IdOfAsync(await sender.PostAsJsonAsync("/api/survivors", new { dependants = 0 }));
    await using var clinic = await network.SignInAsync("intake@st-mary-clinic.example");
    await clinic.OpenAsync("/referrals/received");
    await clinic.Page.WaitForSelectorAsync("[data-testid=received-list][data-loaded=yes]");
    var timings = new List<double>();
    for (var i = 0; i < count; i++)
    {
        var clock = Stopwatch.StartNew();
        var id = await IdOfAsync(await sender.PostAsJsonAsync("/api/referrals", new { survivorId = survivor, toOrgId = "st-mary-clinic", service = "medical:primary-care" }));
        await clinic.Page.WaitForSelectorAsync($"tr[data-referral='{id}']", new() { Timeout = 60_000 });
        timings.Add(clock.Elapsed.TotalMilliseconds);
        Console.Write('.');
    }
    Console.WriteLine(" inbox done");
    return timings;
}

static async Task<List<double>> BedBoardAsync(PortalNetwork network, int count)
{
    const string shelter = "harbour-house-main";
    using var staff = network.ClientFor("shelter", Keys.HarbourHouse);
    await using var board = await network.SignInAsync("shelter-staff@harbour-house.example");
    await board.OpenAsync("/beds");
    var cell = $"section[data-shelter='{shelter}'] tr[data-bed-type='men'] [data-count=total], section[data-shelter='{shelter}'] tr[data-bed-type='women'] [data-count=total]";
    await board.Page.WaitForSelectorAsync(cell);
    using var current = JsonDocument.Parse(await staff.GetStringAsync($"/api/shelters/{shelter}/beds"));
    var women = current.RootElement.EnumerateArray().First(b => b.GetProperty("bedType").GetString() == "women");
    var (total, occupied) = (women.GetProperty("total").GetInt32(), women.GetProperty("occupied").GetInt32());
    var timings = new List<double>();
    for (var i = 0; i < count; i++)
    {
        var next = total + 1 + i % 2; // alternate, so every change shows as a different number
        var clock = Stopwatch.StartNew();
        using var response = await staff.PutAsJsonAsync($"/api/shelters/{shelter}/beds/women", new { total = next, occupied });
        response.EnsureSuccessStatusCode();
        await board.Page.WaitForFunctionAsync(
            "([selector, value]) => document.querySelector(selector)?.textContent.trim() === value",
            new object[] { $"section[data-shelter='{shelter}'] tr[data-bed-type='women'] [data-count=total]", next.ToString(CultureInfo.InvariantCulture) },
            new() { Timeout = 60_000, PollingInterval = null });
        timings.Add(clock.Elapsed.TotalMilliseconds);
        Console.Write('.');
    }
    Console.WriteLine(" bed board done");
    return timings;
}

static async Task<string> IdOfAsync(HttpResponseMessage response)
{
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
        throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
    using var document = JsonDocument.Parse(text);
    return document.RootElement.GetProperty("id").GetString()!;
}

static void Print(string what, List<double> timings)
{
    var sorted = timings.Order().ToList();
    double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    Console.WriteLine($"{what,-48} {At(0.50),8:0.0} {At(0.90),8:0.0} {At(0.99),8:0.0} {sorted[^1],8:0.0}");
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ') is var parts ? $"{parts[0]} {parts[1]} {parts[2]}" : "";
