using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Capacity;
using ReferralNet.Protos.Vocational.V1;

namespace ReferralNet.Vocational.Programmes;

/// <summary>The gRPC lookup of programmes with open seats (the shared <see cref="CapacityLookup"/> answers).</summary>
[Authorize(Policy = AccessPolicies.Partner)]
public sealed class ProgrammeLookupService(CapacityLookup lookup) : ProgrammeLookup.ProgrammeLookupBase
{
    public override Task<FindProgrammesReply> FindProgrammes(FindProgrammesRequest request, ServerCallContext context) =>
        lookup.AnswerAsync<FindProgrammesReply>(request, context);
}
