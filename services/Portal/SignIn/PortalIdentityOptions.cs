namespace ReferralNet.Portal.SignIn;

/// <summary>Where and as whom the portal signs people in (section <c>ReferralNet:Identity</c>).</summary>
public sealed class PortalIdentityOptions
{
    public const string Section = "ReferralNet:Identity";

    /// <summary>The identity service's issuer URL.</summary>
    public string Authority { get; set; } = "http://127.0.0.1:5105/";

    /// <summary>The <c>portal</c> client's secret; in Development it defaults to the one in seeds/clients.json.</summary>
    public string? PortalClientSecret { get; set; }

    /// <summary>
    /// How long a session goes without asking the identity service whether it still stands (a
    /// refresh-token grant): a disabled account's portal session ends within about this long.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>bearer</c>: call the services with the signed-in person's access token. <c>development-keys</c>:
    /// with their organisation's development API key from seeds/ (only where development keys are
    /// allowed). Default: <c>development-keys</c> in Development, <c>bearer</c> elsewhere.
    /// </summary>
    public string? ServiceCredentials { get; set; }

    public const string Bearer = "bearer";
    public const string DevelopmentKeys = "development-keys";

    /// <summary>The staff pages at the identity service, for org admins.</summary>
    public string StaffPagesUrl => new Uri(new Uri(Authority), "staff").ToString();
}
