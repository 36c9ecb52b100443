using static ReferralNet.Referrals.ReferralStatus;

namespace ReferralNet.Referrals.StatusChanges;

/// <summary>
/// The referral state machine of DESIGN.md: which status may follow which, which side may set it,
/// and which reason codes each status takes. Nothing else is allowed.
/// </summary>
public static class ReferralLifecycle
{
    static readonly Dictionary<ReferralStatus, ReferralStatus[]> Next = new()
    {
        [Requested] = [Accepted, Rejected, Cancelled, EnteredInError],
        [Accepted] = [InProgress, OnHold, Completed, Failed, Cancelled],
        [InProgress] = [OnHold, Completed, Failed, Cancelled],
        [OnHold] = [InProgress, Completed, Failed, Cancelled],
    };

    static readonly Dictionary<ReferralStatus, ReferralSide> SetBy = new()
    {
        [Requested] = ReferralSide.Requester,
        [Cancelled] = ReferralSide.Requester,
        [EnteredInError] = ReferralSide.Requester,
        [Accepted] = ReferralSide.Recipient,
        [Rejected] = ReferralSide.Recipient,
        [InProgress] = ReferralSide.Recipient,
        [OnHold] = ReferralSide.Recipient,
        [Completed] = ReferralSide.Recipient,
        [Failed] = ReferralSide.Recipient,
    };

    /// <summary>Statuses after which nothing more happens.</summary>
    public static bool IsFinal(ReferralStatus status) => !Next.ContainsKey(status);

    /// <summary>The statuses this side may move a referral to from <paramref name="current"/>.</summary>
    public static IReadOnlyList<ReferralStatus> AllowedNext(ReferralStatus current, ReferralSide side) =>
        Next.TryGetValue(current, out var next) ? next.Where(s => SetBy[s] == side).ToList() : [];

    /// <summary>The message for a code that names no status: it lists the ones there are.</summary>
    public static string NotAStatus(string? code) =>
        $"'{code}' is not a referral status; use one of: {string.Join(", ", Codes.All<ReferralStatus>())}";

    /// <summary>The status a requested code names, or the error that says which codes there are.</summary>
    public static TransitionError? ParseTarget(string? code, out ReferralStatus target) =>
        Codes.TryParse(code, out target) ? null : new(TransitionProblem.Invalid, NotAStatus(code));

    /// <summary>What is wrong with moving from <paramref name="current"/> to <paramref name="target"/>, or null.</summary>
    public static TransitionError? Check(ReferralStatus current, ReferralStatus target, ReferralSide side, string? reason, string? declinedBy)
    {
        var allowed = AllowedNext(current, side);
        if (!allowed.Contains(target))
        {
            var who = side == ReferralSide.Requester ? "the sender" : "the recipient";
            var options = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Select(s => s.Code()));
            return new(TransitionProblem.NotNow, $"the referral is '{current.Code()}': {who} cannot move it to '{target.Code()}'; allowed next: {options}");
        }

        if (ReasonCodes.ByStatus.TryGetValue(target.Code(), out var codes))
        {
            if (string.IsNullOrWhiteSpace(reason))
                return new(TransitionProblem.Invalid, $"'{target.Code()}' needs a reason: one of {string.Join(", ", codes)}");
            if (!codes.Contains(reason))
                return new(TransitionProblem.Invalid, $"'{reason}' is not a reason for '{target.Code()}'; use one of: {string.Join(", ", codes)}");
        }
        else if (!string.IsNullOrWhiteSpace(reason))
        {
            return new(TransitionProblem.Invalid, $"'{target.Code()}' takes no reason; send none");
        }

        if (target == Rejected)
        {
            if (declinedBy is not ("provider" or "client"))
                return new(TransitionProblem.Invalid, "a rejection must say who declined: declinedBy 'provider' or 'client'");
            if (declinedBy == "client" && reason != "client-declined")
                return new(TransitionProblem.Invalid, "when the client declined, the reason is 'client-declined'");
            if (declinedBy == "provider" && !ReasonCodes.ProviderDeclines.Contains(reason))
                return new(TransitionProblem.Invalid, $"when the provider declined, the reason is one of: {string.Join(", ", ReasonCodes.ProviderDeclines)}");
        }
        else if (declinedBy is not null)
        {
            return new(TransitionProblem.Invalid, "declinedBy goes only with status 'rejected'");
        }
        return null;
    }
}

/// <summary>Why a transition is refused: bad input (400) or not possible in the current status (409).</summary>
public enum TransitionProblem
{
    Invalid,
    NotNow,
}

/// <summary>A refused transition and what to do about it.</summary>
public sealed record TransitionError(TransitionProblem Problem, string Message);
