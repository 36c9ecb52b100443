using Grpc.Core;
using Grpc.Net.Client;
using ReferralNet.LegalAid.Data;
using ReferralNet.Protos.LegalAid.V1;

namespace ReferralNet.Capacity.Tests.LegalAid;

/// <summary>The LegalAid service's cells of the role × endpoint table, its lookup being LegalServiceLookup.</summary>
public sealed class Role_matrix(ServiceWithTokens<LegalAidDbContext> fixture)
    : Role_matrix<LegalAidDbContext>(fixture), IClassFixture<ServiceWithTokens<LegalAidDbContext>>
{
    protected override string Audience => "legalaid";
    protected override string OwnOrganisation => "justice-bridge";
    protected override string OtherOrganisation => "open-door-law";
    protected override string ServiceCode => "legal:t-visa";

    protected override Task LookUpAsync(GrpcChannel channel, CallOptions options) =>
        new LegalServiceLookup.LegalServiceLookupClient(channel).FindLegalServicesAsync(new(), options).ResponseAsync;
}
