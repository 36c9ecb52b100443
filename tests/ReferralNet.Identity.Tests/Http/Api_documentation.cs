using Xunit;
using ReferralNet.Identity.Tests.Support;
using ReferralNet.Testing;

namespace ReferralNet.Identity.Tests.Http;

/// <summary>The identity service's OpenAPI document describes every route it maps.</summary>
public sealed class Api_documentation(IdentityHost identity)
{
    [Fact]
    public async Task Describes_every_route_the_service_maps() =>
        Assert.Empty(await identity.UndocumentedRoutesAsync(TestContext.Current.CancellationToken));
}
