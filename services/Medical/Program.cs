using ReferralNet.BuildingBlocks.Beds;
using ReferralNet.BuildingBlocks.Capacity;
using ReferralNet.BuildingBlocks.Data;
using ReferralNet.BuildingBlocks.Hosting;
using ReferralNet.BuildingBlocks.Identity;
using ReferralNet.BuildingBlocks.Messaging;
using ReferralNet.BuildingBlocks.Referrals;
using ReferralNet.Medical.ClinicServices;
using ReferralNet.Medical.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrganisationIdentity();
builder.AddReferralNetDatabase<MedicalDbContext>();
builder.AddReferralEngine();
builder.AddCapacity(ClinicServices.Terms);
builder.AddReferralNetMessaging(bus => bus.AddReferralConsumers("medical").AddBedBoard());

var app = builder.Build();
await app.InitialiseDatabaseAsync<MedicalDbContext>(CapacitySeeder.From("medical-services.json"));
app.UseAuthentication();
app.UseAuthorization();
app.MapBedBoard();
app.MapCapacity();
app.MapGrpcService<MedicalServiceLookupService>();
app.MapReferralEngine();
app.MapDefaultEndpoints();
app.Run();
