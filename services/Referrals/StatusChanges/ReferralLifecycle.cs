using static ReferralNet.Contracts.Referrals.ReferralStatuses;

namespace ReferralNet.Referrals.StatusChanges;

/// <summary>
/// The referral state machine of DESIGN.md: which status may follow which, which side may set it,
/// and which reason codes each status takes. Nothing else is allowed.
/// </summary>
public static class ReferralLifecycle
{
    static readonly Dictionary<string, string[]> Next = new()
    {
        [Requested] = [Accepted, Rejected, Cancelled, EnteredInError],
        [Accepted] = [InProgress, OnHold, Completed, Failed, Cancelled],
        [InProgress] = [OnHold, Completed, Failed, Cancelled],
        [OnHold] = [InProgress, Completed, Failed, Cancelled],
    };

    static readonly Dictionary<string, ReferralSide> SetBy = new()
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
    public static bool IsFinal(string status) => !Next.ContainsKey(status);

    /// <summary>The statuses this side may move a referral to from <paramref name="current"/>.</summary>
    public static IReadOnlyList<string> AllowedNext(string current, ReferralSide side) =>
        Next.TryGetValue(current, out var next) ? next.Where(s => SetBy[s] == side).ToList() : [];

    /// <summary>What is wrong with moving from <paramref name="current"/> to <paramref name="target"/>, or null.</summary>
    public static TransitionError? Check(string current, string target, ReferralSide side, string? reason, string? declinedBy)
    {
        if (!ReferralStatuses.All.Contains(target))
            return new(TransitionProblem.Invalid, $"'{target}' is not a referral status; use one of: {string.Join(", ", ReferralStatuses.All)}");

        var allowed = AllowedNext(current, side);
        if (!allowed.Contains(target))
        {
            var who = side == ReferralSide.Requester ? "the sender" : "the recipient";
            var options = allowed.Count == 0 ? "none" : string.Join(", ", allowed);
            return new(TransitionProblem.NotNow, $"the referral is '{current}': {who} cannot move it to '{target}'; allowed next: {options}");
        }

        if (ReasonCodes.ByStatus.TryGetValue(target, out var codes))
        {
            if (string.IsNullOrWhiteSpace(reason))
                return new(TransitionProblem.Invalid, $"'{target}' needs a reason: one of {string.Join(", ", codes)}");
            if (!codes.Contains(reason))
                return new(TransitionProblem.Invalid, $"'{reason}' is not a reason for '{target}'; use one of: {string.Join(", ", codes)}");
        }
        else if (!string.IsNullOrWhiteSpace(reason))
        {
            return new(TransitionProblem.Invalid, $"'{target}' takes no reason; send none");
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
