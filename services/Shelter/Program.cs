using ReferralNet.BuildingBlocks.Data;
using ReferralNet.BuildingBlocks.Hosting;
using ReferralNet.BuildingBlocks.Identity;
using ReferralNet.BuildingBlocks.Messaging;
using ReferralNet.BuildingBlocks.Referrals;
using ReferralNet.Shelter.Beds;
using ReferralNet.Shelter.Data;
using ReferralNet.Shelter.Referrals;
using ReferralNet.Shelter.Shelters;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrganisationIdentity();
builder.AddReferralNetDatabase<ShelterDbContext>();
builder.AddReferralEngine();
builder.AddReferralNetMessaging(bus => bus.AddReferralConsumers("shelter").AddConsumer<BedBoardRefreshRequestedConsumer>());
builder.AddBeds();
builder.AddShelterIntake();

var app = builder.Build();
await app.InitialiseDatabaseAsync<ShelterDbContext>(ShelterSeeder.SeedAsync);
app.UseAuthentication();
app.UseAuthorization();
app.MapShelters();
app.MapBeds();
app.MapGrpcService<BedLookupService>();
app.MapReferralEngine();
app.MapDefaultEndpoints();
app.Run();
