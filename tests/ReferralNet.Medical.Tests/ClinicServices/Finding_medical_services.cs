using Grpc.Core;
using ReferralNet.Capacity.Tests;
using ReferralNet.Protos.Medical.V1;
using ReferralNet.Medical.Data;

namespace ReferralNet.Medical.Tests.ClinicServices;

public sealed class Finding_medical_services(RunningService<MedicalDbContext> service) : IClassFixture<RunningService<MedicalDbContext>>
{
    MedicalServiceLookup.MedicalServiceLookupClient Lookup => new(service.Channel);

    Task<FindMedicalServicesReply> FindAsync(FindMedicalServicesRequest request) =>
        Lookup.FindMedicalServicesAsync(request, RunningService<MedicalDbContext>.As(ApiKeys.StMaryClinic)).ResponseAsync;

    [Fact]
    public async Task Finds_every_service_with_open_appointments_and_none_that_is_full_when_no_filter_is_set()
    {
        var reply = await FindAsync(new FindMedicalServicesRequest());

        // Full in the seeds: st-mary-clinic's sexual-reproductive-health (6 of 6) and valley-health's primary-care (15 of 15).
        Assert.Equal(
            [
                "st-mary-clinic medical:primary-care 8",
                "st-mary-clinic medical:trauma-care 3",
                "valley-health medical:mental-health 3",
                "valley-health medical:trauma-care 3",
            ],
            reply.Services.Select(s => $"{s.OrganisationId} {s.ServiceCode} {s.OpenAppointments}"));
    }

    [Theory]
    [InlineData("trauma-care", "", "", "st-mary-clinic valley-health")]
    [InlineData("medical:trauma-care", "", "", "st-mary-clinic valley-health")]
    [InlineData("primary-care", "", "", "st-mary-clinic")]
    [InlineData("sexual-reproductive-health", "", "", "")]
    [InlineData("trauma-care", "south-valley", "", "valley-health")]
    [InlineData("", "", "vi", "valley-health:mental-health")]
    [InlineData("", "", "es", "st-mary-clinic:primary-care st-mary-clinic:trauma-care")]
    [InlineData("trauma-care", "", "vi", "")]
    [InlineData("", "east-side", "", "")]
    public async Task Finds_only_clinics_matching_every_filter_that_is_set(string medicalService, string area, string language, string expected)
    {
        var reply = await FindAsync(new FindMedicalServicesRequest { Service = medicalService, Area = area, Language = language });

        var found = medicalService.Length > 0
            ? reply.Services.Select(s => s.OrganisationId)
            : reply.Services.Select(s => $"{s.OrganisationId}:{s.Service}");
        Assert.Equal(expected, string.Join(" ", found));
    }

    [Fact]
    public async Task Describes_a_clinic_by_organisation_area_languages_and_intake_contact()
    {
        var reply = await FindAsync(new FindMedicalServicesRequest { Service = "mental-health" });

        var clinic = Assert.Single(reply.Services);
        Assert.Equal(("valley-health", "Valley Health Centre", "south-valley", "mental-health", "medical:mental-health", 3),
            (clinic.OrganisationId, clinic.OrganisationName, clinic.Area, clinic.Service, clinic.ServiceCode, clinic.OpenAppointments));
        Assert.Equal(["en", "vi"], clinic.Languages);
        Assert.Equal(("Valley Health intake nurse", "+1-555-0302", "intake@valley-health.example"), (clinic.Intake.Name, clinic.Intake.Phone, clinic.Intake.Email));
    }

    [Fact]
    public async Task An_unknown_service_is_an_invalid_argument_that_lists_the_valid_ones()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => FindAsync(new FindMedicalServicesRequest { Service = "dentistry" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("'dentistry' is not a medical service; use one of: trauma-care, sexual-reproductive-health, mental-health, primary-care", error.Status.Detail);
    }
}
