using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace ReferralNet.Faults;

/// <summary>
/// Malformed and poison messages put straight into every queue of the four services: exactly that
/// many must end in the queue's <c>_error</c> queue (a type nobody consumes there: in its
/// <c>_skipped</c> queue, which is where MassTransit puts those), every service keeps running, and
/// referrals keep flowing at (in the full form) 90 % or more of their rate without poison.
/// </summary>
static class PoisonScenario
{
    const string Name = "poison";
    const string EnvelopeType = "application/vnd.masstransit+json";
    const double ThroughputTarget = 0.9;
    static readonly string[] Services = ["Shelter", ReferralRun.SenderService, ReferralRun.RecipientService, "Vocational"];
    static readonly string[] Prefixes = ["shelter-", "legalaid-", "medical-", "vocational-"];

    /// <summary>One kind of poison: its content type and body for a queue, and whether it ends in _error (else _skipped).</summary>
    sealed record Poison(string Kind, string ContentType, Func<string, string?> BodyFor, bool ToError);

    static readonly Poison[] Kinds =
    [
        new("not JSON", EnvelopeType, _ => "this is not json {", ToError: true),
        new("unknown content type", "application/x-unknown", _ => "\u0001\u0002binary", ToError: true),
        new("fields of the wrong type", EnvelopeType, WrongFields, ToError: true),
        new("well-formed referral to an unknown organisation", EnvelopeType, UnknownRecipient, ToError: true),
        new("a message type nobody consumes here", EnvelopeType, _ => Envelope("urn:message:ReferralNet.Contracts.Faults:NoSuchMessage", new { nothing = true }), ToError: false),
    ];

    public static Task<ScenarioResult> RunAsync(ScenarioContext context) =>
        ReferralRun.WithNetworkAsync(context, Services, cluster: false, settings: null, async run =>
        {
            var n = context.Scale.ThroughputReferrals;
            // Both services compile their hot paths on first use: that must not count as "without poison".
            context.Log($"warm-up: {n / 5} referrals");
            await TimeReferralsAsync(run, n / 5);
            context.Log($"baseline: {n} referrals without poison");
            var baseline = await TimeReferralsAsync(run, n);

            var queues = (await run.Network.QueuesAsync())
                .Where(q => Prefixes.Any(p => q.Name.StartsWith(p, StringComparison.Ordinal)) && !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal))
                .Select(q => q.Name).Order().ToList();
            var expected = new Dictionary<string, long>();
            var injections = new List<(string Queue, Poison Poison, string Body)>();
            foreach (var queue in queues)
            {
                foreach (var poison in Kinds)
                {
                    if (poison.BodyFor(queue) is not { } body)
                        continue; // no well-typed body for what this queue consumes
                    var target = queue + (poison.ToError ? "_error" : "_skipped");
                    expected[target] = expected.GetValueOrDefault(target) + context.Scale.PoisonPerKind;
                    for (var i = 0; i < context.Scale.PoisonPerKind; i++)
                        injections.Add((queue, poison, body));
                }
            }
            context.Log($"poison: {injections.Count} messages into {queues.Count} queues ({string.Join(", ", queues)}), while {n} more referrals are sent");

            var inject = InjectAsync(run.Network.ConnectionString, injections, context.Ct);
            var withPoison = await TimeReferralsAsync(run, n);
            await inject;

            foreach (var service in run.Network.Services)
            {
                if (service.HasExited)
                    run.Failures.Add($"{service.Name} stopped after the poison: {service.DescribeErrors()}");
                else
                    await service.WaitUntilHealthyAsync(context.Ct);
            }
            run.Figures["poison messages"] = injections.Count;
            run.Figures["queues poisoned"] = queues.Count;
            if (baseline is { } b && withPoison is { } p)
            {
                run.Figures["referrals/s without poison"] = Math.Round(n / b.TotalSeconds, 1);
                run.Figures["referrals/s with poison"] = Math.Round(n / p.TotalSeconds, 1);
                var ratio = b.TotalSeconds / p.TotalSeconds;
                run.Figures["throughput with poison %"] = Math.Round(100 * ratio, 1);
                if (ratio < ThroughputTarget)
                {
                    var note = $"throughput with poison was {100 * ratio:0} % of normal (target {100 * ThroughputTarget:0} %)";
                    (context.Scale.EnforceTargets ? run.Failures : run.Findings).Add(note);
                }
            }
            run.LoadEnded();
            run.Healed();
            return await run.FinishAsync(Name, Scenarios.All.Single(s => s.Name == Name).Fault, expected);
        });

    /// <summary>Sends <paramref name="count"/> referrals and times them until every receipt is back at the sender.</summary>
    static async Task<TimeSpan?> TimeReferralsAsync(ReferralRun run, int count)
    {
        var start = run.Now;
        var load = run.StartLoad(count);
        await load.Completion;
        return await run.WaitForReceiptsAsync(load.Accepted, start);
    }

    static async Task InjectAsync(string connectionString, IReadOnlyList<(string Queue, Poison Poison, string Body)> injections, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        foreach (var (queue, poison, body) in injections)
        {
            var properties = new BasicProperties { ContentType = poison.ContentType, MessageId = Guid.NewGuid().ToString(), Persistent = true };
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body), ct);
        }
    }

    static string Envelope(string messageType, object message) =>
        JsonSerializer.Serialize(new { messageId = Guid.NewGuid(), messageType = new[] { messageType }, message });

    /// <summary>What a queue consumes, with a field of the wrong type; null for a queue whose message type is not known here.</summary>
    static string? WrongFields(string queue) =>
        queue.EndsWith("-referrals", StringComparison.Ordinal)
            ? Envelope("urn:message:ReferralNet.Contracts.Referrals:ReferralRequested", new { referralId = new[] { 1, 2, 3 }, needs = "none" })
            : queue.EndsWith("-bed-availability-changed", StringComparison.Ordinal)
                ? Envelope("urn:message:ReferralNet.Contracts.Beds:BedAvailabilityChanged", new { shelterId = new[] { 1, 2, 3 }, total = "many" })
                : null;

    /// <summary>A well-formed referral the recipient's engine must refuse (retried, then _error); only for referral queues.</summary>
    static string? UnknownRecipient(string queue)
    {
        if (!queue.EndsWith("-referrals", StringComparison.Ordinal))
            return null;
        var now = DateTimeOffset.UtcNow;
        return Envelope("urn:message:ReferralNet.Contracts.Referrals:ReferralRequested", new
        {
            // Well-formed down to the id's shape, so that only the unknown recipient makes it fail.
            referralId = "rf-" + Guid.NewGuid().ToString("N")[..16],
            fromOrganisationId = "justice-bridge",
            toOrganisationId = "no-such-organisation",
            service = "medical:trauma-care",
            priority = "routine",
            needs = new { languages = new[] { "en" }, dependants = 0, accessibilityNeeded = false },
            contactingSubjectProhibited = false,
            requestedAt = now,
            dueAt = now.AddDays(5),
            sharedCategories = Array.Empty<string>(),
        });
    }
}
