namespace ReferralNet.Referrals.Tests.StatusChanges;

/// <summary>When an unanswered referral is overdue, on both sides.</summary>
public sealed class Overdue_referrals : EngineOnSqlite
{
    [Theory]
    [InlineData("asap", 2)]
    [InlineData("urgent", 24)]
    [InlineData("routine", 120)]
    public async Task Marks_an_unanswered_referral_overdue_on_both_sides_after_its_deadline(string priority, int hours)
    {
        var survivor = await RegisterAsync();
        var sentAt = clock.GetUtcNow();
        var sent = (await SendAsync(survivor.Id, priority: priority)).Value!;
        await DeliverReferralAsync(sent.Id);
        Assert.Equal(sentAt.AddHours(hours), sent.DueAt);

        clock.SetUtcNow(sentAt.AddHours(hours).AddMinutes(-1));
        Assert.False((await SentAsync(sent.Id)).ToView(clock.GetUtcNow()).Overdue);
        Assert.False((await ReceivedAsync(sent.Id)).ToView(clock.GetUtcNow()).Overdue);

        clock.SetUtcNow(sentAt.AddHours(hours).AddMinutes(1));
        Assert.True((await SentAsync(sent.Id)).ToView(clock.GetUtcNow()).Overdue);
        Assert.True((await ReceivedAsync(sent.Id)).ToView(clock.GetUtcNow()).Overdue);
    }

    [Fact]
    public async Task Does_not_mark_an_accepted_referral_overdue()
    {
        var survivor = await RegisterAsync();
        var sent = (await SendAsync(survivor.Id, priority: "asap")).Value!;
        await DeliverReferralAsync(sent.Id);
        clock.Advance(TimeSpan.FromMinutes(30));
        await Changing(e => e.ChangeStatusAsync(Recipient, sent.Id, new StatusChangeRequest("accepted"), default));
        await DeliverAsync<ReferralStatusChangedConsumer>(async e => await e.ApplyRemoteStatusAsync((await LastMessageAsync<ReferralStatusChanged>()), default));

        clock.Advance(TimeSpan.FromDays(3));

        Assert.False((await SentAsync(sent.Id)).ToView(clock.GetUtcNow()).Overdue);
        Assert.False((await ReceivedAsync(sent.Id)).ToView(clock.GetUtcNow()).Overdue);
    }
}
