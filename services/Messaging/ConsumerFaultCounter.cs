using System.Diagnostics.Metrics;
using MassTransit;
using ReferralNet.ServiceDefaults.Telemetry;

namespace ReferralNet.Messaging;

/// <summary>
/// Counts messages whose consumers failed, by message type: seen after the retries, so one count
/// is one message on its way to an <c>_error</c> queue. MassTransit's own
/// <c>messaging.masstransit.consume.errors</c> counts every failed attempt; both are exported.
/// </summary>
public sealed class ConsumerFaultCounter : IConsumeObserver
{
    static readonly Counter<long> Faults = ReferralNetTelemetry.Meter.CreateCounter<long>(ReferralNetTelemetry.Metrics.ConsumerFaults,
        unit: "{message}", description: "Messages whose consumer failed after its retries, by message type");

    /// <inheritdoc />
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    /// <inheritdoc />
    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    /// <inheritdoc />
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        // Type names only: the exception's message may name ids, and the body is never looked at.
        Faults.Add(1,
            new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.MessageType, typeof(T).Name),
            new KeyValuePair<string, object?>(ReferralNetTelemetry.Tags.ExceptionType, exception.GetType().Name));
        return Task.CompletedTask;
    }
}
