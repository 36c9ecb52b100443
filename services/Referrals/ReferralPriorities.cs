namespace ReferralNet.Referrals;

/// <summary>Priorities and how long the recipient has to accept or reject.</summary>
public static class ReferralPriorities
{
    public const string Routine = "routine";
    public const string Urgent = "urgent";
    public const string Asap = "asap";

    public static readonly IReadOnlyList<string> All = [Routine, Urgent, Asap];

    /// <summary>The answer deadline: asap 2 h, urgent 24 h, routine 5 days.</summary>
    public static TimeSpan Deadline(string priority) => priority switch
    {
        Asap => TimeSpan.FromHours(2),
        Urgent => TimeSpan.FromHours(24),
        _ => TimeSpan.FromDays(5),
    };
}
