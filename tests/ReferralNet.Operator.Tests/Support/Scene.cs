using ReferralNet.Testing;

namespace ReferralNet.Operator.Tests.Support;

/// <summary>A virtual host of its own with a failing MassTransit service on it, and the tool pointed at it.</summary>
public sealed class Scene : IAsyncDisposable
{
    public const string ErrorQueue = ConsumingService.Queue + "_error";

    /// <summary>Personal data in every note's body; it must never reach the tool's output.</summary>
    public const string Canary = "Maria Lopez born 1990-04-01";

    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-operator-").FullName;

    Scene(string connectionString, ConsumingService service, string managementUrl)
    {
        ConnectionString = connectionString;
        Service = service;
        // The tool logs in as the operator, with only the operator's permissions; the test inspects as the administrator.
        Tool = new Tool(RabbitMqBroker.AsAccount(connectionString, ReferralNet.Broker.BrokerAccounts.OperatorName), managementUrl, DiscardLog);
    }

    public string ConnectionString { get; }
    public ConsumingService Service { get; }
    public Tool Tool { get; }
    public string DiscardLog => Path.Combine(_folder, "operator", "discards.log");

    public static async Task<Scene> StartAsync(ManagedBroker broker)
    {
        var connectionString = await broker.NewVirtualHostAsync();
        var service = await ConsumingService.StartAsync(connectionString);
        return new Scene(connectionString, service, broker.ManagementUrl);
    }

    /// <summary>Sends notes the broken consumer fails on and waits until all are in the error queue.</summary>
    public async Task<List<Guid>> FailAsync(int count, string? failure = null)
    {
        var before = await Queues.CountAsync(ConnectionString, ErrorQueue);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
            ids.Add(await Service.SendAsync(new CaseNote($"rf-{i}", Canary, failure)));
        await Eventually.HoldsAsync(async () => await Queues.CountAsync(ConnectionString, ErrorQueue) == before + count, $"{count} message(s) in {ErrorQueue}");
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
