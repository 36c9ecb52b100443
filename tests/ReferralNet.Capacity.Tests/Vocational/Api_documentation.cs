using ReferralNet.Vocational.Data;

namespace ReferralNet.Capacity.Tests.Vocational;

/// <summary>The service's OpenAPI document describes every route it maps.</summary>
public sealed class Api_documentation(RunningService<VocationalDbContext> service) : IClassFixture<RunningService<VocationalDbContext>>
{
    [Fact]
    public async Task Describes_every_route_the_service_maps() => Assert.Empty(await service.UndocumentedRoutesAsync());
}
