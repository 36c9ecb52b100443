using ReferralNet.Referrals;

namespace ReferralNet.Referrals.Tests.StatusChanges;

public sealed class Referral_lifecycle
{
    // The tables of DESIGN.md ("Referral lifecycle"), written out here on purpose rather than read
    // from ReferralLifecycle, so that a change to the engine's tables makes these tests fail.
    static readonly string[] Statuses =
        ["requested", "accepted", "rejected", "in-progress", "on-hold", "completed", "failed", "cancelled", "entered-in-error"];

    static readonly HashSet<string> SetByRequester = ["requested", "cancelled", "entered-in-error"];
    static readonly HashSet<string> SetByRecipient = ["accepted", "rejected", "in-progress", "on-hold", "completed", "failed"];

    static readonly Dictionary<string, string[]> Next = new()
    {
        ["requested"] = ["accepted", "rejected", "cancelled", "entered-in-error"],
        ["accepted"] = ["in-progress", "on-hold", "completed", "failed", "cancelled"],
        ["in-progress"] = ["on-hold", "completed", "failed", "cancelled"],
        ["on-hold"] = ["in-progress", "completed", "failed", "cancelled"],
    };

    /// <summary>A valid reason (and declinedBy) for each status that needs one.</summary>
    static (string? Reason, string? DeclinedBy) ValidReasonFor(string target) => target switch
    {
        "rejected" => ("no-capacity", "provider"),
        "cancelled" => ("no-longer-needed", null),
        "failed" => ("client-did-not-attend", null),
        "on-hold" => ("awaiting-documents", null),
        _ => (null, null),
    };

    /// <summary>The engine's status of one of the codes above.</summary>
    static ReferralStatus StatusOf(string code) => Codes.Parse<ReferralStatus>(code);

    static IReadOnlyList<string> Expected(string current, ReferralSide side) =>
        Next.GetValueOrDefault(current, [])
            .Where(s => (side == ReferralSide.Requester ? SetByRequester : SetByRecipient).Contains(s))
            .ToList();

    public static TheoryData<string, string, ReferralSide> EveryTransition()
    {
        var data = new TheoryData<string, string, ReferralSide>();
        foreach (var current in Statuses)
            foreach (var target in Statuses)
                foreach (var side in new[] { ReferralSide.Requester, ReferralSide.Recipient })
                    data.Add(current, target, side);
        return data;
    }

    public static TheoryData<string, ReferralSide> EveryStatusAndSide()
    {
        var data = new TheoryData<string, ReferralSide>();
        foreach (var current in Statuses)
            foreach (var side in new[] { ReferralSide.Requester, ReferralSide.Recipient })
                data.Add(current, side);
        return data;
    }

    [Fact]
    public void Tables_of_this_test_cover_every_status_exactly_once()
    {
        // Guards the hand-written tables above: every status is set by exactly one side.
        Assert.Equal(Statuses.Order(), SetByRequester.Concat(SetByRecipient).Order());
        Assert.Equal(9, Statuses.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(EveryTransition))]
    public void Allows_exactly_the_transitions_of_the_design_to_the_side_that_sets_them(string current, string target, ReferralSide side)
    {
        var allowed = Expected(current, side);
        var (reason, declinedBy) = ValidReasonFor(target);

        var error = ReferralLifecycle.Check(StatusOf(current), StatusOf(target), side, reason, declinedBy);

        if (allowed.Contains(target))
        {
            Assert.Null(error);
            return;
        }
        Assert.NotNull(error);
        Assert.Equal(TransitionProblem.NotNow, error.Problem);
        Assert.Contains($"'{current}'", error.Message);
        // The message names the current status, the target and the allowed next ones, and no other status.
        var named = Statuses.Where(s => error.Message.Contains(s, StringComparison.Ordinal)).Order();
        Assert.Equal(allowed.Append(current).Append(target).Distinct().Order(), named);
        if (allowed.Count == 0)
            Assert.Contains("none", error.Message);
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndSide))]
    public void Offers_each_side_exactly_its_next_statuses(string current, ReferralSide side) =>
        Assert.Equal(Expected(current, side).Order(), ReferralLifecycle.AllowedNext(StatusOf(current), side).Select(s => s.Code()).Order());

    [Theory]
    [InlineData("completed")]
    [InlineData("rejected")]
    [InlineData("failed")]
    [InlineData("cancelled")]
    [InlineData("entered-in-error")]
    public void Treats_the_end_statuses_as_final(string status) => Assert.True(ReferralLifecycle.IsFinal(StatusOf(status)));

    [Theory]
    [InlineData("requested")]
    [InlineData("accepted")]
    [InlineData("in-progress")]
    [InlineData("on-hold")]
    public void Does_not_treat_open_statuses_as_final(string status) => Assert.False(ReferralLifecycle.IsFinal(StatusOf(status)));

    [Theory]
    [InlineData("requested", "rejected", ReferralSide.Recipient, "provider")]
    [InlineData("requested", "cancelled", ReferralSide.Requester, null)]
    [InlineData("accepted", "cancelled", ReferralSide.Requester, null)]
    [InlineData("in-progress", "failed", ReferralSide.Recipient, null)]
    [InlineData("accepted", "on-hold", ReferralSide.Recipient, null)]
    [InlineData("in-progress", "on-hold", ReferralSide.Recipient, null)]
    public void Refuses_a_status_that_needs_a_reason_without_one(string current, string target, ReferralSide side, string? declinedBy)
    {
        foreach (var missing in new[] { null, "", "  " })
        {
            var error = ReferralLifecycle.Check(StatusOf(current), StatusOf(target), side, missing, declinedBy);
            Assert.NotNull(error);
            Assert.Equal(TransitionProblem.Invalid, error.Problem);
            Assert.Contains($"'{target}' needs a reason", error.Message);
        }
    }

    [Theory]
    [InlineData("requested", "cancelled", ReferralSide.Requester, "no-capacity")]
    [InlineData("accepted", "failed", ReferralSide.Recipient, "no-longer-needed")]
    [InlineData("accepted", "on-hold", ReferralSide.Recipient, "client-did-not-attend")]
    [InlineData("in-progress", "cancelled", ReferralSide.Requester, "Some free text about the client")]
    public void Refuses_a_reason_code_that_is_not_one_of_the_status(string current, string target, ReferralSide side, string reason)
    {
        var error = ReferralLifecycle.Check(StatusOf(current), StatusOf(target), side, reason, null);

        Assert.NotNull(error);
        Assert.Equal(TransitionProblem.Invalid, error.Problem);
        Assert.Contains($"is not a reason for '{target}'", error.Message);
    }

    [Theory]
    [InlineData("requested", "accepted", ReferralSide.Recipient)]
    [InlineData("accepted", "in-progress", ReferralSide.Recipient)]
    [InlineData("on-hold", "in-progress", ReferralSide.Recipient)]
    [InlineData("in-progress", "completed", ReferralSide.Recipient)]
    [InlineData("requested", "entered-in-error", ReferralSide.Requester)]
    public void Refuses_a_reason_on_a_status_that_takes_none(string current, string target, ReferralSide side)
    {
        var error = ReferralLifecycle.Check(StatusOf(current), StatusOf(target), side, "other", null);

        Assert.NotNull(error);
        Assert.Equal(TransitionProblem.Invalid, error.Problem);
        Assert.Contains($"'{target}' takes no reason", error.Message);
    }

    [Theory]
    [InlineData("provider", "no-capacity")]
    [InlineData("provider", "not-eligible")]
    [InlineData("provider", "cannot-be-reached")]
    [InlineData("provider", "other")]
    [InlineData("client", "client-declined")]
    public void Accepts_a_rejection_that_says_who_declined_with_a_matching_reason(string declinedBy, string reason) =>
        Assert.Null(ReferralLifecycle.Check(ReferralStatus.Requested, ReferralStatus.Rejected, ReferralSide.Recipient, reason, declinedBy));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("shelter")]
    [InlineData("Provider")]
    public void Refuses_a_rejection_that_does_not_say_who_declined(string? declinedBy)
    {
        var error = ReferralLifecycle.Check(ReferralStatus.Requested, ReferralStatus.Rejected, ReferralSide.Recipient, "no-capacity", declinedBy);

        Assert.NotNull(error);
        Assert.Equal(TransitionProblem.Invalid, error.Problem);
        Assert.Contains("declinedBy 'provider' or 'client'", error.Message);
    }

    [Theory]
    [InlineData("client", "no-capacity")]
    [InlineData("client", "other")]
    [InlineData("provider", "client-declined")]
    public void Refuses_a_rejection_whose_reason_does_not_match_who_declined(string declinedBy, string reason)
    {
        var error = ReferralLifecycle.Check(ReferralStatus.Requested, ReferralStatus.Rejected, ReferralSide.Recipient, reason, declinedBy);

        Assert.NotNull(error);
        Assert.Equal(TransitionProblem.Invalid, error.Problem);
        Assert.Contains($"the {declinedBy} declined", error.Message);
    }

    [Theory]
    [InlineData("requested", "accepted", ReferralSide.Recipient, null)]
    [InlineData("requested", "cancelled", ReferralSide.Requester, "no-longer-needed")]
    public void Refuses_declined_by_on_any_status_but_rejected(string current, string target, ReferralSide side, string? reason)
    {
        var error = ReferralLifecycle.Check(StatusOf(current), StatusOf(target), side, reason, "client");

        Assert.NotNull(error);
        Assert.Equal(TransitionProblem.Invalid, error.Problem);
        Assert.Contains("declinedBy goes only with status 'rejected'", error.Message);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("Accepted")]
    [InlineData("")]
    [InlineData("draft")]
    public void Calls_an_unknown_target_status_invalid(string target)
    {
        var error = ReferralLifecycle.ParseTarget(target, out _);

        Assert.NotNull(error);
        Assert.Equal(TransitionProblem.Invalid, error.Problem);
        Assert.Contains($"'{target}' is not a referral status", error.Message);
    }
}
