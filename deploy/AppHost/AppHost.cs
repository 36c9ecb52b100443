using ReferralNet.AppHost;

var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
{
    Args = args,
    // Every resource's console output also goes to the AppHost's own log, so deploy/up.sh can show
    // why a service did not come up without anyone opening the dashboard.
    EnableResourceLogging = true,
});

var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
// deploy/.data survives restarts: the broker's queues and each service's database are reused.
// REFERRALNET_DATA and REFERRALNET_NETWORK_ENV start a second network beside it (the attack suite does).
var data = Path.GetFullPath(builder.Configuration["REFERRALNET_DATA"] is { Length: > 0 } dataOverride
    ? dataOverride
    : Path.Combine(repository, "deploy", ".data"));
var seeds = Path.Combine(repository, "seeds");
var network = LocalNetwork.Load(builder.Configuration["REFERRALNET_NETWORK_ENV"] is { Length: > 0 } networkOverride
    ? networkOverride
    : Path.Combine(repository, "deploy", "network.env"));
DashboardSecrets.LoadOrCreate(Path.Combine(data, "dashboard")).ApplyTo(builder.Configuration);

var rabbitmq = builder.AddLocalRabbitMq("rabbitmq", Path.Combine(data, "rabbitmq"), network.Port("AMQP_PORT"), network.Port("MANAGEMENT_PORT"));

var services = new ReferralNetServiceDefaults(rabbitmq, data, seeds);
var partnerServices = new[]
{
    builder.AddReferralNetService<Projects.ReferralNet_Shelter>("shelter", network, services),
    builder.AddReferralNetService<Projects.ReferralNet_LegalAid>("legalaid", network, services),
    builder.AddReferralNetService<Projects.ReferralNet_Medical>("medical", network, services),
    builder.AddReferralNetService<Projects.ReferralNet_Vocational>("vocational", network, services),
};

builder.AddReferralNetPortal<Projects.ReferralNet_Portal>("portal", network.Port("PORTAL_PORT"), partnerServices, services,
    dashboardUrl: $"http://127.0.0.1:{network.Port("DASHBOARD_PORT")}");

builder.Build().Run();
