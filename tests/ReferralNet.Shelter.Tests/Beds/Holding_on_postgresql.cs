using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Shelter.Tests.Referrals;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Beds;

/// <summary>
/// The hold share on PostgreSQL, where transactions really run side by side (SQLite has one
/// writer): fifty racing holds of one partner still give it exactly its share, because each hold
/// bumps the bed type's row version in the transaction that counts the holds.
/// </summary>
public sealed class Holding_on_postgresql(BrokerFixture broker) : IAsyncLifetime
{
    const int Racers = 50;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    PostgresServer _postgres = null!;

    public async ValueTask InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public ValueTask DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task Fifty_holds_at_once_by_one_partner_give_it_exactly_its_share()
    {
        await using var shelter = await RunningShelter.StartAsync(broker, settings: new Dictionary<string, string?>
        {
            ["ReferralNet:PostgresConnectionString"] = _postgres.ConnectionString("shelter_" + Guid.NewGuid().ToString("N")[..8]),
        });
        Assert.True(await shelter.ReadDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql())));
        var referrals = new BedReferrals(shelter);
        // 16 free: one after another justice-bridge could hold 3 (at 13 free its share is 3).
        var put = await shelter.ClientFor(ApiKeys.RiversideRefuge).PutAsJsonAsync("/api/shelters/riverside-refuge/beds/men", new { total = 16, occupied = 0 }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var ids = new List<string>();
        for (var i = 0; i < Racers; i++)
            ids.Add(await referrals.ArriveAsync("riverside-refuge", "men"));

        var outcomes = await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                await referrals.HoldBedAsync(ApiKeys.JusticeBridge, "riverside-refuge", "men", id);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));

        Assert.Equal(3, outcomes.Count(s => s == StatusCode.OK));
        Assert.Equal(Racers - 3, outcomes.Count(s => s == StatusCode.FailedPrecondition));
        Assert.Equal(13, (await referrals.CountAsync("riverside-refuge", "men")).Free);
    }
}
