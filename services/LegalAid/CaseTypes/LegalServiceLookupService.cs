using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Capacity;
using ReferralNet.Protos.LegalAid.V1;

namespace ReferralNet.LegalAid.CaseTypes;

/// <summary>The gRPC lookup of legal services with open attorney capacity (the shared <see cref="CapacityLookup"/> answers).</summary>
[Authorize(Policy = AccessPolicies.Partner)]
public sealed class LegalServiceLookupService(CapacityLookup lookup) : LegalServiceLookup.LegalServiceLookupBase
{
    public override Task<FindLegalServicesReply> FindLegalServices(FindLegalServicesRequest request, ServerCallContext context) =>
        lookup.AnswerAsync<FindLegalServicesReply>(request, context);
}
