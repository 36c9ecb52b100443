using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Clients;
using ReferralNet.Identity.Data;
using ReferralNet.Identity.Seeds;
using ReferralNet.Identity.SignIn;
using ReferralNet.Identity.Staff;
using ReferralNet.Identity.Tokens;
using ReferralNet.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddStaffDatabase();
builder.AddStaffAccounts();
builder.AddTokenServer();
builder.AddDevelopmentSeeds();

var app = builder.Build();
await app.InitialiseStaffDatabaseAsync();
await app.RegisterClientsAsync();
await app.LoadDevelopmentSeedsAsync();
app.UseAuthentication();
app.UseAntiforgery();
app.MapSignIn();
app.MapStaffPages();
app.MapSetUp();
app.MapAuthorization();
app.MapTokenEndpoint();
app.MapDefaultEndpoints();
app.Run();
