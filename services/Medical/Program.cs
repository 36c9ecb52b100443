using ReferralNet.BuildingBlocks.Beds;
using ReferralNet.BuildingBlocks.Data;
using ReferralNet.BuildingBlocks.Hosting;
using ReferralNet.BuildingBlocks.Identity;
using ReferralNet.BuildingBlocks.Messaging;
using ReferralNet.BuildingBlocks.Referrals;
using ReferralNet.Medical.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrganisationIdentity();
builder.AddReferralNetDatabase<MedicalDbContext>();
builder.AddReferralEngine();
builder.AddReferralNetMessaging(bus => bus.AddReferralConsumers("medical").AddBedBoard());

var app = builder.Build();
await app.InitialiseDatabaseAsync<MedicalDbContext>();
app.UseAuthentication();
app.UseAuthorization();
app.MapBedBoard();
app.MapReferralEngine();
app.MapDefaultEndpoints();
app.Run();
