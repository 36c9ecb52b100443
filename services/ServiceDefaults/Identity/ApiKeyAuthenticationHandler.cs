using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>
/// Development sign-in: the header <c>X-Api-Key</c> names the organisation a call is made for.
/// Registered only where <see cref="DevelopmentKeys"/> allows; everywhere else bearer tokens
/// (<see cref="TokenAuthentication"/>) carry the same organisation claims.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OrganisationDirectory directory) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries the key.</summary>
    public const string Header = "X-Api-Key";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return Task.FromResult(AuthenticateResult.NoResult());

        var organisation = directory.FindByApiKey(values[0]!);
        if (organisation is null)
            return Task.FromResult(AuthenticateResult.Fail($"the {Header} header does not hold a known key"));

        var identity = new ClaimsIdentity(OrganisationClaims.ForWholeOrganisation(organisation), SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = SchemeName;
        await Response.WriteAsJsonAsync(new
        {
            title = "Unauthorized",
            status = 401,
            detail = $"send the header {Header} with your organisation's API key (development keys are in seeds/organisations.json)",
        });
    }
}
