using Grpc.Core;
using ReferralNet.LegalAid.Data;
using ReferralNet.Medical.Data;
using ReferralNet.Vocational.Data;
using LegalAidV1 = ReferralNet.Protos.LegalAid.V1;
using MedicalV1 = ReferralNet.Protos.Medical.V1;
using VocationalV1 = ReferralNet.Protos.Vocational.V1;

namespace ReferralNet.Capacity.Tests;

/// <summary>
/// The three capacity lookups (LegalAid's legal services, Medical's clinic services, Vocational's
/// programmes), one suite: each row names the service it asks, through that service's own
/// generated client, and what its seeds must answer.
/// </summary>
public sealed class Finding_open_capacity(
    RunningService<LegalAidDbContext> legalAid, RunningService<MedicalDbContext> medical, RunningService<VocationalDbContext> vocational)
    : IClassFixture<RunningService<LegalAidDbContext>>, IClassFixture<RunningService<MedicalDbContext>>, IClassFixture<RunningService<VocationalDbContext>>
{
    /// <summary>One offering as a lookup answered it, in the words every lookup shares.</summary>
    sealed record Found(
        string OrganisationId, string OrganisationName, string Area, IReadOnlyList<string> Languages, string Code, string ServiceCode,
        string Name, int Open, string IntakeName, string IntakePhone, string IntakeEmail)
    {
        public string Described =>
            $"{OrganisationId} ({OrganisationName}, {Area}) {Code} = {ServiceCode} '{Name}' {Open} open; languages {string.Join(",", Languages)}; intake {IntakeName}, {IntakePhone}, {IntakeEmail}";
    }

    /// <summary>Asks <paramref name="service"/>'s lookup, signed in as one of its own organisations (or with no key).</summary>
    async Task<IReadOnlyList<Found>> FindAsync(string service, string code = "", string area = "", string language = "", bool signedIn = true)
    {
        CallOptions As(string key) => signedIn ? RunningService<LegalAidDbContext>.As(key) : new(cancellationToken: TestContext.Current.CancellationToken);
        switch (service)
        {
            case "legal-aid":
                var legal = await new LegalAidV1.LegalServiceLookup.LegalServiceLookupClient(legalAid.Channel).FindLegalServicesAsync(
                    new() { CaseType = code, Area = area, Language = language }, As(ApiKeys.OpenDoorLaw));
                return legal.Services.Select(s => new Found(s.OrganisationId, s.OrganisationName, s.Area, [.. s.Languages], s.CaseType, s.ServiceCode,
                    s.Name, s.OpenCapacity, s.Intake.Name, s.Intake.Phone, s.Intake.Email)).ToList();
            case "medical":
                var clinics = await new MedicalV1.MedicalServiceLookup.MedicalServiceLookupClient(medical.Channel).FindMedicalServicesAsync(
                    new() { Service = code, Area = area, Language = language }, As(ApiKeys.StMaryClinic));
                return clinics.Services.Select(s => new Found(s.OrganisationId, s.OrganisationName, s.Area, [.. s.Languages], s.Service, s.ServiceCode,
                    s.Name, s.OpenAppointments, s.Intake.Name, s.Intake.Phone, s.Intake.Email)).ToList();
            case "vocational":
                var programmes = await new VocationalV1.ProgrammeLookup.ProgrammeLookupClient(vocational.Channel).FindProgrammesAsync(
                    new() { Kind = code, Area = area, Language = language }, As(ApiKeys.NewPaths));
                return programmes.Programmes.Select(p => new Found(p.OrganisationId, p.OrganisationName, p.Area, [.. p.Languages], p.Kind, p.ServiceCode,
                    p.Name, p.OpenSeats, p.Intake.Name, p.Intake.Phone, p.Intake.Email)).ToList();
            default:
                throw new ArgumentOutOfRangeException(nameof(service), service, "a test row names legal-aid, medical or vocational");
        }
    }

    // Full in the seeds: justice-bridge's u-visa (4 of 4) and open-door-law's t-visa (5 of 5);
    // st-mary-clinic's sexual-reproductive-health (6 of 6) and valley-health's primary-care (15 of 15);
    // new-paths' job placement (6 of 6) and skills-forward's training (8 of 8).
    [Theory]
    [InlineData("legal-aid", "justice-bridge legal:labour-civil 3|justice-bridge legal:t-visa 2|justice-bridge legal:victim-witness 2|open-door-law legal:asylum 2|open-door-law legal:u-visa 2")]
    [InlineData("medical", "st-mary-clinic medical:primary-care 8|st-mary-clinic medical:trauma-care 3|valley-health medical:mental-health 3|valley-health medical:trauma-care 3")]
    [InlineData("vocational", "new-paths vocational:training 3|skills-forward vocational:education 6")]
    public async Task Finds_every_offering_with_open_capacity_and_none_that_is_full_when_no_filter_is_set(string service, string expected)
    {
        var found = await FindAsync(service);

        Assert.Equal(expected.Split('|'), found.Select(f => $"{f.OrganisationId} {f.ServiceCode} {f.Open}"));
    }

    [Theory]
    [InlineData("legal-aid", "t-visa", "", "", "justice-bridge")]
    [InlineData("legal-aid", "legal:t-visa", "", "", "justice-bridge")]
    [InlineData("legal-aid", "u-visa", "", "", "open-door-law")]
    [InlineData("legal-aid", "asylum", "north-city", "", "")]
    [InlineData("legal-aid", "", "south-valley", "", "open-door-law:asylum open-door-law:u-visa")]
    [InlineData("legal-aid", "", "", "es", "justice-bridge:t-visa justice-bridge:victim-witness")]
    [InlineData("legal-aid", "labour-civil", "", "es", "")]
    [InlineData("legal-aid", "", "", "tl", "open-door-law:asylum")]
    [InlineData("legal-aid", "u-visa", "south-valley", "vi", "open-door-law")]
    [InlineData("legal-aid", "", "east-side", "", "")]
    [InlineData("medical", "trauma-care", "", "", "st-mary-clinic valley-health")]
    [InlineData("medical", "medical:trauma-care", "", "", "st-mary-clinic valley-health")]
    [InlineData("medical", "primary-care", "", "", "st-mary-clinic")]
    [InlineData("medical", "sexual-reproductive-health", "", "", "")]
    [InlineData("medical", "trauma-care", "south-valley", "", "valley-health")]
    [InlineData("medical", "", "", "vi", "valley-health:mental-health")]
    [InlineData("medical", "", "", "es", "st-mary-clinic:primary-care st-mary-clinic:trauma-care")]
    [InlineData("medical", "trauma-care", "", "vi", "")]
    [InlineData("medical", "", "east-side", "", "")]
    [InlineData("vocational", "training", "", "", "new-paths")]
    [InlineData("vocational", "vocational:training", "", "", "new-paths")]
    [InlineData("vocational", "job-placement", "", "", "")]
    [InlineData("vocational", "education", "south-valley", "", "skills-forward")]
    [InlineData("vocational", "education", "north-city", "", "")]
    [InlineData("vocational", "", "", "pt", "skills-forward:education")]
    [InlineData("vocational", "", "", "es", "new-paths:training")]
    [InlineData("vocational", "", "", "en", "new-paths:training skills-forward:education")]
    [InlineData("vocational", "training", "", "pt", "")]
    public async Task Finds_only_offerings_matching_every_filter_that_is_set(string service, string code, string area, string language, string expected)
    {
        var found = await FindAsync(service, code, area, language);

        var named = code.Length > 0 ? found.Select(f => f.OrganisationId) : found.Select(f => $"{f.OrganisationId}:{f.Code}");
        Assert.Equal(expected, string.Join(" ", named));
    }

    [Theory]
    [InlineData("legal-aid", "asylum",
        "open-door-law (Open Door Immigration Law, south-valley) asylum = legal:asylum 'Asylum claims' 2 open; languages en,vi,tl; intake Open Door intake desk, +1-555-0202, intake@open-door-law.example")]
    [InlineData("medical", "mental-health",
        "valley-health (Valley Health Centre, south-valley) mental-health = medical:mental-health 'Mental health and counselling' 3 open; languages en,vi; intake Valley Health intake nurse, +1-555-0302, intake@valley-health.example")]
    [InlineData("vocational", "education",
        "skills-forward (Skills Forward Programme, south-valley) education = vocational:education 'Adult education and English classes' 6 open; languages en,pt; intake Skills Forward admissions, +1-555-0402, admissions@skills-forward.example")]
    public async Task Describes_an_offering_by_organisation_area_languages_and_intake_contact(string service, string code, string expected)
    {
        var found = Assert.Single(await FindAsync(service, code));

        Assert.Equal(expected, found.Described);
    }

    [Theory]
    [InlineData("legal-aid", "divorce", "'divorce' is not a case type; use one of: t-visa, u-visa, asylum, victim-witness, labour-civil")]
    [InlineData("medical", "dentistry", "'dentistry' is not a medical service; use one of: trauma-care, sexual-reproductive-health, mental-health, primary-care")]
    [InlineData("vocational", "apprenticeship", "'apprenticeship' is not a programme kind; use one of: training, education, job-placement")]
    public async Task An_unknown_code_is_an_invalid_argument_that_lists_the_valid_ones(string service, string code, string expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => FindAsync(service, code));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(expected, error.Status.Detail);
    }

    [Theory]
    [InlineData("legal-aid")]
    [InlineData("medical")]
    [InlineData("vocational")]
    public async Task Without_an_api_key_the_lookup_is_unauthenticated(string service)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => FindAsync(service, signedIn: false));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
