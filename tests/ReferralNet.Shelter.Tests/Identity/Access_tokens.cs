using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using ReferralNet.Contracts.Api;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Shelter.Data;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Identity;

public sealed class Access_tokens(ShelterWithTokens fixture, BrokerFixture broker) : IClassFixture<ShelterWithTokens>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string Staff = "sf-00000000000000a1";

    TestAuthority Authority => fixture.Authority;

    TokenSpec Valid => new(ShelterWithTokens.Audience, "harbour-house", "shelter", Staff, ["intake"]);

    public static TheoryData<string> Spoilt => ["expired", "signed by another key", "for another service", "from another issuer", "not an access token", "for an unknown organisation", "of an organisation of another kind", "without a staff id from another client"];

    string Token(string how) => Authority.Mint(how switch
    {
        "valid" => Valid,
        "expired" => Valid with { ExpiredAgo = TimeSpan.FromMinutes(2) },
        "signed by another key" => Valid with { SignedByStranger = true },
        "for another service" => Valid with { Audience = "legalaid" },
        "from another issuer" => Valid with { Issuer = "http://127.0.0.1:1/" },
        "not an access token" => Valid with { Type = "JWT" },
        "for an unknown organisation" => Valid with { OrganisationId = "nowhere" },
        "of an organisation of another kind" => Valid with { Kind = "legal-aid" },
        "without a staff id from another client" => Valid with { StaffId = null, ClientId = "safe-haven" },
        _ => throw new ArgumentOutOfRangeException(nameof(how)),
    });

    [Fact]
    public async Task A_valid_token_is_accepted_on_rest_and_grpc()
    {
        var token = Token("valid");

        Assert.Equal("ok", await Outcome.Of(fixture.ClientWith(token).GetAsync("/api/shelters/riverside-refuge/beds", Ct)));
        Assert.Equal("ok", await Outcome.Of(fixture.Shelter.Lookup.FindBedsAsync(new FindBedsRequest(), ShelterWithTokens.GrpcWith(token))));
    }

    [Theory]
    [MemberData(nameof(Spoilt))]
    public async Task A_token_that_is_refused_on_rest_with_401(string how)
    {
        var response = await fixture.ClientWith(Token(how)).GetAsync("/api/shelters/riverside-refuge/beds", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.First().Scheme);
    }

    [Theory]
    [MemberData(nameof(Spoilt))]
    public async Task A_token_that_is_refused_on_grpc_as_unauthenticated(string how)
    {
        var outcome = await Outcome.Of(fixture.Shelter.Lookup.FindBedsAsync(new FindBedsRequest(), ShelterWithTokens.GrpcWith(Token(how))));

        Assert.Equal("401", outcome);
    }

    [Fact]
    public async Task A_token_that_expired_within_the_15_second_clock_skew_is_still_accepted_and_one_past_it_is_not()
    {
        var justExpired = Authority.Mint(Valid with { ExpiredAgo = TimeSpan.FromSeconds(5) });
        var longExpired = Authority.Mint(Valid with { ExpiredAgo = TimeSpan.FromSeconds(25) });

        Assert.Equal("ok", await Outcome.Of(fixture.ClientWith(justExpired).GetAsync("/api/shelters/riverside-refuge/beds", Ct)));
        Assert.Equal("401", await Outcome.Of(fixture.ClientWith(longExpired).GetAsync("/api/shelters/riverside-refuge/beds", Ct)));
    }

    [Fact]
    public async Task A_client_credentials_token_acts_for_its_organisation_in_the_roles_its_kind_implies()
    {
        var token = Authority.ClientToken(ShelterWithTokens.Audience, "harbour-house", "shelter");
        using var client = fixture.ClientWith(token);

        // shelter-staff: its own beds; caseworker: survivors; intake: the received side.
        Assert.Equal("ok", await Outcome.Of(client.PutAsJsonAsync("/api/shelters/harbour-house-annex/beds/men", new { total = 5, occupied = 1 }, Ct)));
        Assert.Equal("ok", await Outcome.Of(client.GetAsync("/api/survivors", Ct)));
        Assert.Equal("ok", await Outcome.Of(client.GetAsync("/api/referrals?direction=received", Ct)));
        // Never the operator's API.
        Assert.Equal("403", await Outcome.Of(client.GetAsync("/api/operations/referrals", Ct)));
    }

    [Fact]
    public async Task A_role_claim_in_a_client_credentials_token_grants_nothing_beyond_its_kind()
    {
        var token = Authority.Mint(new TokenSpec(ShelterWithTokens.Audience, "harbour-house", "shelter", StaffId: null, Roles: ["operator"], ClientId: "harbour-house"));

        Assert.Equal("403", await Outcome.Of(fixture.ClientWith(token).GetAsync("/api/operations/referrals", Ct)));
    }

    [Fact]
    public async Task A_staff_token_claiming_operator_outside_the_operator_organisation_is_refused()
    {
        var token = Authority.StaffToken(ShelterWithTokens.Audience, "harbour-house", "shelter", Staff, "operator");

        Assert.Equal("401", await Outcome.Of(fixture.ClientWith(token).GetAsync("/api/operations/referrals", Ct)));
    }

    [Fact]
    public async Task A_staff_token_claiming_shelter_staff_outside_a_shelter_is_refused()
    {
        var token = Authority.StaffToken(ShelterWithTokens.Audience, "justice-bridge", "legal-aid", Staff, "shelter-staff");

        Assert.Equal("401", await Outcome.Of(fixture.ClientWith(token).GetAsync("/api/shelters/riverside-refuge/beds", Ct)));
    }

    [Fact]
    public async Task The_audit_trail_names_the_staff_member_who_acted_and_no_one_for_a_development_key()
    {
        var survivor = await fixture.NewSurvivorAsync();
        var caseworker = ShelterWithTokens.StaffIdOf("harbour-house", "caseworker");
        using var asCaseworker = fixture.ClientWith(fixture.StaffToken("harbour-house", "caseworker"));
        var sent = await (await asCaseworker.PostAsJsonAsync("/api/referrals", new ReferralRequest(survivor, "justice-bridge", "legal:t-visa"), Ct)).Content.ReadFromJsonAsync<ReferralCreated>(Ct);
        var cancelled = await asCaseworker.PostAsJsonAsync($"/api/referrals/{sent!.Id}/status", new { status = "cancelled", reason = "no-longer-needed" }, Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var byKey = await fixture.NewSentReferralAsync();

        var trail = await fixture.Shelter.ClientFor(ApiKeys.HarbourHouse).GetFromJsonAsync<List<AuditLine>>($"/api/referrals/{sent.Id}/audit", Ct);
        var keyTrail = await fixture.Shelter.ClientFor(ApiKeys.HarbourHouse).GetFromJsonAsync<List<AuditLine>>($"/api/referrals/{byKey}/audit", Ct);

        Assert.Equal([("created", caseworker), ("status-changed", caseworker)], trail!.Select(l => (l.Action, l.ActorStaffId)));
        Assert.All(trail!, l => Assert.Equal("harbour-house", l.Actor));
        Assert.Equal([("created", (string?)null)], keyTrail!.Select(l => (l.Action, l.ActorStaffId)));
        var stored = await fixture.Shelter.ReadDatabaseAsync(db => Task.FromResult(db.Set<ReferralNet.Referrals.AuditEntry>().Where(a => a.ReferralId == sent.Id).Select(a => a.ActorStaffId).ToList()));
        Assert.Equal([caseworker, caseworker], stored);
    }

    [Fact]
    public async Task Outside_development_a_service_without_an_authority_refuses_to_start_naming_the_setting()
    {
        await using var host = new ServiceHost<ShelterDbContext>(await broker.NewVirtualHostAsync());
        await using var production = host.WithWebHostBuilder(web => web.UseEnvironment("Production"));

        var error = Assert.ThrowsAny<Exception>(() => production.Server);

        Assert.Contains("ReferralNet__Identity__Authority", error.ToString());
    }

    [Fact]
    public async Task Outside_development_with_an_authority_tokens_work_and_development_keys_are_not_even_a_scheme()
    {
        await using var host = new ServiceHost<ShelterDbContext>(await broker.NewVirtualHostAsync(), Authority.Settings);
        await using var production = host.WithWebHostBuilder(web => web.UseEnvironment("Production"));
        using var withKey = production.CreateClient();
        withKey.DefaultRequestHeaders.Add("X-Api-Key", ApiKeys.HarbourHouse);
        using var withToken = production.CreateClient();
        withToken.DefaultRequestHeaders.Authorization = new("Bearer", Token("valid"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("/api/shelters/riverside-refuge/beds", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("/api/shelters/riverside-refuge/beds", Ct)).StatusCode);
    }
}
