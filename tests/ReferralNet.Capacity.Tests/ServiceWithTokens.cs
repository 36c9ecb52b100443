using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using ReferralNet.Messaging.Data;
using ReferralNet.Testing;

namespace ReferralNet.Capacity.Tests;

/// <summary>
/// One service with counted capacity that trusts a <see cref="TestAuthority"/> (and, being
/// Development, still takes the development keys, which the tests use to set the scene as an
/// organisation as a whole).
/// </summary>
public sealed class ServiceWithTokens<TContext> : IAsyncLifetime where TContext : ReferralNetDbContext
{
    public ServiceWithTokens(BrokerFixture broker) => Service = new RunningService<TContext>(broker, Authority.Settings);

    public TestAuthority Authority { get; } = new();

    public RunningService<TContext> Service { get; }

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => Service.InitializeAsync();

    /// <summary>A client that sends <paramref name="token"/> as a bearer token.</summary>
    public HttpClient ClientWith(string token)
    {
        var client = Service.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>gRPC call options that send <paramref name="token"/> as a bearer token.</summary>
    public static CallOptions GrpcWith(string token) => new CallOptions(new Metadata { { "authorization", $"Bearer {token}" } }).WithCancellationToken(Ct);

    /// <summary>A token for <paramref name="audience"/> of a staff member of <paramref name="organisationId"/> (of its seeded kind) holding only <paramref name="role"/>.</summary>
    public string StaffToken(string audience, string organisationId, string role) =>
        Authority.StaffToken(audience, organisationId, SeededOrganisations.Find(organisationId).Kind, StaffIdOf(organisationId, role), role);

    /// <summary>A stable synthetic staff id (the identity service's shape: sf- and 16 hex digits) per organisation and role.</summary>
    static string StaffIdOf(string organisationId, string role) =>
        "sf-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{organisationId}/{role}")))[..16];

    /// <summary>A client-credentials token for <paramref name="audience"/> of <paramref name="organisationId"/>'s own client.</summary>
    public string ClientToken(string audience, string organisationId) =>
        Authority.ClientToken(audience, organisationId, SeededOrganisations.Find(organisationId).Kind);



    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Authority.DisposeAsync();
    }
}
