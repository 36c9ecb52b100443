using ReferralNet.BuildingBlocks.Beds;
using ReferralNet.BuildingBlocks.Data;
using ReferralNet.BuildingBlocks.Hosting;
using ReferralNet.BuildingBlocks.Identity;
using ReferralNet.BuildingBlocks.Messaging;
using ReferralNet.Medical.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrganisationIdentity();
builder.AddReferralNetDatabase<MedicalDbContext>();
builder.AddReferralNetMessaging(bus => bus.AddBedBoard());

var app = builder.Build();
await app.InitialiseDatabaseAsync<MedicalDbContext>();
app.UseAuthentication();
app.UseAuthorization();
app.MapBedBoard();
app.MapDefaultEndpoints();
app.Run();
