using ReferralNet.Testing;
using System.Net.Http.Json;
using ReferralNet.Contracts.Api;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.ServiceDefaults.Identity;
using Xunit;

namespace ReferralNet.Shelter.Tests.Identity;

/// <summary>
/// Every REST route and gRPC method of the Shelter service (the referral engine's included), called
/// by a staff member of harbour-house holding one role (operators: of network-ops): allowed → ok,
/// not allowed → 403; and by safe-haven staff in an allowed role on harbour-house's object → 404.
/// The same table is in services/ServiceDefaults/Identity/README.md.
/// </summary>
public sealed class Role_matrix(ShelterWithTokens fixture) : IClassFixture<ShelterWithTokens>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly string[] Partners = [Roles.Caseworker, Roles.Intake, Roles.ShelterStaff, Roles.OrgAdmin];

    /// <summary>Route → roles allowed. The call builds what it needs afresh, as harbour-house, before calling as the role.</summary>
    static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["GET /api/shelters"] = [Roles.ShelterStaff],
        ["GET /api/shelters/{id}/address"] = [Roles.ShelterStaff],
        ["GET /api/shelters/{id}/beds"] = Partners,
        ["PUT /api/shelters/{id}/beds/{bedType}"] = [Roles.ShelterStaff],
        ["POST /api/survivors"] = [Roles.Caseworker],
        ["GET /api/survivors"] = [Roles.Caseworker],
        ["GET /api/survivors/{id}"] = [Roles.Caseworker],
        ["GET /api/survivors/{id}/consents"] = [Roles.Caseworker],
        ["POST /api/survivors/{id}/consents"] = [Roles.Caseworker],
        ["GET /api/consents/{id}"] = [Roles.Caseworker],
        ["POST /api/consents/{id}/revoke"] = [Roles.Caseworker],
        ["POST /api/referrals"] = [Roles.Caseworker],
        ["POST /api/referrals/{id}/status (sent: cancel)"] = [Roles.Caseworker],
        ["POST /api/referrals/{id}/status (received: reject)"] = [Roles.Intake],
        ["GET /api/referrals"] = [Roles.Caseworker, Roles.Intake, Roles.OrgAdmin],
        ["GET /api/referrals?direction=sent"] = [Roles.Caseworker, Roles.OrgAdmin],
        ["GET /api/referrals/{id} (sent)"] = [Roles.Caseworker, Roles.OrgAdmin],
        ["GET /api/referrals/{id} (received)"] = [Roles.Caseworker, Roles.Intake, Roles.OrgAdmin],
        ["GET /api/referrals/{id}/audit (sent)"] = [Roles.Caseworker, Roles.OrgAdmin],
        ["GET /api/referrals/{id}/audit (received)"] = [Roles.Caseworker, Roles.Intake, Roles.OrgAdmin],
        ["GET /api/operations/referrals"] = [Roles.Operator],
        ["GET /api/operations/referrals/{id}"] = [Roles.Operator],
        ["gRPC BedLookup/FindBeds"] = Partners,
        ["gRPC BedLookup/GetShelter"] = Partners,
        ["gRPC BedLookup/HoldBed"] = [Roles.Caseworker, Roles.ShelterStaff],
        ["gRPC BedLookup/ReleaseHold"] = [Roles.Caseworker, Roles.ShelterStaff],
    };

    public static TheoryData<string, string> Cells()
    {
        var cells = new TheoryData<string, string>();
        foreach (var route in Allowed.Keys)
            foreach (var role in Roles.All)
                cells.Add(route, role);
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_gets_what_its_row_allows_and_403_for_the_rest(string route, string role)
    {
        var organisation = role == Roles.Operator ? "network-ops" : "harbour-house";
        var token = fixture.StaffToken(organisation, role);

        var outcome = await CallAsync(route, token, await SceneAsync(route));

        Assert.Equal(Allowed[route].Contains(role) ? "ok" : "403", outcome);
    }

    /// <summary>Routes whose object belongs to one organisation: another's staff, in an allowed role, do not learn it exists.</summary>
    public static TheoryData<string> OwnedObjects() =>
    [
        "GET /api/survivors/{id}", "GET /api/survivors/{id}/consents", "POST /api/survivors/{id}/consents", "GET /api/consents/{id}",
        "POST /api/consents/{id}/revoke", "POST /api/referrals/{id}/status (sent: cancel)", "POST /api/referrals/{id}/status (received: reject)",
        "GET /api/referrals/{id} (sent)", "GET /api/referrals/{id} (received)", "GET /api/referrals/{id}/audit (sent)",
        "GET /api/referrals/{id}/audit (received)", "gRPC BedLookup/ReleaseHold",
    ];

    [Theory]
    [MemberData(nameof(OwnedObjects))]
    public async Task Another_organisations_object_is_404_even_in_an_allowed_role(string route)
    {
        var token = fixture.StaffToken("safe-haven", Allowed[route][0]);

        var outcome = await CallAsync(route, token, await SceneAsync(route));

        Assert.Equal("404", outcome);
    }

    [Fact]
    public async Task Another_shelters_address_and_beds_stay_403_for_shelter_staff_of_another_organisation()
    {
        using var client = fixture.ClientWith(fixture.StaffToken("safe-haven", Roles.ShelterStaff));

        Assert.Equal("403", await Outcome.Of(client.GetAsync("/api/shelters/harbour-house-main/address", Ct)));
        Assert.Equal("403", await Outcome.Of(client.PutAsJsonAsync("/api/shelters/harbour-house-main/beds/women", new { total = 3, occupied = 0 }, Ct)));
    }

    [Fact]
    public async Task An_intake_only_list_holds_received_referrals_only()
    {
        var sent = await fixture.NewSentReferralAsync();
        var received = await fixture.NewReceivedReferralAsync();
        using var intake = fixture.ClientWith(fixture.StaffToken("harbour-house", Roles.Intake));

        var seen = await intake.GetFromJsonAsync<List<ReferralView>>("/api/referrals?limit=100", Ct);
        var seenByCaseworker = await fixture.ClientWith(fixture.StaffToken("harbour-house", Roles.Caseworker)).GetFromJsonAsync<List<ReferralView>>("/api/referrals?limit=100", Ct);

        Assert.DoesNotContain(seen!, r => r.Id == sent);
        Assert.Contains(seen!, r => r.Id == received);
        Assert.Contains(seenByCaseworker!, r => r.Id == sent);
    }

    sealed record Scene(string? Id = null);

    /// <summary>Builds, as harbour-house as a whole, the object a route acts on.</summary>
    async Task<Scene> SceneAsync(string route) => route switch
    {
        _ when route.Contains("/survivors/{id}") => new(await fixture.NewSurvivorAsync()),
        _ when route.Contains("/consents/{id}") => new(await fixture.NewConsentAsync(await fixture.NewSurvivorAsync())),
        _ when route.Contains("(sent") || route == "GET /api/operations/referrals/{id}" => new(await fixture.NewSentReferralAsync()),
        _ when route.Contains("(received") => new(await fixture.NewReceivedReferralAsync()),
        "gRPC BedLookup/ReleaseHold" => new(await fixture.NewHoldAsync()),
        "gRPC BedLookup/HoldBed" => new(await new Referrals.BedReferrals(fixture.Shelter).ArriveAsync("riverside-refuge", "women", fromOrgId: "harbour-house")),
        _ => new(),
    };

    async Task<string> CallAsync(string route, string token, Scene scene)
    {
        using var client = fixture.ClientWith(token);
        var lookup = fixture.Shelter.Lookup;
        var grpc = ShelterWithTokens.GrpcWith(token);
        var id = scene.Id;
        return route switch
        {
            "GET /api/shelters" => await Outcome.Of(client.GetAsync("/api/shelters", Ct)),
            "GET /api/shelters/{id}/address" => await Outcome.Of(client.GetAsync("/api/shelters/harbour-house-main/address", Ct)),
            "GET /api/shelters/{id}/beds" => await Outcome.Of(client.GetAsync("/api/shelters/safe-haven-family/beds", Ct)),
            "PUT /api/shelters/{id}/beds/{bedType}" => await Outcome.Of(client.PutAsJsonAsync("/api/shelters/harbour-house-main/beds/youth", new { total = 4, occupied = 1 }, Ct)),
            "POST /api/survivors" => await Outcome.Of(client.PostAsJsonAsync("/api/survivors", new { dependants = 0 }, Ct)),
            "GET /api/survivors" => await Outcome.Of(client.GetAsync("/api/survivors", Ct)),
            "GET /api/survivors/{id}" => await Outcome.Of(client.GetAsync($"/api/survivors/{id}", Ct)),
            "GET /api/survivors/{id}/consents" => await Outcome.Of(client.GetAsync($"/api/survivors/{id}/consents", Ct)),
            "POST /api/survivors/{id}/consents" => await Outcome.Of(client.PostAsJsonAsync($"/api/survivors/{id}/consents", new ConsentRequest("justice-bridge", ["contact"], "written"), Ct)),
            "GET /api/consents/{id}" => await Outcome.Of(client.GetAsync($"/api/consents/{id}", Ct)),
            "POST /api/consents/{id}/revoke" => await Outcome.Of(client.PostAsJsonAsync($"/api/consents/{id}/revoke", new RevocationRequest("survivor-request"), Ct)),
            "POST /api/referrals" => await Outcome.Of(client.PostAsJsonAsync("/api/referrals", new ReferralRequest(await fixture.NewSurvivorAsync(), "justice-bridge", "legal:t-visa"), Ct)),
            "POST /api/referrals/{id}/status (sent: cancel)" => await Outcome.Of(client.PostAsJsonAsync($"/api/referrals/{id}/status", new { status = "cancelled", reason = "no-longer-needed" }, Ct)),
            "POST /api/referrals/{id}/status (received: reject)" => await Outcome.Of(client.PostAsJsonAsync($"/api/referrals/{id}/status", new { status = "rejected", reason = "no-capacity", declinedBy = "provider" }, Ct)),
            "GET /api/referrals" => await Outcome.Of(client.GetAsync("/api/referrals", Ct)),
            "GET /api/referrals?direction=sent" => await Outcome.Of(client.GetAsync("/api/referrals?direction=sent", Ct)),
            "GET /api/referrals/{id} (sent)" or "GET /api/referrals/{id} (received)" => await Outcome.Of(client.GetAsync($"/api/referrals/{id}", Ct)),
            "GET /api/referrals/{id}/audit (sent)" or "GET /api/referrals/{id}/audit (received)" => await Outcome.Of(client.GetAsync($"/api/referrals/{id}/audit", Ct)),
            "GET /api/operations/referrals" => await Outcome.Of(client.GetAsync("/api/operations/referrals", Ct)),
            "GET /api/operations/referrals/{id}" => await Outcome.Of(client.GetAsync($"/api/operations/referrals/{id}", Ct)),
            "gRPC BedLookup/FindBeds" => await Outcome.Of(lookup.FindBedsAsync(new FindBedsRequest(), grpc)),
            "gRPC BedLookup/GetShelter" => await Outcome.Of(lookup.GetShelterAsync(new GetShelterRequest { ShelterId = "safe-haven-family" }, grpc)),
            "gRPC BedLookup/HoldBed" => await Outcome.Of(lookup.HoldBedAsync(new HoldBedRequest { ShelterId = "riverside-refuge", BedType = "women", ReferralId = id }, grpc)),
            "gRPC BedLookup/ReleaseHold" => await Outcome.Of(lookup.ReleaseHoldAsync(new ReleaseHoldRequest { HoldId = id }, grpc)),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, "no call written for this route"),
        };
    }
}
