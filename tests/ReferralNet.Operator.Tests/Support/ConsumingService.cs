using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReferralNet.Operator.Tests.Support;

/// <summary>
/// A MassTransit service on a virtual host of the test broker, consuming <see cref="CaseNote"/>
/// on the queue <see cref="Queue"/> without retries: a failure moves the message to
/// <c>case-notes_error</c>, headers and all, as in the real services.
/// </summary>
public sealed class ConsumingService : IAsyncDisposable
{
    public const string Queue = "case-notes";

    readonly ConcurrentDictionary<Guid, byte> _consumed = new();
    IHost? _host;

    ConsumingService(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    /// <summary>While true, the consumer fails on every message.</summary>
    public bool Broken { get; set; } = true;

    public bool HasConsumed(Guid messageId) => _consumed.ContainsKey(messageId);

    public int ConsumedCount => _consumed.Count;

    internal void Consumed(Guid messageId) => _consumed[messageId] = 0;

    public static async Task<ConsumingService> StartAsync(string connectionString)
    {
        var service = new ConsumingService(connectionString);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(service);
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddConsumer<CaseNoteConsumer>().Endpoint(e => e.Name = Queue);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ConfigureEndpoints(context);
            });
        });
        service._host = builder.Build();
        await service._host.StartAsync();
        return service;
    }

    /// <summary>Sends a note to the queue; returns its message id.</summary>
    public async Task<Guid> SendAsync(CaseNote note)
    {
        var id = NewId.NextGuid();
        var endpoint = await _host!.Services.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri($"queue:{Queue}"));
        await endpoint.Send(note, context => context.MessageId = id);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        // Tests stop the service early to leave messages unconsumed; the scene disposes it again.
        if (Interlocked.Exchange(ref _host, null) is { } host)
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
            host.Dispose();
        }
    }
}
