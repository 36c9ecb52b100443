using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace ReferralNet.Identity.Tests.Support;

/// <summary>Checks a JWT as a service would (signature against the JWKS, issuer, audience, lifetime) and reads its payload.</summary>
public static class Jwt
{
    public static async Task<JsonElement> ValidateAsync(HttpClient http, string token, string audience)
    {
        var keys = new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = IdentityHost.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidateLifetime = true,
            ClockSkew = TimeSpan.Zero,
        });
        Assert.True(result.IsValid, $"the token does not validate: {result.Exception}");
        return Payload(token);
    }

    public static JsonElement Payload(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement.Clone();

    /// <summary>A claim's values, whether the token holds one (a string) or several (an array).</summary>
    public static string[] Values(JsonElement payload, string claim) =>
        !payload.TryGetProperty(claim, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
        : [value.GetString()!];
}
