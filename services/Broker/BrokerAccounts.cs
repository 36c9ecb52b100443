using System.Text.RegularExpressions;

namespace ReferralNet.Broker;

/// <summary>
/// Every account the network's brokers have, and nothing else (no <c>guest</c>): one per service,
/// one for the portal and one for the operator. Each service may declare, read and write only
/// names that start with its own prefix (<c>legalaid-…</c>: its queues, their <c>_error</c> and
/// <c>_skipped</c> copies, its temporary bus queue, and the exchanges it sends referrals through),
/// bind its referral queue to the exchanges the other services send it referrals through, and
/// publish or read the two bed events it takes part in. No service can read, bind to or declare
/// another service's queues.
/// </summary>
/// <remarks>
/// RabbitMQ's patterns match queues and exchanges by name alike, so a sender must never need the
/// configure permission on the receiver's queue name (it could delete the queue). That is why a
/// referral goes to an exchange named after the sender and the receiver
/// (<see cref="ReferralExchange"/>, e.g. <c>legalaid-to-shelter-referrals</c>): the sender declares
/// it and writes to it under its own prefix, and the receiver binds it to its own queue.
/// </remarks>
public static class BrokerAccounts
{
    /// <summary>The user name of the partner portal.</summary>
    public const string PortalName = "portal";

    /// <summary>The user name of the network operator (management UI, <c>deploy/errors.sh</c>).</summary>
    public const string OperatorName = "operator";

    /// <summary>The services that exchange referrals, by short name (their broker user names).</summary>
    public static readonly IReadOnlyList<string> Services = ["shelter", "legalaid", "medical", "vocational"];

    /// <summary>The bed events' exchanges, as MassTransit names them after the message types.</summary>
    const string BedAvailabilityChanged = @"ReferralNet\.Contracts\.Beds:BedAvailabilityChanged";
    const string BedBoardRefreshRequested = @"ReferralNet\.Contracts\.Beds:BedBoardRefreshRequested";

    /// <summary>The services, the portal and the operator.</summary>
    public static IReadOnlyList<BrokerAccount> All { get; } = [.. Services.Select(ForService), Portal(), Operator()];

    /// <summary>The exchange <paramref name="sender"/> sends everything about a referral to <paramref name="receiver"/> through.</summary>
    public static string ReferralExchange(string sender, string receiver) => $"{sender}-to-{receiver}-referrals";

    /// <summary>The account of one service.</summary>
    public static BrokerAccount Service(string service) =>
        Services.Contains(service) ? ForService(service)
            : throw new ArgumentException($"there is no service '{service}'; use one of: {string.Join(", ", Services)}", nameof(service));

    /// <summary>The account of that name.</summary>
    public static BrokerAccount Named(string name) =>
        All.FirstOrDefault(a => a.Name == name)
            ?? throw new ArgumentException($"there is no broker account '{name}'; use one of: {string.Join(", ", All.Select(a => a.Name))}", nameof(name));

    /// <summary>How many messages one <c>_error</c> or <c>_skipped</c> queue keeps (the oldest go first).</summary>
    public const int FailedMessageLimit = 10_000;

    /// <summary>How long a message stays in an <c>_error</c> or <c>_skipped</c> queue (declared before <see cref="Policies"/>, which reads it as it is initialised).</summary>
    public static readonly TimeSpan FailedMessageTtl = TimeSpan.FromDays(7);

    /// <summary>
    /// Length and age limits for the queues of failed (<c>_error</c>) and unconsumed
    /// (<c>_skipped</c>) messages: they may hold consented personal data, so they must not keep it
    /// for ever nor grow without bound. The longest messages stay there is <see cref="FailedMessageTtl"/>.
    /// </summary>
    public static IReadOnlyList<BrokerPolicy> Policies { get; } =
    [
        new("referralnet-failed-messages", @"_(error|skipped)$", "queues", 10, new Dictionary<string, long>
        {
            ["max-length"] = FailedMessageLimit,
            ["message-ttl"] = (long)FailedMessageTtl.TotalMilliseconds,
        }),
    ];

    static BrokerAccount ForService(string service)
    {
        var own = $"^{Regex.Escape(service)}-";
        var incoming = $"^({string.Join('|', Services.Select(Regex.Escape))})-to-{Regex.Escape(service)}-referrals$";
        // Shelter publishes bed counts and answers refresh requests; the others read the counts
        // into their bed boards and ask for a refresh when they start.
        var (publishes, reads) = service == "shelter"
            ? (BedAvailabilityChanged, BedBoardRefreshRequested)
            : (BedBoardRefreshRequested, BedAvailabilityChanged);
        return new BrokerAccount(
            service,
            Configure: $"{own}|{incoming}|^({BedAvailabilityChanged}|{BedBoardRefreshRequested})$",
            Write: $"{own}|^{publishes}$",
            Read: $"{own}|{incoming}|^{reads}$",
            Tags: []);
    }

    // The portal only reads bed changes, on its own queue.
    static BrokerAccount Portal() => new(
        PortalName,
        Configure: $"^portal-|^{BedAvailabilityChanged}$",
        Write: "^portal-",
        Read: $"^portal-|^{BedAvailabilityChanged}$",
        Tags: []);

    // The operator reads and removes failed messages and puts them back on the queue they failed on
    // through the default exchange, keeping the original sender's validated user_id (impersonator).
    // The management UI and API open for it alone (administrator).
    static BrokerAccount Operator() => new(
        OperatorName,
        Configure: "^$",
        Write: @"^amq\.default$",
        Read: @"_error$",
        Tags: ["administrator", "impersonator"]);
}
