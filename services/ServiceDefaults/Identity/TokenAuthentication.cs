using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>
/// Access tokens from the identity service (services/Identity, its README's token claims contract):
/// RS256 JWTs of type <c>at+jwt</c>, keys from the authority's discovery document, this service's
/// name as the audience.
/// </summary>
public static class TokenAuthentication
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>The setting naming the identity service (the tokens' issuer), e.g. <c>http://127.0.0.1:5105/</c>.</summary>
    public const string AuthoritySetting = "ReferralNet:Identity:Authority";

    /// <summary>
    /// How far a token's times may be off this machine's clock. Tokens live 40 s: with this, a disabled
    /// account's last token is refused within a minute of being issued.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(15);

    /// <summary>Sets the bearer options for <paramref name="authority"/> and the service <paramref name="audience"/>.</summary>
    public static void Configure(JwtBearerOptions options, Uri authority, string audience)
    {
        options.Authority = authority.ToString();
        options.Audience = audience;
        // Plain HTTP only to an identity service on this machine; anything else is refused at start.
        options.RequireHttpsMetadata = !(authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback);
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidAudience = audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidTypes = ["at+jwt"],
            ClockSkew = ClockSkew,
            NameClaimType = OrganisationClaims.StaffId,
            RoleClaimType = OrganisationClaims.Role,
            AuthenticationType = SchemeName,
        };
        options.Events = new JwtBearerEvents { OnTokenValidated = OnTokenValidated };
    }

    /// <summary>
    /// The token's organisation must be one the network knows, of the kind the directory says; a
    /// token for no person (client credentials) acts for its organisation as a whole.
    /// </summary>
    static Task OnTokenValidated(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity)
        {
            context.Fail("the token carries no identity");
            return Task.CompletedTask;
        }
        var directory = context.HttpContext.RequestServices.GetRequiredService<OrganisationDirectory>();
        var organisationId = identity.FindFirst(OrganisationClaims.OrganisationId)?.Value;
        if (organisationId is null || directory.Find(organisationId) is not { } organisation)
        {
            context.Fail($"the token's organisation '{organisationId}' is not one of the network's organisations");
            return Task.CompletedTask;
        }
        var kind = identity.FindFirst(OrganisationClaims.Kind);
        if (kind is not null && kind.Value != organisation.Kind)
        {
            context.Fail($"the token says organisation '{organisation.Id}' is of kind '{kind.Value}', the network's directory says '{organisation.Kind}'");
            return Task.CompletedTask;
        }
        if (kind is null)
            identity.AddClaim(new Claim(OrganisationClaims.Kind, organisation.Kind));

        var roles = identity.FindAll(OrganisationClaims.Role).ToList();
        if (identity.FindFirst(OrganisationClaims.StaffId) is null)
        {
            // Client credentials (scripts, service-to-service): no person signed in, so the token
            // acts for its organisation as a whole, in the roles its kind implies — as a development
            // key does. Decided here, for every service; the client id must be the organisation.
            if (identity.FindFirst("client_id")?.Value != organisation.Id)
            {
                context.Fail($"a token without a staff id must come from organisation '{organisation.Id}''s own client");
                return Task.CompletedTask;
            }
            foreach (var role in roles)
                identity.RemoveClaim(role);
            foreach (var role in OrganisationClaims.RolesOf(organisation.Kind))
                identity.AddClaim(new Claim(OrganisationClaims.Role, role));
            return Task.CompletedTask;
        }
        // The identity service grants operator only in the operator organisation, and nothing else there,
        // and shelter-staff only in shelters; a token saying otherwise is refused rather than trusted halfway.
        var operatorOrganisation = organisation.Kind == OrganisationKinds.Operator;
        if (roles.Any(r => (r.Value == Roles.Operator) != operatorOrganisation)
            || roles.Any(r => r.Value == Roles.ShelterStaff) && organisation.Kind != OrganisationKinds.Shelter)
            context.Fail($"the token's roles do not fit organisation '{organisation.Id}' (kind '{organisation.Kind}')");
        return Task.CompletedTask;
    }
}
