using ReferralNet.BuildingBlocks.Hosting;
using ReferralNet.BuildingBlocks.Messaging;
using ReferralNet.Portal.Beds;
using ReferralNet.Portal.Shared;
using ReferralNet.Portal.SignIn;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPortalSignIn();
builder.AddPartnerServices();
builder.AddReferralNetMessaging(bus => bus.AddConsumer<BedChangeConsumer>());
builder.AddLiveBedBoard();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapPortalSignIn();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapDefaultEndpoints();
app.Run();
