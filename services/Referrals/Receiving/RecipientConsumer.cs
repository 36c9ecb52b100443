using MassTransit;
using ReferralNet.Messaging.Inbox;

namespace ReferralNet.Referrals.Receiving;

/// <summary>
/// A message a sending organisation addressed to one of this service's organisations: applied on the
/// recipient's side, once, and answered to the sender through the outbox in the same transaction.
/// </summary>
public abstract class RecipientConsumer<TMessage>(ReferralNetDbContext db, OrganisationDirectory directory, TimeProvider clock)
    : InboxConsumer<TMessage>(db) where TMessage : class
{
    /// <summary>The directory the sender's queue is looked up in.</summary>
    protected OrganisationDirectory Directory { get; } = directory;

    /// <summary>The service's clock.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <inheritdoc />
    protected sealed override Task HandleAsync(ConsumeContext<TMessage> context) =>
        ApplyAsync(context.Message, context.CancellationToken);

    /// <summary>Applies the message's effects and adds the answer to the sender; the caller saves.</summary>
    public abstract Task ApplyAsync(TMessage message, CancellationToken ct);

    /// <summary>Adds <paramref name="answer"/> to the outbox, for the queue of the organisation that sent the message.</summary>
    protected void AnswerSender<TAnswer>(TAnswer answer, string senderOrganisationId) where TAnswer : class =>
        Db.AddToOutbox(answer, Directory.QueueOf(senderOrganisationId));
}
