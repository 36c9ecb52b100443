namespace ReferralNet.Identity;

/// <summary>The identity service's own settings, from <c>ReferralNet:Identity</c>.</summary>
public sealed class IdentityServiceOptions
{
    public const string Section = "ReferralNet:Identity";

    /// <summary>The issuer: the URL the portal and the services reach this service at.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5105/";

    /// <summary>Where the portal receives its authorization codes.</summary>
    public string PortalRedirectUri { get; set; } = "http://127.0.0.1:5100/signin-oidc";

    /// <summary>Where the portal is sent back to after signing out.</summary>
    public string PortalPostLogoutRedirectUri { get; set; } = "http://127.0.0.1:5100/signout-callback-oidc";

    /// <summary>Folder of the token signing and encryption keys; default: the database's folder.</summary>
    public string? KeysPath { get; set; }

    /// <summary>
    /// Load the development accounts and client secrets from seeds/. Default: on in Development,
    /// off elsewhere; set on outside Development, the service refuses to start.
    /// </summary>
    public bool? DevelopmentSeeds { get; set; }

    /// <summary>Client secrets by client id (<c>portal</c>, or an organisation id), for runs without the development seeds.</summary>
    public Dictionary<string, string> ClientSecrets { get; set; } = [];
}
