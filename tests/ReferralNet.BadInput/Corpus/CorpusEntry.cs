using System.Text.Json.Serialization;

namespace ReferralNet.BadInput.Corpus;

/// <summary>
/// One bad request of the corpus: a line of the JSON lines file. Text in <see cref="Path"/>,
/// <see cref="Headers"/> and <see cref="Body"/> may hold placeholders such as
/// <c>{own:survivor}</c> that the replay fills with ids it creates first (see <see cref="Placeholders"/>).
/// </summary>
public sealed record CorpusEntry
{
    /// <summary>Position in the corpus, from 1.</summary>
    public required int Id { get; init; }

    /// <summary>shelter, legalaid, medical or vocational.</summary>
    public required string Service { get; init; }

    /// <summary>rest, grpc or amqp.</summary>
    public required string Protocol { get; init; }

    /// <summary>HTTP method (rest), the full gRPC method path (grpc), or "publish" (amqp).</summary>
    public required string Method { get; init; }

    /// <summary>Path and query (rest), gRPC method path (grpc), or the queue name (amqp).</summary>
    public required string Path { get; init; }

    /// <summary>Request headers (rest, grpc) or message properties and headers (amqp).</summary>
    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>The body as text (UTF-8), when it is text.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Body { get; init; }

    /// <summary>The body as bytes, when it is not valid UTF-8 text (or is gRPC framing).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BodyBase64 { get; init; }

    /// <summary>A body too big to store: built at replay time.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HugeBody? Huge { get; init; }

    /// <summary>Which kind of badness (see <see cref="Categories"/>).</summary>
    public required string Category { get; init; }

    /// <summary>What it tries, in a few words.</summary>
    public required string Note { get; init; }

    /// <summary>
    /// "4xx": the request is wrong and must be refused with a message. "any": the values are odd
    /// but legal (an injection string as a note is just a note), so 2xx is right too; never 5xx.
    /// For amqp, "error-queue": the message must end in the endpoint's _error queue.
    /// </summary>
    public required string Expect { get; init; }

    /// <summary>The bytes to send, placeholders filled in.</summary>
    public byte[] BodyBytes(Func<string, string> fill)
    {
        if (Huge is not null)
            return Huge.Build();
        if (BodyBase64 is not null)
            return Convert.FromBase64String(BodyBase64);
        return Body is null ? [] : System.Text.Encoding.UTF8.GetBytes(fill(Body));
    }
}
