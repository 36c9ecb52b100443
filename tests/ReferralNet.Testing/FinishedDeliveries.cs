using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralNet.Testing;

/// <summary>
/// Every delivery whose consume has finished, by message id: recorded after the consumer returned
/// or, once the retries are spent, failed. MassTransit calls a consume observer outside its message
/// retry, so one delivery is counted once however often it was tried, and whatever it did (or
/// rolled back) is done by the time it counts here. That makes it the marker to wait for before
/// asserting that a copy of a message had no effect.
/// </summary>
/// <remarks>
/// Copies of one message share its id, so they are counted, not deduplicated (the test harness's
/// own <c>Consumed</c> list keeps one entry per message id).
/// </remarks>
public sealed class FinishedDeliveries : IConsumeObserver
{
    readonly ConcurrentDictionary<Guid, int> _consumed = new();
    readonly ConcurrentDictionary<Guid, int> _faulted = new();

    /// <summary>Adds one to the bus of <paramref name="services"/>, as a singleton the test can ask for.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<FinishedDeliveries>();
        services.AddConsumeObserver(provider => provider.GetRequiredService<FinishedDeliveries>());
    }

    /// <summary>Deliveries of the message that finished, with or without a fault.</summary>
    public int Of(Guid messageId) => _consumed.GetValueOrDefault(messageId) + _faulted.GetValueOrDefault(messageId);

    /// <summary>Deliveries of the message whose consumer still failed after the last retry.</summary>
    public int FaultedOf(Guid messageId) => _faulted.GetValueOrDefault(messageId);

    /// <summary>Waits until at least <paramref name="deliveries"/> deliveries of the message have finished.</summary>
    public Task WaitForAsync(Guid messageId, int deliveries, TimeSpan? patience = null) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Of(messageId)), finished => finished >= deliveries,
            $"finished deliveries of message {messageId} (waiting for {deliveries})", patience);

    /// <summary>Waits until a delivery of the message has failed after its last retry.</summary>
    public Task WaitForFaultAsync(Guid messageId, TimeSpan? patience = null) =>
        Eventually.HoldsAsync(() => FaultedOf(messageId) > 0, $"a faulted delivery of message {messageId}", patience);

    Task IConsumeObserver.PreConsume<T>(ConsumeContext<T> context) => Task.CompletedTask;

    Task IConsumeObserver.PostConsume<T>(ConsumeContext<T> context)
    {
        Count(_consumed, context);
        return Task.CompletedTask;
    }

    Task IConsumeObserver.ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
    {
        Count(_faulted, context);
        return Task.CompletedTask;
    }

    static void Count(ConcurrentDictionary<Guid, int> counts, ConsumeContext context)
    {
        if (context.MessageId is { } id)
            counts.AddOrUpdate(id, 1, (_, n) => n + 1);
    }
}
