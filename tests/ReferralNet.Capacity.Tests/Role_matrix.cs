using ReferralNet.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Contracts.Api;
using ReferralNet.Messaging.Data;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Capacity.Tests;

/// <summary>
/// The cells of the role × endpoint table (services/ServiceDefaults/Identity/README.md) that a
/// service with counted capacity adds to the Shelter service's (tests/ReferralNet.Shelter.Tests/Identity/Role_matrix.cs):
/// its capacity lookup, <c>GET /api/capacity</c>, the bed board, and its referral engine, which
/// answers only the organisations it hosts. Callers are staff of an organisation the service hosts
/// ("own"), of a shelter (harbour-house: the only kind whose staff hold shelter-staff), or of the
/// operator (network-ops).
/// </summary>
public static class RoleMatrix
{
    /// <summary>The organisation a caller belongs to: the one the service hosts, a shelter, or the operator.</summary>
    public const string Own = "own";
    public const string Shelter = "harbour-house";
    public const string Operators = "network-ops";

    /// <summary>Every organisation and role a staff account can have here (shelter-staff only in a shelter, operator only in the operator).</summary>
    static readonly (string Organisation, string Role)[] Callers =
    [
        (Own, Roles.Caseworker), (Own, Roles.Intake), (Own, Roles.OrgAdmin),
        (Shelter, Roles.Caseworker), (Shelter, Roles.Intake), (Shelter, Roles.ShelterStaff), (Shelter, Roles.OrgAdmin),
        (Operators, Roles.Operator),
    ];

    static readonly string[] Partners = [Roles.Caseworker, Roles.Intake, Roles.ShelterStaff, Roles.OrgAdmin];

    /// <summary>Route → (whose staff, in which roles, it answers). The call builds what it needs afresh, as the own organisation, before calling.</summary>
    public static readonly Dictionary<string, (bool HostedOnly, string[] Roles)> Allowed = new()
    {
        ["gRPC capacity lookup"] = (false, Partners),
        ["GET /api/capacity"] = (false, Partners),
        ["GET /api/beds"] = (false, Partners),
        ["POST /api/survivors"] = (true, [Roles.Caseworker]),
        ["GET /api/survivors"] = (true, [Roles.Caseworker]),
        ["POST /api/referrals"] = (true, [Roles.Caseworker]),
        ["GET /api/referrals"] = (true, [Roles.Caseworker, Roles.Intake, Roles.OrgAdmin]),
        ["GET /api/referrals/{id} (received)"] = (true, [Roles.Caseworker, Roles.Intake, Roles.OrgAdmin]),
        ["POST /api/referrals/{id}/status (received: reject)"] = (true, [Roles.Intake]),
        ["GET /api/operations/referrals"] = (false, [Roles.Operator]),
    };

    /// <summary>Is <paramref name="role"/> of <paramref name="organisation"/> let through <paramref name="route"/>?</summary>
    public static bool Allows(string route, string organisation, string role) =>
        Allowed[route] is var (hostedOnly, roles) && roles.Contains(role) && (!hostedOnly || organisation == Own);

    public static TheoryData<string, string, string> Cells()
    {
        var cells = new TheoryData<string, string, string>();
        foreach (var route in Allowed.Keys)
            foreach (var (organisation, role) in Callers)
                cells.Add(route, organisation, role);
        return cells;
    }

    /// <summary>Routes that take an object of one organisation's.</summary>
    public static TheoryData<string> OwnedObjects() => ["GET /api/referrals/{id} (received)", "POST /api/referrals/{id}/status (received: reject)"];
}

/// <summary>
/// <see cref="RoleMatrix"/> for one service; each service derives one class naming its
/// organisations, a service code of its own, and its lookup (LegalAid/, Medical/, Vocational/Role_matrix).
/// </summary>
public abstract class Role_matrix<TContext>(ServiceWithTokens<TContext> fixture) where TContext : ReferralNetDbContext
{
    /// <summary>The service's name, the audience of its tokens.</summary>
    protected abstract string Audience { get; }

    /// <summary>An organisation this service hosts, whose staff the "own" callers are.</summary>
    protected abstract string OwnOrganisation { get; }

    /// <summary>Another organisation this service hosts.</summary>
    protected abstract string OtherOrganisation { get; }

    /// <summary>A service code <see cref="OwnOrganisation"/> offers.</summary>
    protected abstract string ServiceCode { get; }

    /// <summary>Asks the service's capacity lookup for everything open.</summary>
    protected abstract Task LookUpAsync(GrpcChannel channel, CallOptions options);

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    RunningService<TContext> Service => fixture.Service;

    string OrganisationOf(string caller) => caller == RoleMatrix.Own ? OwnOrganisation : caller;

    [Theory]
    [MemberData(nameof(RoleMatrix.Cells), MemberType = typeof(RoleMatrix))]
    public async Task Each_caller_gets_what_its_role_and_organisation_allow_and_403_for_the_rest(string route, string organisation, string role)
    {
        var token = fixture.StaffToken(Audience, OrganisationOf(organisation), role);

        var outcome = await CallAsync(route, token, await SceneAsync(route));

        Assert.Equal(RoleMatrix.Allows(route, organisation, role) ? "ok" : "403", outcome);
    }

    [Theory]
    [MemberData(nameof(RoleMatrix.OwnedObjects), MemberType = typeof(RoleMatrix))]
    public async Task Another_hosted_organisations_object_is_404_even_in_an_allowed_role(string route)
    {
        var token = fixture.StaffToken(Audience, OtherOrganisation, RoleMatrix.Allowed[route].Roles[0]);

        var outcome = await CallAsync(route, token, await SceneAsync(route));

        Assert.Equal("404", outcome);
    }

    [Fact]
    public async Task A_token_for_another_service_is_401_on_REST_and_Unauthenticated_on_gRPC()
    {
        var forShelter = fixture.StaffToken("shelter", OwnOrganisation, Roles.Caseworker);

        Assert.Equal("401", await CallAsync("GET /api/capacity", forShelter, new()));
        Assert.Equal("401", await CallAsync("gRPC capacity lookup", forShelter, new()));
        // The same person's token for this service is let in: the audience alone made the difference.
        Assert.Equal("ok", await CallAsync("GET /api/capacity", fixture.StaffToken(Audience, OwnOrganisation, Roles.Caseworker), new()));
    }

    [Fact]
    public async Task Capacity_lists_only_the_callers_own_offerings()
    {
        var own = await ListedAsync(fixture.StaffToken(Audience, OwnOrganisation, Roles.OrgAdmin));
        var other = await ListedAsync(fixture.StaffToken(Audience, OtherOrganisation, Roles.Intake));
        var shelter = await ListedAsync(fixture.StaffToken(Audience, RoleMatrix.Shelter, Roles.ShelterStaff));

        Assert.Equal(await OfferedByAsync(OwnOrganisation), own);
        Assert.Equal(await OfferedByAsync(OtherOrganisation), other);
        Assert.NotEqual(own, other);
        Assert.Empty(shelter);
    }

    /// <summary>The service codes <c>GET /api/capacity</c> lists to the bearer of <paramref name="token"/>.</summary>
    async Task<List<string>> ListedAsync(string token)
    {
        using var client = fixture.ClientWith(token);
        var listed = await client.GetFromJsonAsync<List<JsonElement>>("/api/capacity?limit=100", Ct);
        return [.. listed!.Select(o => o.GetProperty("service").GetString()!).Order(StringComparer.Ordinal)];
    }

    /// <summary>The service codes <paramref name="organisationId"/> offers, as the database holds them.</summary>
    Task<List<string>> OfferedByAsync(string organisationId) =>
        Service.ReadAsync(async db => (await db.Set<Offering>().Where(o => o.OrganisationId == organisationId).Select(o => o.Service).ToListAsync(Ct))
            .Order(StringComparer.Ordinal).ToList());

    [Fact]
    public async Task A_client_credentials_token_acts_in_the_roles_its_organisations_kind_implies()
    {
        Assert.Equal("ok", await CallAsync("gRPC capacity lookup", fixture.ClientToken(Audience, OwnOrganisation), new()));
        Assert.Equal("ok", await CallAsync("GET /api/capacity", fixture.ClientToken(Audience, RoleMatrix.Shelter), new()));
        Assert.Equal("403", await CallAsync("gRPC capacity lookup", fixture.ClientToken(Audience, RoleMatrix.Operators), new()));
        Assert.Equal("ok", await CallAsync("GET /api/operations/referrals", fixture.ClientToken(Audience, RoleMatrix.Operators), new()));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_and_the_API_document_answer_without_a_credential(string path)
    {
        using var client = Service.AnonymousClient();

        Assert.Equal("ok", await Outcome.Of(client.GetAsync(path, Ct)));
    }

    [Fact]
    public async Task Without_a_credential_the_lookup_and_capacity_are_401()
    {
        using var client = Service.AnonymousClient();

        Assert.Equal("401", await Outcome.Of(client.GetAsync("/api/capacity", Ct)));
        Assert.Equal("401", await Outcome.Of(LookUpAsync(Service.Channel, new CallOptions(cancellationToken: Ct))));
    }

    sealed record Scene(string? Id = null);

    /// <summary>Builds, as the service itself would store it, the object a route acts on.</summary>
    async Task<Scene> SceneAsync(string route) => route switch
    {
        _ when route.Contains("(received") => new(await Service.ReceiveReferralAsync(RoleMatrix.Shelter, OwnOrganisation, ServiceCode)),
        _ => new(),
    };

    async Task<string> CallAsync(string route, string token, Scene scene)
    {
        using var client = fixture.ClientWith(token);
        var id = scene.Id;
        return route switch
        {
            "gRPC capacity lookup" => await Outcome.Of(LookUpAsync(Service.Channel, ServiceWithTokens<TContext>.GrpcWith(token))),
            "GET /api/capacity" => await Outcome.Of(client.GetAsync("/api/capacity", Ct)),
            "GET /api/beds" => await Outcome.Of(client.GetAsync("/api/beds?bedType=women", Ct)),
            "POST /api/survivors" => await Outcome.Of(client.PostAsJsonAsync("/api/survivors", new { dependants = 0 }, Ct)),
            "GET /api/survivors" => await Outcome.Of(client.GetAsync("/api/survivors", Ct)),
            "POST /api/referrals" => await Outcome.Of(client.PostAsJsonAsync("/api/referrals", new ReferralRequest(await NewSurvivorAsync(), "harbour-house", "bed:women"), Ct)),
            "GET /api/referrals" => await Outcome.Of(client.GetAsync("/api/referrals", Ct)),
            "GET /api/referrals/{id} (received)" => await Outcome.Of(client.GetAsync($"/api/referrals/{id}", Ct)),
            "POST /api/referrals/{id}/status (received: reject)" => await Outcome.Of(client.PostAsJsonAsync($"/api/referrals/{id}/status", new { status = "rejected", reason = "no-capacity", declinedBy = "provider" }, Ct)),
            "GET /api/operations/referrals" => await Outcome.Of(client.GetAsync("/api/operations/referrals", Ct)),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, "no call written for this route"),
        };
    }

    /// <summary>A survivor of the own organisation's, created by its client-credentials token.</summary>
    async Task<string> NewSurvivorAsync()
    {
        using var owner = fixture.ClientWith(fixture.ClientToken(Audience, OwnOrganisation));
        var response = await owner.PostAsJsonAsync("/api/survivors", new { dependants = 0, languages = new[] { "en" } }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"setting the scene: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<CreatedId>(body, JsonSerializerOptions.Web)!.Id;
    }
}
