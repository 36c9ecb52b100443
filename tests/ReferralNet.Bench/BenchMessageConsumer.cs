using MassTransit;

namespace ReferralNet.Bench;

/// <summary>Records each <see cref="BenchMessage"/>'s latency; does nothing else, so only the transport is timed.</summary>
public sealed class BenchMessageConsumer(Deliveries deliveries) : IConsumer<BenchMessage>
{
    public Task Consume(ConsumeContext<BenchMessage> context)
    {
        deliveries.Record(context.Message.Run, context.Message.SentAt);
        return Task.CompletedTask;
    }
}
