using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace ReferralNet.Identity.Tokens;

// An OAuth error answered by OpenIddict in the protocol's own shape (a redirect or a JSON body).
static class Refusals
{
    public static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
