namespace ReferralNet.Operator.ErrorQueues;

/// <summary>
/// A message in an error queue as the operator sees it: ids, type, queues, the error's first line
/// and when it failed. Never the body: it may carry consented personal data.
/// </summary>
public sealed record FailedMessage(
    string MessageId,
    string MessageType,
    string ErrorQueue,
    string SourceQueue,
    string Error,
    DateTimeOffset? FailedAt,
    int Retries,
    int Redeliveries);
