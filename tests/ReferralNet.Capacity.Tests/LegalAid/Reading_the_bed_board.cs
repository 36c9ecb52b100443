using System.Net;
using System.Text.Json;
using ReferralNet.LegalAid.Data;

namespace ReferralNet.Capacity.Tests.LegalAid;

public sealed class Reading_the_bed_board(RunningService<LegalAidDbContext> service) : IClassFixture<RunningService<LegalAidDbContext>>
{
    [Theory]
    [InlineData("penthouse")]
    [InlineData("WOMEN")]
    [InlineData(" ")]
    [InlineData("' OR '1'='1")]
    public async Task An_unknown_bed_type_is_a_400_that_lists_the_bed_types(string bedType)
    {
        using var client = service.ClientFor(ApiKeys.JusticeBridge);
        using var response = await client.GetAsync($"/api/beds?bedType={Uri.EscapeDataString(bedType)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("is not a bed type; use one of: women, men, family, youth, accessible", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_known_bed_type_is_read()
    {
        using var client = service.ClientFor(ApiKeys.JusticeBridge);
        using var response = await client.GetAsync("/api/beds?bedType=women", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
