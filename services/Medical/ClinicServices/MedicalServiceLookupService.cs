using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Capacity;
using ReferralNet.Protos.Medical.V1;

namespace ReferralNet.Medical.ClinicServices;

/// <summary>The gRPC lookup of clinic services with open appointments (the shared <see cref="CapacityLookup"/> answers).</summary>
[Authorize(Policy = AccessPolicies.Partner)]
public sealed class MedicalServiceLookupService(CapacityLookup lookup) : MedicalServiceLookup.MedicalServiceLookupBase
{
    public override Task<FindMedicalServicesReply> FindMedicalServices(FindMedicalServicesRequest request, ServerCallContext context) =>
        lookup.AnswerAsync<FindMedicalServicesReply>(request, context);
}
