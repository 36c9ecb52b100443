using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using ReferralNet.Identity.Seeds;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.ServiceDefaults.Seeds;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralNet.Identity.Clients;

/// <summary>
/// The OAuth clients: the portal (authorization code + PKCE, refresh tokens, end session) and one
/// client-credentials client per organisation, whose client id is the organisation's id. A client
/// is registered when its secret is known: from <c>ReferralNet:Identity:ClientSecrets:&lt;client id&gt;</c>,
/// or from seeds/clients.json with the development seeds.
/// </summary>
public static class ClientRegistrations
{
    public const string Portal = "portal";

    public static async Task RegisterClientsAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<IdentityServiceOptions>>().Value;
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.DevelopmentSeeds == true)
        {
            foreach (var (clientId, secret) in DevelopmentSeeds.ClientSecrets(app.Services.GetRequiredService<SeedFiles>()))
                secrets[clientId] = secret;
        }
        foreach (var (clientId, secret) in options.ClientSecrets)
            secrets[clientId] = secret;

        await using var scope = app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (secrets.TryGetValue(Portal, out var portalSecret))
            await RegisterAsync(applications, PortalClient(options, portalSecret));
        foreach (var organisation in app.Services.GetRequiredService<OrganisationDirectory>().All)
        {
            if (secrets.TryGetValue(organisation.Id, out var secret))
                await RegisterAsync(applications, OrganisationClient(organisation, secret));
        }
    }

    // A client that exists keeps its secret (hashed, it cannot be compared cheaply); its other settings follow the configuration.
    static async Task RegisterAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor wanted)
    {
        if (await applications.FindByClientIdAsync(wanted.ClientId!) is not { } existing)
        {
            await applications.CreateAsync(wanted);
            return;
        }
        var current = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(current, existing);
        current.RedirectUris.Clear();
        current.RedirectUris.UnionWith(wanted.RedirectUris);
        current.PostLogoutRedirectUris.Clear();
        current.PostLogoutRedirectUris.UnionWith(wanted.PostLogoutRedirectUris);
        current.Permissions.Clear();
        current.Permissions.UnionWith(wanted.Permissions);
        current.Requirements.Clear();
        current.Requirements.UnionWith(wanted.Requirements);
        await applications.UpdateAsync(existing, current);
    }

    static OpenIddictApplicationDescriptor PortalClient(IdentityServiceOptions options, string secret)
    {
        var portal = new OpenIddictApplicationDescriptor
        {
            ClientId = Portal,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "ReferralNet portal",
            RedirectUris = { new Uri(options.PortalRedirectUri) },
            PostLogoutRedirectUris = { new Uri(options.PortalPostLogoutRedirectUri) },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var scope in ServiceScopes.All)
            portal.Permissions.Add(Permissions.Prefixes.Scope + scope);
        return portal;
    }

    static OpenIddictApplicationDescriptor OrganisationClient(Organisation organisation, string secret)
    {
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = organisation.Id,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = $"{organisation.Id} (scripts and service calls)",
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in ServiceScopes.All)
            client.Permissions.Add(Permissions.Prefixes.Scope + scope);
        return client;
    }
}
