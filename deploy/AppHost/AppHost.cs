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
var data = Path.Combine(repository, "deploy", ".data");
var seeds = Path.Combine(repository, "seeds");

var rabbitmq = builder.AddLocalRabbitMq("rabbitmq", Path.Combine(data, "rabbitmq"));

var services = new ReferralNetServiceDefaults(rabbitmq, data, seeds);
var partnerServices = new[]
{
    builder.AddReferralNetService<Projects.ReferralNet_Shelter>("shelter", restPort: 5101, grpcPort: 5201, services),
    builder.AddReferralNetService<Projects.ReferralNet_LegalAid>("legalaid", restPort: 5102, grpcPort: 5202, services),
    builder.AddReferralNetService<Projects.ReferralNet_Medical>("medical", restPort: 5103, grpcPort: 5203, services),
    builder.AddReferralNetService<Projects.ReferralNet_Vocational>("vocational", restPort: 5104, grpcPort: 5204, services),
};

builder.AddReferralNetPortal<Projects.ReferralNet_Portal>("portal", port: 5100, partnerServices, services, dashboardUrl: "http://127.0.0.1:18888");

builder.Build().Run();
