using ReferralNet.Protos;
using ReferralNet.ServiceDefaults;
using ReferralNet.Messaging;
using ReferralNet.Portal.Beds;
using ReferralNet.Portal.Shared;
using ReferralNet.Portal.SignIn;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ProtoFiles.All);
// Serves wwwroot and the Blazor script from the build output too (tests and the AppHost run it there,
// not only in Development); a published app has no such manifest and this does nothing.
builder.WebHost.UseStaticWebAssets();
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
