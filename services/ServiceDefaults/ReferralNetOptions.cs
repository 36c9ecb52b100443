namespace ReferralNet.ServiceDefaults;

/// <summary>Settings every service reads from the <c>ReferralNet</c> configuration section.</summary>
public sealed class ReferralNetOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "ReferralNet";

    /// <summary>Short name of the service (shelter, legalaid, …); prefixes its queue names.</summary>
    public string ServiceName { get; set; } = "";

    /// <summary>REST endpoint (HTTP/1.1 and HTTP/2), e.g. http://127.0.0.1:5101.</summary>
    public string? RestUrl { get; set; }

    /// <summary>gRPC endpoint (h2c, HTTP/2 only), e.g. http://127.0.0.1:5201.</summary>
    public string? GrpcUrl { get; set; }

    /// <summary>SQLite database file; used when <see cref="PostgresConnectionString"/> is not set.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>A PostgreSQL connection string; when set the service uses PostgreSQL instead of SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Folder holding the seed files (organisations.json, shelters.json, …).</summary>
    public string? SeedsPath { get; set; }

    /// <summary>
    /// The service's short name: <c>ReferralNet:ServiceName</c>, or else the application's name
    /// without its <c>ReferralNet.</c> prefix (ReferralNet.LegalAid → legalaid), so a service knows
    /// itself even when started from a folder where its appsettings.json is not found.
    /// </summary>
    public static string ServiceNameOf(Microsoft.Extensions.Configuration.IConfiguration configuration, string applicationName) =>
        configuration[$"{Section}:ServiceName"] is { Length: > 0 } name
            ? name
            : applicationName.Replace("ReferralNet.", "", StringComparison.Ordinal).ToLowerInvariant();
}
