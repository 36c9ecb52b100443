using Grpc.Core;
using Grpc.Net.Client;
using ReferralNet.Medical.Data;
using ReferralNet.Protos.Medical.V1;

namespace ReferralNet.Capacity.Tests.Medical;

/// <summary>The Medical service's cells of the role × endpoint table, its lookup being MedicalServiceLookup.</summary>
public sealed class Role_matrix(ServiceWithTokens<MedicalDbContext> fixture)
    : Role_matrix<MedicalDbContext>(fixture), IClassFixture<ServiceWithTokens<MedicalDbContext>>
{
    protected override string Audience => "medical";
    protected override string OwnOrganisation => "st-mary-clinic";
    protected override string OtherOrganisation => "valley-health";
    protected override string ServiceCode => "medical:trauma-care";

    protected override Task LookUpAsync(GrpcChannel channel, CallOptions options) =>
        new MedicalServiceLookup.MedicalServiceLookupClient(channel).FindMedicalServicesAsync(new(), options).ResponseAsync;
}
