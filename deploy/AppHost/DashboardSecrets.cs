using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace ReferralNet.AppHost;

/// <summary>
/// The dashboard's three secrets for one data folder, generated on its first start and kept in
/// <c>&lt;data&gt;/dashboard</c> (folder 0700, files 0600): the browser token that signs a person in
/// to the UI (<c>/login?t=…</c>), the API key of the telemetry API (<c>x-api-key</c>), and the
/// OTLP intake key the services send their telemetry with (<c>x-otlp-api-key</c>). The telemetry
/// API key and the intake key differ, so a service that can write telemetry cannot read it.
/// </summary>
public sealed record DashboardSecrets(string BrowserToken, string ApiKey, string OtlpApiKey)
{
    /// <summary>The file names under <c>&lt;data&gt;/dashboard</c>.</summary>
    public const string BrowserTokenFile = "browser-token", ApiKeyFile = "api-key", OtlpApiKeyFile = "otlp-api-key";

    const string UnsecuredSetting = "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS";
    const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>Reads the secrets kept in <paramref name="directory"/>, creating any that is missing.</summary>
    public static DashboardSecrets LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, OwnerOnlyDirectory);
        return new DashboardSecrets(
            Secret(Path.Combine(directory, BrowserTokenFile)),
            Secret(Path.Combine(directory, ApiKeyFile)),
            Secret(Path.Combine(directory, OtlpApiKeyFile)));
    }

    /// <summary>
    /// Makes the AppHost start the dashboard with these secrets instead of ones it would make up
    /// afresh on every start (which would break the links and keys a user has kept).
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration asks for a dashboard without a login.</exception>
    public void ApplyTo(IConfiguration configuration)
    {
        if (string.Equals(configuration[UnsecuredSetting], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{UnsecuredSetting}=true would open the dashboard (survivors' referral traces and logs) to anyone who reaches it; " +
                "unset it: the dashboard's login token and API key are in deploy/.data/dashboard");
        }
        configuration["AppHost:BrowserToken"] = BrowserToken;
        configuration["AppHost:DashboardApiKey"] = ApiKey;
        configuration["AppHost:OtlpApiKey"] = OtlpApiKey;
    }

    // 256 random bits as URL-safe text: the token goes into a login link.
    static string Secret(string path)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } kept)
        {
            File.SetUnixFileMode(path, OwnerOnlyFile);
            return kept;
        }
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using (var file = new FileStream(path, new FileStreamOptions
               {
                   Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile,
               }))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(secret);
        }
        File.SetUnixFileMode(path, OwnerOnlyFile);
        return secret;
    }
}
