using Grpc.Core;
using ReferralNet.Capacity.Tests;
using ReferralNet.Protos.Vocational.V1;
using ReferralNet.Vocational.Data;

namespace ReferralNet.Vocational.Tests.Programmes;

public sealed class Finding_programmes(RunningService<VocationalDbContext> service) : IClassFixture<RunningService<VocationalDbContext>>
{
    ProgrammeLookup.ProgrammeLookupClient Lookup => new(service.Channel);

    Task<FindProgrammesReply> FindAsync(FindProgrammesRequest request) =>
        Lookup.FindProgrammesAsync(request, RunningService<VocationalDbContext>.As(ApiKeys.NewPaths)).ResponseAsync;

    [Fact]
    public async Task Finds_every_programme_with_open_seats_and_none_that_is_full_when_no_filter_is_set()
    {
        var reply = await FindAsync(new FindProgrammesRequest());

        // Full in the seeds: new-paths' job placement (6 of 6) and skills-forward's training (8 of 8).
        Assert.Equal(
            [
                "new-paths vocational:training 3",
                "skills-forward vocational:education 6",
            ],
            reply.Programmes.Select(p => $"{p.OrganisationId} {p.ServiceCode} {p.OpenSeats}"));
    }

    [Theory]
    [InlineData("training", "", "", "new-paths")]
    [InlineData("vocational:training", "", "", "new-paths")]
    [InlineData("job-placement", "", "", "")]
    [InlineData("education", "south-valley", "", "skills-forward")]
    [InlineData("education", "north-city", "", "")]
    [InlineData("", "", "pt", "skills-forward:education")]
    [InlineData("", "", "es", "new-paths:training")]
    [InlineData("", "", "en", "new-paths:training skills-forward:education")]
    [InlineData("training", "", "pt", "")]
    public async Task Finds_only_programmes_matching_every_filter_that_is_set(string kind, string area, string language, string expected)
    {
        var reply = await FindAsync(new FindProgrammesRequest { Kind = kind, Area = area, Language = language });

        var found = kind.Length > 0
            ? reply.Programmes.Select(p => p.OrganisationId)
            : reply.Programmes.Select(p => $"{p.OrganisationId}:{p.Kind}");
        Assert.Equal(expected, string.Join(" ", found));
    }

    [Fact]
    public async Task Describes_a_programme_by_organisation_area_languages_and_intake_contact()
    {
        var reply = await FindAsync(new FindProgrammesRequest { Kind = "education" });

        var programme = Assert.Single(reply.Programmes);
        Assert.Equal(("skills-forward", "Skills Forward Programme", "south-valley", "education", "Adult education and English classes", 6),
            (programme.OrganisationId, programme.OrganisationName, programme.Area, programme.Kind, programme.Name, programme.OpenSeats));
        Assert.Equal(["en", "pt"], programme.Languages);
        Assert.Equal(("Skills Forward admissions", "+1-555-0402", "admissions@skills-forward.example"), (programme.Intake.Name, programme.Intake.Phone, programme.Intake.Email));
    }

    [Fact]
    public async Task An_unknown_kind_is_an_invalid_argument_that_lists_the_valid_ones()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => FindAsync(new FindProgrammesRequest { Kind = "apprenticeship" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("'apprenticeship' is not a programme kind; use one of: training, education, job-placement", error.Status.Detail);
    }
}
