using ReferralNet.BuildingBlocks.Beds;
using ReferralNet.BuildingBlocks.Capacity;
using ReferralNet.BuildingBlocks.Data;
using ReferralNet.BuildingBlocks.Hosting;
using ReferralNet.BuildingBlocks.Identity;
using ReferralNet.BuildingBlocks.Messaging;
using ReferralNet.BuildingBlocks.Referrals;
using ReferralNet.Vocational.Programmes;
using ReferralNet.Vocational.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrganisationIdentity();
builder.AddReferralNetDatabase<VocationalDbContext>();
builder.AddReferralEngine();
builder.AddCapacity(ProgrammeKinds.Terms);
builder.AddReferralNetMessaging(bus => bus.AddReferralConsumers("vocational").AddBedBoard());

var app = builder.Build();
await app.InitialiseDatabaseAsync<VocationalDbContext>(CapacitySeeder.From("vocational-programmes.json"));
app.UseAuthentication();
app.UseAuthorization();
app.MapBedBoard();
app.MapCapacity();
app.MapGrpcService<ProgrammeLookupService>();
app.MapReferralEngine();
app.MapDefaultEndpoints();
app.Run();
