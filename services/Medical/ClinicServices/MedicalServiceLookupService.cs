using Grpc.Core;
using ReferralNet.Capacity;
using ReferralNet.Protos.Medical.V1;

namespace ReferralNet.Medical.ClinicServices;

/// <summary>The gRPC lookup of clinic services with open appointments.</summary>
public sealed class MedicalServiceLookupService(CapacityLookup lookup) : MedicalServiceLookup.MedicalServiceLookupBase
{
    public override async Task<FindMedicalServicesReply> FindMedicalServices(FindMedicalServicesRequest request, ServerCallContext context)
    {
        if (request.Service.Length > 0 && lookup.Terms.Check(request.Service) is { } invalid)
            throw new RpcException(new Status(StatusCode.InvalidArgument, invalid));

        var reply = new FindMedicalServicesReply();
        foreach (var (offering, organisation) in await lookup.FindOpenAsync(request.Service, request.Area, request.Language, context.CancellationToken))
        {
            var service = new MedicalService
            {
                OrganisationId = organisation.Id,
                OrganisationName = organisation.Name,
                Area = organisation.Area,
                Service = lookup.Terms.CodeOf(offering.Service),
                ServiceCode = offering.Service,
                Name = offering.Name,
                OpenAppointments = offering.Open,
                Intake = new IntakeContact { Name = offering.IntakeName, Phone = offering.IntakePhone, Email = offering.IntakeEmail },
            };
            service.Languages.AddRange(offering.Languages);
            reply.Services.Add(service);
        }
        return reply;
    }
}
