using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReferralNet.Referrals.Revocation;

/// <summary>
/// A <see cref="ReferralRequested"/> in its MassTransit envelope, as it lies in a failed-message
/// queue, that still carries a profile (in plaintext or sealed): the facts that decide whether it
/// may keep it, and the envelope without it.
/// </summary>
public sealed class FailedReferral
{
    static readonly string MessageUrn = $"urn:message:{typeof(ReferralRequested).Namespace}:{nameof(ReferralRequested)}";

    readonly JsonObject _envelope;
    readonly JsonObject _message;

    FailedReferral(JsonObject envelope, JsonObject message, string? consentId, string? fromOrganisationId, string? toOrganisationId, DateTimeOffset? consentExpiresAt)
    {
        _envelope = envelope;
        _message = message;
        ConsentId = consentId;
        FromOrganisationId = fromOrganisationId;
        ToOrganisationId = toOrganisationId;
        ConsentExpiresAt = consentExpiresAt;
    }

    /// <summary>The consent the profile was shared under.</summary>
    public string? ConsentId { get; }

    /// <summary>The organisation that sent the referral.</summary>
    public string? FromOrganisationId { get; }

    /// <summary>The organisation it was sent to.</summary>
    public string? ToOrganisationId { get; }

    /// <summary>When the consent ends, as the sender stated it.</summary>
    public DateTimeOffset? ConsentExpiresAt { get; }

    /// <summary>
    /// The referral in <paramref name="envelope"/>, when it is a <see cref="ReferralRequested"/>
    /// that carries a profile; otherwise null (nothing personal of ours to take out).
    /// </summary>
    public static FailedReferral? In(ReadOnlyMemory<byte> envelope)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(envelope.Span) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // not a MassTransit envelope: nothing of ours
        }
        if (root is null || Field(root, "messageType") is not JsonArray types || !types.Any(t => t is JsonValue v && v.TryGetValue<string>(out var urn) && urn == MessageUrn))
            return null;
        if (Field(root, "message") is not JsonObject message)
            return null;
        if (Field(message, "profile") is null && Field(message, "sealedProfile") is null)
            return null;
        DateTimeOffset? expiresAt = Field(message, "consentExpiresAt") is JsonValue value && value.TryGetValue<DateTimeOffset>(out var at) ? at : null;
        return new FailedReferral(root, message, Text(message, "consentId"), Text(message, "fromOrganisationId"), Text(message, "toOrganisationId"), expiresAt);
    }

    /// <summary>The envelope with the profile, sealed or not, and its categories taken out.</summary>
    public byte[] WithoutProfile()
    {
        Set(_message, "profile", null);
        Set(_message, "sealedProfile", null);
        Set(_message, "sharedCategories", new JsonArray());
        return JsonSerializer.SerializeToUtf8Bytes(_envelope);
    }

    static JsonNode? Field(JsonObject node, string name) =>
        node.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    static string? Text(JsonObject node, string name) => Field(node, name) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    static void Set(JsonObject node, string name, JsonNode? value)
    {
        var key = node.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Key ?? name;
        node[key] = value;
    }
}
