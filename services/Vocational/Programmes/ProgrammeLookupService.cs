using Grpc.Core;
using ReferralNet.Capacity;
using ReferralNet.Protos.Vocational.V1;

namespace ReferralNet.Vocational.Programmes;

/// <summary>The gRPC lookup of programmes with open seats.</summary>
public sealed class ProgrammeLookupService(CapacityLookup lookup) : ProgrammeLookup.ProgrammeLookupBase
{
    public override async Task<FindProgrammesReply> FindProgrammes(FindProgrammesRequest request, ServerCallContext context)
    {
        if (request.Kind.Length > 0 && lookup.Terms.Check(request.Kind) is { } invalid)
            throw new RpcException(new Status(StatusCode.InvalidArgument, invalid));

        var reply = new FindProgrammesReply();
        foreach (var (offering, organisation) in await lookup.FindOpenAsync(request.Kind, request.Area, request.Language, context.CancellationToken))
        {
            var programme = new Programme
            {
                OrganisationId = organisation.Id,
                OrganisationName = organisation.Name,
                Area = organisation.Area,
                Kind = lookup.Terms.CodeOf(offering.Service),
                ServiceCode = offering.Service,
                Name = offering.Name,
                OpenSeats = offering.Open,
                Intake = new IntakeContact { Name = offering.IntakeName, Phone = offering.IntakePhone, Email = offering.IntakeEmail },
            };
            programme.Languages.AddRange(offering.Languages);
            reply.Programmes.Add(programme);
        }
        return reply;
    }
}
