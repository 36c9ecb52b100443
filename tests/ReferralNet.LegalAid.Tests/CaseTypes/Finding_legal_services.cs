using Grpc.Core;
using ReferralNet.Capacity.Tests;
using ReferralNet.Protos.LegalAid.V1;
using ReferralNet.LegalAid.Data;

namespace ReferralNet.LegalAid.Tests.CaseTypes;

public sealed class Finding_legal_services(RunningService<LegalAidDbContext> service) : IClassFixture<RunningService<LegalAidDbContext>>
{
    LegalServiceLookup.LegalServiceLookupClient Lookup => new(service.Channel);

    Task<FindLegalServicesReply> FindAsync(FindLegalServicesRequest request) =>
        Lookup.FindLegalServicesAsync(request, RunningService<LegalAidDbContext>.As(ApiKeys.OpenDoorLaw)).ResponseAsync;

    [Fact]
    public async Task Finds_every_case_type_with_open_capacity_and_none_that_is_full_when_no_filter_is_set()
    {
        var reply = await FindAsync(new FindLegalServicesRequest());

        // Full in the seeds: justice-bridge's u-visa (4 of 4) and open-door-law's t-visa (5 of 5).
        Assert.Equal(
            [
                "justice-bridge legal:labour-civil 3",
                "justice-bridge legal:t-visa 2",
                "justice-bridge legal:victim-witness 2",
                "open-door-law legal:asylum 2",
                "open-door-law legal:u-visa 2",
            ],
            reply.Services.Select(s => $"{s.OrganisationId} {s.ServiceCode} {s.OpenCapacity}"));
    }

    [Theory]
    [InlineData("t-visa", "", "", "justice-bridge")]
    [InlineData("legal:t-visa", "", "", "justice-bridge")]
    [InlineData("u-visa", "", "", "open-door-law")]
    [InlineData("asylum", "north-city", "", "")]
    [InlineData("", "south-valley", "", "open-door-law:asylum open-door-law:u-visa")]
    [InlineData("", "", "es", "justice-bridge:t-visa justice-bridge:victim-witness")]
    [InlineData("labour-civil", "", "es", "")]
    [InlineData("", "", "tl", "open-door-law:asylum")]
    [InlineData("u-visa", "south-valley", "vi", "open-door-law")]
    [InlineData("", "east-side", "", "")]
    public async Task Finds_only_providers_matching_every_filter_that_is_set(string caseType, string area, string language, string expected)
    {
        var reply = await FindAsync(new FindLegalServicesRequest { CaseType = caseType, Area = area, Language = language });

        var found = caseType.Length > 0
            ? reply.Services.Select(s => s.OrganisationId)
            : reply.Services.Select(s => $"{s.OrganisationId}:{s.CaseType}");
        Assert.Equal(expected, string.Join(" ", found));
    }

    [Fact]
    public async Task Describes_a_provider_by_organisation_area_languages_and_intake_contact()
    {
        var reply = await FindAsync(new FindLegalServicesRequest { CaseType = "asylum" });

        var asylum = Assert.Single(reply.Services);
        Assert.Equal(("open-door-law", "Open Door Immigration Law", "south-valley", "asylum", "legal:asylum", "Asylum claims", 2),
            (asylum.OrganisationId, asylum.OrganisationName, asylum.Area, asylum.CaseType, asylum.ServiceCode, asylum.Name, asylum.OpenCapacity));
        Assert.Equal(["en", "vi", "tl"], asylum.Languages);
        Assert.Equal(("Open Door intake desk", "+1-555-0202", "intake@open-door-law.example"), (asylum.Intake.Name, asylum.Intake.Phone, asylum.Intake.Email));
    }

    [Fact]
    public async Task An_unknown_case_type_is_an_invalid_argument_that_lists_the_valid_ones()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => FindAsync(new FindLegalServicesRequest { CaseType = "divorce" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("'divorce' is not a case type; use one of: t-visa, u-visa, asylum, victim-witness, labour-civil", error.Status.Detail);
    }

    [Fact]
    public async Task Without_an_api_key_the_lookup_is_unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Lookup.FindLegalServicesAsync(new FindLegalServicesRequest(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
