namespace ReferralNet.Testing;

/// <summary>
/// The identity service as its own process, in Development so that the seeded staff accounts and
/// client secrets load, for one portal: the two name each other (issuer; redirect addresses), so
/// both addresses are chosen before either starts.
/// </summary>
public static class IdentityProcess
{
    /// <summary>Starts the identity service at <paramref name="identityUrl"/> for the portal at <paramref name="portalUrl"/>.</summary>
    public static ServiceProcess Start(Checkout checkout, string configuration, string brokerConnectionString, string folder, Uri identityUrl, Uri portalUrl) =>
        ServiceProcess.Start("Identity", checkout.ServiceDll("Identity", configuration), brokerConnectionString, checkout.SeedsFolder, folder,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                // Both: the generic host reads DOTNET_ENVIRONMENT, which ServiceProcess sets to Production.
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ReferralNet:Identity:PublicUrl"] = identityUrl.ToString(),
                ["ReferralNet:Identity:PortalRedirectUri"] = new Uri(portalUrl, "/signin-oidc").ToString(),
                ["ReferralNet:Identity:PortalPostLogoutRedirectUri"] = new Uri(portalUrl, "/signout-callback-oidc").ToString(),
            }, identityUrl);

    /// <summary>What a portal needs to sign people in at the identity service at <paramref name="identityUrl"/>.</summary>
    public static Dictionary<string, string> PortalSettings(Uri identityUrl) => new()
    {
        ["ReferralNet:Identity:Authority"] = identityUrl.ToString(),
        ["ReferralNet:Identity:PortalClientSecret"] = StaffSeeds.ClientSecret("portal"),
    };
}
