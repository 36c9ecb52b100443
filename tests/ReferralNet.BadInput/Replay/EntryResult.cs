using ReferralNet.BadInput.Corpus;

namespace ReferralNet.BadInput.Replay;

/// <summary>How the network answered one entry.</summary>
public sealed record EntryResult(CorpusEntry Entry, Outcome Outcome, string Status, string? Detail)
{
    /// <summary>Whether this answer breaks the rules: 5xx, crash, 4xx without message, or bad input accepted.</summary>
    public bool IsFailure => Outcome is Outcome.ServerError or Outcome.Crash or Outcome.ClientErrorWithoutMessage or Outcome.Accepted or Outcome.NotInErrorQueue;
}

/// <summary>The class of an answer.</summary>
public enum Outcome
{
    /// <summary>2xx (or gRPC OK) where the entry allowed it.</summary>
    Success,
    /// <summary>2xx for an entry that must be refused.</summary>
    Accepted,
    /// <summary>4xx (or a gRPC client status) with a useful message.</summary>
    ClientError,
    /// <summary>4xx without a useful message.</summary>
    ClientErrorWithoutMessage,
    /// <summary>5xx, or gRPC Unknown, Internal, Unavailable, DataLoss, DeadlineExceeded.</summary>
    ServerError,
    /// <summary>No answer: connection reset, protocol error, timeout, an exception out of the server.</summary>
    Crash,
    /// <summary>amqp: the message reached the queue's _error queue.</summary>
    InErrorQueue,
    /// <summary>
    /// amqp: MassTransit moved the message to the queue's _skipped queue: no consumer there takes
    /// its message type. Kept, not lost, and nothing ran.
    /// </summary>
    InSkippedQueue,
    /// <summary>amqp: the message was consumed without failing.</summary>
    NotInErrorQueue,
}
