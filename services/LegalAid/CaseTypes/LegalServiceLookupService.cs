using Grpc.Core;
using ReferralNet.Capacity;
using ReferralNet.Protos.LegalAid.V1;

namespace ReferralNet.LegalAid.CaseTypes;

/// <summary>The gRPC lookup of legal services with open attorney capacity.</summary>
public sealed class LegalServiceLookupService(CapacityLookup lookup) : LegalServiceLookup.LegalServiceLookupBase
{
    public override async Task<FindLegalServicesReply> FindLegalServices(FindLegalServicesRequest request, ServerCallContext context)
    {
        if (request.CaseType.Length > 0 && lookup.Terms.Check(request.CaseType) is { } invalid)
            throw new RpcException(new Status(StatusCode.InvalidArgument, invalid));

        var reply = new FindLegalServicesReply();
        foreach (var (offering, organisation) in await lookup.FindOpenAsync(request.CaseType, request.Area, request.Language, context.CancellationToken))
        {
            var service = new LegalService
            {
                OrganisationId = organisation.Id,
                OrganisationName = organisation.Name,
                Area = organisation.Area,
                CaseType = lookup.Terms.CodeOf(offering.Service),
                ServiceCode = offering.Service,
                Name = offering.Name,
                OpenCapacity = offering.Open,
                Intake = new IntakeContact { Name = offering.IntakeName, Phone = offering.IntakePhone, Email = offering.IntakeEmail },
            };
            service.Languages.AddRange(offering.Languages);
            reply.Services.Add(service);
        }
        return reply;
    }
}
