using ReferralNet.Contracts.Api;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Referrals.Tests.Survivors;

/// <summary>The lists the portal shows a caseworker: only the organisation's own survivors and consents.</summary>
public sealed class Survivor_and_consent_lists : EngineOnSqlite
{
    [Fact]
    public async Task Lists_only_the_organisations_own_survivors_oldest_first()
    {
        var older = await RegisterAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await RegisterAsync();
        await Survivors(e => e.RegisterSurvivorAsync(Bystander, new SurvivorRegistration(GivenName: "Not theirs"), default));

        var (listed, next) = await Survivors(e => e.SurvivorsOfAsync(Sender, PageRequest.First, default));

        Assert.Equal([older.Id, newer.Id], listed.Select(s => s.Id));
        Assert.Null(next);
    }

    [Fact]
    public async Task Lists_a_survivors_consents_with_each_recipients_purge_state_and_nothing_for_another_organisation()
    {
        var survivor = await RegisterAsync();
        var first = await ConsentAsync(survivor.Id, Recipient, "identity");
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await ConsentAsync(survivor.Id, "st-mary-clinic", "health");
        await SendAsync(survivor.Id, share: ["identity"]);
        await Revocation(e => e.RevokeAsync(Sender, first.Id, "survivor-request", default));

        var page = await Consents(e => e.ConsentsOfAsync(Sender, survivor.Id, PageRequest.First, default));

        Assert.NotNull(page);
        var consents = page.Value.Items;
        Assert.Equal([first.Id, second.Id], consents.Select(c => c.Id));
        Assert.Equal(("revoked", "active"), (consents[0].Status, consents[1].Status));
        var holder = Assert.Single(consents[0].Recipients);
        Assert.Equal((Recipient, false), (holder.OrganisationId, holder.PurgeConfirmed));
        Assert.Empty(consents[1].Recipients);
        Assert.Null(await Consents(e => e.ConsentsOfAsync(Bystander, survivor.Id, PageRequest.First, default)));
    }

    [Fact]
    public async Task Pages_the_survivors_by_registration_time_and_id_without_repeating_or_skipping_one()
    {
        var registered = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            registered.Add((await RegisterAsync()).Id);
            // Two at the same instant: the id breaks the tie.
            if (i % 2 == 1) clock.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<string>();
        IReadOnlyList<string>? after = null;
        var pages = 0;
        do
        {
            var (items, next) = await Survivors(e => e.SurvivorsOfAsync(Sender, new PageRequest(3, after, null), default));
            Assert.True(items.Count <= 3, $"a page of limit 3 held {items.Count}");
            seen.AddRange(items.Select(s => s.Id));
            after = next is null ? null : Cursor(next);
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(registered.Count, seen.Count);
        Assert.Equal(registered.ToHashSet(), seen.ToHashSet());
    }

    [Fact]
    public async Task Since_keeps_only_the_survivors_registered_at_or_after_that_time()
    {
        await RegisterAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        var from = clock.GetUtcNow();
        var later = await RegisterAsync();

        var (items, _) = await Survivors(e => e.SurvivorsOfAsync(Sender, new PageRequest(Paging.DefaultLimit, null, from), default));

        Assert.Equal([later.Id], items.Select(s => s.Id));
    }

    // The cursor is opaque to callers; the test reads it back the way the endpoint does.
    static IReadOnlyList<string> Cursor(string next) =>
        System.Text.Json.JsonSerializer.Deserialize<string[]>(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(next))!;
}
