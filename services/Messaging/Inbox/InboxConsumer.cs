using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Data;
using ReferralNet.Messaging.Failpoints;

namespace ReferralNet.Messaging.Inbox;

/// <summary>
/// A consumer whose effects happen exactly once per message id: the id is recorded in the inbox in
/// the same transaction as the effects, and a message whose id is already there is acknowledged
/// without effect. <see cref="HandleAsync"/> only changes the tracked entities (and may add
/// outbox rows); this class saves them.
/// </summary>
public abstract class InboxConsumer<TMessage>(ReferralNetDbContext db) : IConsumer<TMessage>
    where TMessage : class
{
    /// <summary>The service's database, shared with the inbox.</summary>
    protected ReferralNetDbContext Db { get; } = db;

    /// <summary>The name the inbox records this consumer under.</summary>
    protected virtual string ConsumerName => GetType().Name;

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"a {typeof(TMessage).Name} arrived without a message id; the inbox cannot deduplicate it");

        // A malformed message goes to the _error queue at once (ArgumentException is not retried).
        MessageShape.Require(context.Message);

        var seen = await Db.Inbox.AnyAsync(m => m.MessageId == messageId && m.Consumer == ConsumerName, context.CancellationToken);
        if (seen)
            return;

        try
        {
            await using var transaction = await Db.Database.BeginTransactionAsync(context.CancellationToken);
            await HandleAsync(context);
            Db.Inbox.Add(new InboxMessage { MessageId = messageId, Consumer = ConsumerName, ProcessedAt = DateTimeOffset.UtcNow });
            await Db.SaveChangesAsync(context.CancellationToken);
            Failpoint.Hit(FailpointNames.InboxBeforeCommit);
            await transaction.CommitAsync(context.CancellationToken);
            await Db.CommittedAsync(context.CancellationToken);
            // Committed, not yet acknowledged: the broker will deliver this message again.
            Failpoint.Hit(FailpointNames.InboxAfterCommit);
        }
        catch
        {
            // A retry must start from the database, not from this attempt's half-made changes.
            Db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>Applies the message's effects to tracked entities; do not call SaveChanges.</summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context);
}
