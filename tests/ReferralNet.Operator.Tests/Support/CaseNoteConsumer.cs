using MassTransit;

namespace ReferralNet.Operator.Tests.Support;

/// <summary>Fails while its service is broken (or when the note asks it to); otherwise records what it consumed.</summary>
public sealed class CaseNoteConsumer(ConsumingService service) : IConsumer<CaseNote>
{
    public Task Consume(ConsumeContext<CaseNote> context)
    {
        if (context.Message.Failure is { } failure)
            throw new InvalidOperationException(failure);
        if (service.Broken)
            throw new InvalidOperationException($"case note for referral {context.Message.ReferralId} could not be stored: the service is broken");
        service.Consumed(context.MessageId!.Value);
        return Task.CompletedTask;
    }
}
