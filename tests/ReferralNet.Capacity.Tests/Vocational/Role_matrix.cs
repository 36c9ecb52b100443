using Grpc.Core;
using Grpc.Net.Client;
using ReferralNet.Vocational.Data;
using ReferralNet.Protos.Vocational.V1;

namespace ReferralNet.Capacity.Tests.Vocational;

/// <summary>The Vocational service's cells of the role × endpoint table, its lookup being ProgrammeLookup.</summary>
public sealed class Role_matrix(ServiceWithTokens<VocationalDbContext> fixture)
    : Role_matrix<VocationalDbContext>(fixture), IClassFixture<ServiceWithTokens<VocationalDbContext>>
{
    protected override string Audience => "vocational";
    protected override string OwnOrganisation => "new-paths";
    protected override string OtherOrganisation => "skills-forward";
    protected override string ServiceCode => "vocational:training";

    protected override Task LookUpAsync(GrpcChannel channel, CallOptions options) =>
        new ProgrammeLookup.ProgrammeLookupClient(channel).FindProgrammesAsync(new(), options).ResponseAsync;
}
