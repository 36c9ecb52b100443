using ReferralNet.LegalAid.Data;

namespace ReferralNet.Capacity.Tests.LegalAid;

/// <summary>The service's OpenAPI document describes every route it maps.</summary>
public sealed class Api_documentation(RunningService<LegalAidDbContext> service) : IClassFixture<RunningService<LegalAidDbContext>>
{
    [Fact]
    public async Task Describes_every_route_the_service_maps() => Assert.Empty(await service.UndocumentedRoutesAsync());
}
