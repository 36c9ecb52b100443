using ReferralNet.BuildingBlocks.Beds;
using ReferralNet.BuildingBlocks.Capacity;
using ReferralNet.BuildingBlocks.Data;
using ReferralNet.BuildingBlocks.Hosting;
using ReferralNet.BuildingBlocks.Identity;
using ReferralNet.BuildingBlocks.Messaging;
using ReferralNet.BuildingBlocks.Referrals;
using ReferralNet.LegalAid.CaseTypes;
using ReferralNet.LegalAid.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrganisationIdentity();
builder.AddReferralNetDatabase<LegalAidDbContext>();
builder.AddReferralEngine();
builder.AddCapacity(CaseTypes.Terms);
builder.AddReferralNetMessaging(bus => bus.AddReferralConsumers("legalaid").AddBedBoard());

var app = builder.Build();
await app.InitialiseDatabaseAsync<LegalAidDbContext>(CapacitySeeder.From("legal-services.json"));
app.UseAuthentication();
app.UseAuthorization();
app.MapBedBoard();
app.MapCapacity();
app.MapGrpcService<LegalServiceLookupService>();
app.MapReferralEngine();
app.MapDefaultEndpoints();
app.Run();
