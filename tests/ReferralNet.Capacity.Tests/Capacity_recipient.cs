using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Capacity;
using ReferralNet.Referrals;
using ReferralNet.LegalAid.Data;

namespace ReferralNet.Capacity.Tests;

/// <summary>
/// The shared <see cref="CapacityRecipient"/> called directly, as the engine calls it, in the
/// LegalAid service (the other services run the same code).
/// </summary>
public sealed class Capacity_recipient(RunningService<LegalAidDbContext> service) : IClassFixture<RunningService<LegalAidDbContext>>
{
    const string Provider = "justice-bridge";
    const string Service = "legal:labour-civil";

    static Task<Referral> LoadAsync(IServiceProvider services, string id) =>
        services.GetRequiredService<LegalAidDbContext>().Set<Referral>().SingleAsync(r => r.OrganisationId == Provider && r.Id == id);

    [Fact]
    public async Task Is_the_recipient_the_service_registered()
    {
        var recipient = await service.InScopeAsync(services => Task.FromResult(services.GetRequiredService<IReferralRecipient>()));

        Assert.IsType<CapacityRecipient>(recipient);
    }

    [Fact]
    public async Task Gives_a_unit_back_only_once_however_often_the_referral_is_closed()
    {
        await service.SetCountsAsync(Provider, Service, total: 5, inUse: 1);
        var referral = await service.ReceiveReferralAsync("harbour-house", Provider, Service);
        Assert.Equal(HttpStatusCode.OK, (await service.SetStatusAsync(ApiKeys.JusticeBridge, referral, "accepted")).StatusCode);
        Assert.Equal(2, (await service.OfferingAsync(Provider, Service)).InUse);

        for (var i = 0; i < 3; i++)
        {
            await service.InScopeAsync(async services =>
            {
                var loaded = await LoadAsync(services, referral);
                loaded.Status = ReferralStatus.Cancelled;
                await services.GetRequiredService<IReferralRecipient>().ClosedAsync(loaded, ReferralStatus.Accepted, CancellationToken.None);
                return await services.GetRequiredService<LegalAidDbContext>().SaveChangesAsync();
            });
        }

        Assert.Equal(1, (await service.OfferingAsync(Provider, Service)).InUse);
        Assert.Equal("cancelled", (await service.TakingAsync(Provider, referral))!.ClosedAs);
    }

    [Fact]
    public async Task A_unit_taken_for_an_acceptance_whose_save_fails_is_not_lost()
    {
        await service.SetCountsAsync(Provider, Service, total: 5, inUse: 1);
        var before = await service.OfferingAsync(Provider, Service);
        var referral = await service.ReceiveReferralAsync("harbour-house", Provider, Service);

        await Assert.ThrowsAsync<DbUpdateException>(() => service.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LegalAidDbContext>();
            var loaded = await LoadAsync(services, referral);
            Assert.Null(await services.GetRequiredService<IReferralRecipient>().AcceptingAsync(loaded, CancellationToken.None));
            loaded.Status = ReferralStatus.Accepted;
            // Something else in the same save fails: here, a duplicate of another offering (the
            // recipient tracks this one).
            db.Set<Offering>().Add(new Offering { OrganisationId = Provider, Service = "legal:t-visa", Name = "duplicate" });
            return await db.SaveChangesAsync();
        }));

        var after = await service.OfferingAsync(Provider, Service);
        Assert.Equal((1, before.Version), (after.InUse, after.Version));
        Assert.Null(await service.TakingAsync(Provider, referral));
        // And the database is not left locked: the referral can still be accepted.
        Assert.Equal(HttpStatusCode.OK, (await service.SetStatusAsync(ApiKeys.JusticeBridge, referral, "accepted")).StatusCode);
        Assert.Equal(2, (await service.OfferingAsync(Provider, Service)).InUse);
    }

    [Fact]
    public async Task Refuses_a_service_the_organisation_has_no_capacity_recorded_for()
    {
        var referral = new Referral { OrganisationId = Provider, Id = "rf-no-offering", Service = "legal:asylum", Side = ReferralSide.Recipient };

        var refusal = await service.InScopeAsync(services =>
            services.GetRequiredService<IReferralRecipient>().AcceptingAsync(referral, CancellationToken.None));

        Assert.Equal("'justice-bridge' has no attorney capacity recorded for 'legal:asylum': reject the referral with reason 'no-capacity', or ask an administrator to add the offering", refusal);
    }
}
