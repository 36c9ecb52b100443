using System.Text;

namespace ReferralNet.BadInput.Corpus;

/// <summary>
/// The broker part of the corpus: malformed messages published straight to each service's queues.
/// Each must end in the queue's <c>_error</c> queue, and the service must stay healthy.
/// </summary>
public sealed class AmqpCorpus(ServiceCatalog service, Random random)
{
    const string MassTransitJson = "application/vnd.masstransit+json";
    readonly List<CorpusEntry> _entries = [];

    public IReadOnlyList<CorpusEntry> Generate()
    {
        foreach (var queue in service.Queues)
            foreach (var type in MessageTypes(queue))
                Messages(queue, type);
        return _entries;
    }

    static IEnumerable<string> MessageTypes(string queue) => queue switch
    {
        _ when queue.EndsWith("-referrals", StringComparison.Ordinal) =>
            ["Referrals:ReferralRequested", "Referrals:ReferralReceived", "Referrals:ReferralStatusChanged", "Referrals:ConsentWithdrawn", "Referrals:PersonalDataPurged"],
        _ when queue.EndsWith("-bed-availability-changed", StringComparison.Ordinal) => ["Beds:BedAvailabilityChanged"],
        _ => ["Beds:BedBoardRefreshRequested"],
    };

    void Add(string queue, string note, string? body = null, byte[]? bytes = null, HugeBody? huge = null, string? contentType = MassTransitJson)
    {
        var headers = new Dictionary<string, string>();
        if (contentType is not null)
            headers["content_type"] = contentType;
        _entries.Add(new CorpusEntry
        {
            Id = 0, Service = service.Name, Protocol = "amqp", Method = "publish", Path = queue, Headers = headers,
            Body = body, BodyBase64 = bytes is null ? null : Convert.ToBase64String(bytes), Huge = huge,
            Category = Categories.MalformedMessages, Note = note, Expect = "error-queue",
        });
    }

    static string Envelope(string type, string message) =>
        $"{{\"messageId\":\"{Guid.Empty}\",\"messageType\":[\"urn:message:ReferralNet.Contracts.{type}\"],\"message\":{message}}}";

    void Messages(string queue, string type)
    {
        var name = type.Split(':')[1];
        // The generic shapes only once per queue, the typed ones for each message type.
        if (type == MessageTypes(queue).First())
        {
            Add(queue, "not JSON", body: "this is not json");
            Add(queue, "empty body", body: "");
            Add(queue, "JSON null", body: "null");
            Add(queue, "a JSON array", body: "[1,2,3]");
            Add(queue, "truncated envelope", body: Envelope(type, "{}")[..30]);
            Add(queue, "unknown message type", body: Envelope("Referrals:NoSuchMessage", "{}"));
            Add(queue, "messageType not an array", body: Envelope(type, "{}").Replace("[\"urn", "\"urn").Replace("\"],\"message", "\",\"message"));
            Add(queue, "content type application/xml", body: "<a/>", contentType: "application/xml");
            Add(queue, "no content type, binary body", bytes: RandomBytes(64), contentType: null);
            Add(queue, "unknown content type", bytes: [0, 1, 2, 3], contentType: "application/x-unknown");
            Add(queue, "text/plain", body: "hello", contentType: "text/plain");
            Add(queue, "invalid UTF-8", bytes: [.. Encoding.UTF8.GetBytes(Envelope(type, "{\"a\":\"")), 0xC0, 0xAF, .. "\"}}"u8.ToArray()]);
            Add(queue, "nesting 10,000 deep", body: Envelope(type, new string('[', 10_000) + new string(']', 10_000)));
            Add(queue, "1 MB of garbage", bytes: RandomBytes(1024 * 1024));
        }
        Add(queue, $"{name}: message null", body: Envelope(type, "null"));
        Add(queue, $"{name}: message missing every field", body: Envelope(type, "{}"));
        Add(queue, $"{name}: message is a string", body: Envelope(type, "\"text\""));
        Add(queue, $"{name}: every field of the wrong type", body: Envelope(type, WrongTypes(name)));
        Add(queue, $"{name}: message nested 1,000 deep", body: Envelope(type, string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)));
        Add(queue, $"{name}: lone surrogate in every string", body: Envelope(type, WrongTypes(name).Replace("12345", "\"\\ud800\"")));
    }

    // Numbers where strings belong, strings where numbers and dates belong, objects where lists belong.
    static string WrongTypes(string name) => name switch
    {
        "ReferralRequested" => "{\"referralId\":12345,\"fromOrganisationId\":[1],\"toOrganisationId\":{},\"service\":true,\"priority\":1,\"needs\":\"x\",\"contactingSubjectProhibited\":\"no\",\"requestedAt\":\"yesterday\",\"dueAt\":5,\"sharedCategories\":\"identity\",\"profile\":[]}",
        "ReferralReceived" => "{\"referralId\":12345,\"byOrganisationId\":[],\"receivedAt\":\"not a date\"}",
        "ReferralStatusChanged" => "{\"referralId\":12345,\"byOrganisationId\":{},\"fromStatus\":1,\"toStatus\":[],\"changedAt\":\"never\"}",
        "ConsentWithdrawn" => "{\"consentId\":12345,\"fromOrganisationId\":1,\"recipientOrganisationId\":2,\"referralIds\":\"rf-1\",\"cause\":[],\"withdrawnAt\":\"x\"}",
        "PersonalDataPurged" => "{\"consentId\":12345,\"recipientOrganisationId\":[],\"referralIds\":{},\"purgedAt\":\"x\"}",
        "BedAvailabilityChanged" => "{\"shelterId\":12345,\"shelterName\":[],\"organisationId\":{},\"area\":1,\"bedType\":2,\"total\":\"many\",\"occupied\":\"x\",\"held\":[],\"free\":{},\"version\":\"v\",\"changedAt\":\"now\"}",
        _ => "{\"requestedBy\":12345,\"requestedAt\":\"now\"}",
    };

    byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
