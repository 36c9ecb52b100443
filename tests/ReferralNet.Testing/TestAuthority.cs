using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ReferralNet.Testing;

/// <summary>
/// A stand-in for the identity service on a loopback port: it serves a discovery document and
/// its public key (JWKS) over real HTTP, and mints access tokens as the identity service's token
/// claims contract describes them (services/Identity/README.md), signed with a test RSA key. A
/// service started with <see cref="Settings"/> trusts it. Tokens can be spoilt one way at a time
/// (expired, another key, another audience, another issuer, another type) to prove each is refused.
/// </summary>
public sealed class TestAuthority : IAsyncDisposable
{
    readonly HttpListener _listener = new();
    readonly RSA _rsa = RSA.Create(2048);
    readonly RSA _stranger = RSA.Create(2048);
    readonly RsaSecurityKey _key;
    readonly Task _serving;

    public TestAuthority()
    {
        var port = FreePort.Next();
        Issuer = $"http://127.0.0.1:{port}/";
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-key" };
        _listener.Prefixes.Add(Issuer);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The issuer (and authority) URL, with its trailing slash as the identity service writes it.</summary>
    public string Issuer { get; }

    /// <summary>The setting that makes a service trust this authority.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["ReferralNet:Identity:Authority"] = Issuer };

    /// <summary>How many times a service fetched the discovery document or the keys.</summary>
    public int MetadataRequests;

    /// <summary>A person's token: staff id <paramref name="staffId"/> of <paramref name="organisationId"/> in <paramref name="roles"/>, for <paramref name="audience"/>.</summary>
    public string StaffToken(string audience, string organisationId, string kind, string staffId, params string[] roles) =>
        Mint(new TokenSpec(audience, organisationId, kind, staffId, roles));

    /// <summary>A client-credentials token of an organisation's own client: no staff id, no roles.</summary>
    public string ClientToken(string audience, string organisationId, string kind) =>
        Mint(new TokenSpec(audience, organisationId, kind, StaffId: null, Roles: [], ClientId: organisationId));

    /// <summary>Mints a token as described; every deviation from the contract is explicit in <paramref name="spec"/>.</summary>
    public string Mint(TokenSpec spec)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim>
        {
            new("referralnet:org", spec.OrganisationId),
            new("referralnet:kind", spec.Kind),
            new("client_id", spec.ClientId ?? "portal"),
            new("jti", Guid.NewGuid().ToString("N")),
        };
        if (spec.StaffId is not null)
            claims.Add(new Claim("sub", spec.StaffId));
        claims.AddRange(spec.Roles.Select(r => new Claim("role", r)));
        var key = spec.SignedByStranger ? new RsaSecurityKey(_stranger) { KeyId = "test-key" } : _key;
        var expires = spec.ExpiredAgo is { } ago ? now - ago : now.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer ?? Issuer,
            Audience = spec.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expires.AddMinutes(-5),
            NotBefore = expires.AddMinutes(-5),
            Expires = expires,
            TokenType = spec.Type,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            Interlocked.Increment(ref MetadataRequests);
            var body = context.Request.Url?.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = Issuer,
                    ["jwks_uri"] = $"{Issuer}.well-known/jwks",
                    ["token_endpoint"] = $"{Issuer}connect/token",
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                }),
                "/.well-known/jwks" => JsonSerializer.Serialize(new { keys = new[] { PublicJwk() } }),
                _ => null,
            };
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            if (body is not null)
                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
            context.Response.Close();
        }
    }

    object PublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) };
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _serving; } catch (ObjectDisposedException) { }
        _rsa.Dispose();
        _stranger.Dispose();
    }
}

/// <summary>What goes into a test token; the defaults follow the identity service's contract.</summary>
public sealed record TokenSpec(string Audience, string OrganisationId, string Kind, string? StaffId, IReadOnlyList<string> Roles, string? ClientId = null)
{
    /// <summary>Set to sign with a key the authority never published.</summary>
    public bool SignedByStranger { get; init; }
    /// <summary>Set to an issuer other than the authority.</summary>
    public string? Issuer { get; init; }
    /// <summary>Set to make the token expire this long ago.</summary>
    public TimeSpan? ExpiredAgo { get; init; }
    /// <summary>The JWT <c>typ</c>: access tokens are <c>at+jwt</c>; an id token would be <c>JWT</c>.</summary>
    public string Type { get; init; } = "at+jwt";
}
