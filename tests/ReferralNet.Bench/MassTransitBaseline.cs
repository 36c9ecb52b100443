using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralNet.Messaging;

namespace ReferralNet.Bench;

/// <summary>
/// (B) MassTransit as the services run it: the bus comes from the services' own
/// <see cref="MessagingExtensions.AddReferralNetMessaging"/> (publisher confirms, prefetch, retry
/// policy, endpoint naming), with one consumer that only records the latency. Each publish is
/// awaited until the broker has confirmed it.
/// </summary>
sealed class MassTransitBaseline : IAsyncDisposable
{
    readonly IHost _host;
    readonly IBus _bus;
    readonly Deliveries _deliveries;

    MassTransitBaseline(IHost host)
    {
        _host = host;
        _bus = host.Services.GetRequiredService<IBus>();
        _deliveries = host.Services.GetRequiredService<Deliveries>();
    }

    /// <param name="settings">The same configuration the services get (--set), so ReferralNet:Messaging:* apply here too.</param>
    public static async Task<MassTransitBaseline> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "ReferralNet.Bench" });
        var configuration = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{MessagingExtensions.ConnectionStringName}"] = connectionString,
            ["ReferralNet:ServiceName"] = "bench",
        };
        foreach (var (key, value) in settings)
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton<Deliveries>();
        builder.AddReferralNetMessaging(bus => bus.AddConsumer<BenchMessageConsumer>());
        var host = builder.Build();
        await host.StartAsync(ct);
        return new MassTransitBaseline(host);
    }

    /// <summary>Publishes <paramref name="count"/> messages, at most <paramref name="inFlight"/> unconfirmed, and waits until all are consumed.</summary>
    public async Task<Timed> RunAsync(int run, int count, int inFlight, string payload, TimeSpan timeout, CancellationToken ct)
    {
        _deliveries.Begin(run, count);
        using var window = new SemaphoreSlim(inFlight);
        var publishes = new List<Task>(count);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await window.WaitAsync(ct);
            publishes.Add(PublishAsync(new BenchMessage(run, Stopwatch.GetTimestamp(), payload)));
        }
        await Task.WhenAll(publishes);
        await _deliveries.AllReceived.WaitAsync(timeout, ct);
        return new Timed(count, Stopwatch.GetElapsedTime(started, _deliveries.LastAt).TotalSeconds, _deliveries.LatencyMs);

        async Task PublishAsync(BenchMessage message)
        {
            try
            {
                await _bus.Publish(message, ct);
            }
            finally
            {
                window.Release();
            }
        }
    }

    public int Strays => _deliveries.Strays;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
