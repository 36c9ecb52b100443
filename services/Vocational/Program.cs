using ReferralNet.BuildingBlocks.Beds;
using ReferralNet.BuildingBlocks.Data;
using ReferralNet.BuildingBlocks.Hosting;
using ReferralNet.BuildingBlocks.Identity;
using ReferralNet.BuildingBlocks.Messaging;
using ReferralNet.BuildingBlocks.Referrals;
using ReferralNet.Vocational.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrganisationIdentity();
builder.AddReferralNetDatabase<VocationalDbContext>();
builder.AddReferralEngine();
builder.AddReferralNetMessaging(bus => bus.AddReferralConsumers("vocational").AddBedBoard());

var app = builder.Build();
await app.InitialiseDatabaseAsync<VocationalDbContext>();
app.UseAuthentication();
app.UseAuthorization();
app.MapBedBoard();
app.MapReferralEngine();
app.MapDefaultEndpoints();
app.Run();
