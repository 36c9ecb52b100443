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

// The one place the local network's environment is chosen: every service, the identity service and
// the portal run in it. Development turns on what is for development only (the API keys and accounts
// in seeds/, the development portal client secret); in any other environment each of them refuses to
// start with such a setting, naming it. REFERRALNET_ENVIRONMENT (deploy/up.sh passes it on) changes it.
var environment = builder.Configuration["REFERRALNET_ENVIRONMENT"] is { Length: > 0 } chosen ? chosen : "Development";
var identityAuthority = $"http://{LoopbackEndpointExtensions.Loopback}:{network.RestPort("identity")}/";

var services = new ReferralNetServiceDefaults(rabbitmq, data, seeds, environment, identityAuthority);
var identity = builder.AddReferralNetIdentity<Projects.ReferralNet_Identity>("identity", network, services);
var partnerServices = new[]
{
    builder.AddReferralNetService<Projects.ReferralNet_Shelter>("shelter", network, services),
    builder.AddReferralNetService<Projects.ReferralNet_LegalAid>("legalaid", network, services),
    builder.AddReferralNetService<Projects.ReferralNet_Medical>("medical", network, services),
    builder.AddReferralNetService<Projects.ReferralNet_Vocational>("vocational", network, services),
};

builder.AddReferralNetPortal<Projects.ReferralNet_Portal>("portal", network.Port("PORTAL_PORT"), partnerServices, services,
    dashboardUrl: $"http://127.0.0.1:{network.Port("DASHBOARD_PORT")}")
    .WaitFor(identity);

builder.Build().Run();
