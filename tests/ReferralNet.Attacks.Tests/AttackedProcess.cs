using Grpc.Core;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests;

/// <summary>
/// A real service or the portal as its own process (its built dll), reached the way an outside
/// client reaches it: over its sockets, signed in with a seeded organisation's development key.
/// </summary>
public static class AttackedProcess
{
    /// <summary>
    /// Starts <paramref name="service"/> (e.g. <c>Shelter</c>, <c>Portal</c>) on <paramref name="virtualHost"/>
    /// with <paramref name="settings"/> and returns once it is healthy; if it does not come up, its
    /// log goes to the test output and it is stopped.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string service, string virtualHost, string folder, IReadOnlyDictionary<string, string>? settings = null, Uri? restUrl = null)
    {
        var checkout = Checkout.Find();
        var process = ServiceProcess.Start(service, checkout.ServiceDll(service, Checkout.ConfigurationOf(typeof(AttackedProcess).Assembly)),
            virtualHost, checkout.SeedsFolder, folder, settings, restUrl);
        try
        {
            await process.WaitUntilHealthyAsync(TestContext.Current.CancellationToken);
            return process;
        }
        catch
        {
            Console.Error.WriteLine(process.DescribeLog(40));
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>A plain HTTP client for the process's REST port, signed in as <paramref name="organisationId"/>.</summary>
    public static HttpClient Rest(ServiceProcess process, string organisationId)
    {
        var client = new HttpClient { BaseAddress = process.RestUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", SeededOrganisations.Find(organisationId).ApiKey);
        return client;
    }

    /// <summary>gRPC metadata that signs a call in as <paramref name="organisationId"/>.</summary>
    public static Metadata SignedIn(string organisationId) => new() { { "x-api-key", SeededOrganisations.Find(organisationId).ApiKey } };

    /// <summary>gRPC call options that sign a call in as <paramref name="organisationId"/>, cancelled with the test.</summary>
    public static CallOptions As(string organisationId) => new(SignedIn(organisationId), cancellationToken: TestContext.Current.CancellationToken);
}
