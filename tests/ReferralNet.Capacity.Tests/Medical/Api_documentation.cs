using ReferralNet.Medical.Data;

namespace ReferralNet.Capacity.Tests.Medical;

/// <summary>The service's OpenAPI document describes every route it maps.</summary>
public sealed class Api_documentation(RunningService<MedicalDbContext> service) : IClassFixture<RunningService<MedicalDbContext>>
{
    [Fact]
    public async Task Describes_every_route_the_service_maps() => Assert.Empty(await service.UndocumentedRoutesAsync());
}
