using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace ReferralNet.ServiceDefaults.Http;

/// <summary>
/// Reads a JSON request body and, when it cannot, says exactly what was wrong (which field, what
/// was expected) instead of the framework's generic 400.
/// </summary>
public static class JsonBody
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 16,
        // A number sent as a string is a wrong type like any other (the web defaults would accept "12").
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>
    /// The largest body any endpoint reads: every text field is capped at a few thousand
    /// characters, so a bigger body is a mistake (or an attack), refused before it is read whole.
    /// </summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The body as <typeparamref name="T"/>, or a 400 problem that says what to fix.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.BadRequest("send the body as JSON with the header Content-Type: application/json"));
        if (request.ContentLength > MaxBytes)
            return (null, TooLarge());
        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            // Without a Content-Length (chunked), the limit is found while reading.
            if (body.Length + read > MaxBytes)
                return (null, TooLarge());
            body.Write(buffer, 0, read);
        }
        body.Position = 0;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(body, Options, ct);
            return value is null
                ? (null, Problems.BadRequest("the body is empty or null; send a JSON object"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest(Describe(ex)));
        }
    }

    static IResult TooLarge() =>
        Problems.PayloadTooLarge($"the body is larger than {MaxBytes / 1024} KB, the most this API reads; send only the fields it documents");

    // The serializer's own message can quote the input; build ours from the path alone.
    static string Describe(JsonException ex)
    {
        var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? null : ex.Path.TrimStart('$', '.');
        var message = ex.Message;
        if (message.Contains("depth", StringComparison.OrdinalIgnoreCase))
            return "the JSON is nested too deeply";
        if (message.Contains("could not be mapped", StringComparison.OrdinalIgnoreCase))
            return field is null ? "the body has a field this API does not know" : $"the field '{field}' is not part of this API";
        if (message.Contains("missing required properties", StringComparison.OrdinalIgnoreCase))
            return $"the body is missing the required field {LastQuoted(message)}";
        if (message.Contains("could not be converted", StringComparison.OrdinalIgnoreCase) || message.Contains("null", StringComparison.OrdinalIgnoreCase))
            return field is null ? "the body must be a JSON object" : $"the field '{field}' has the wrong type or an invalid value";
        return ex.LineNumber is { } line
            ? $"the body is not valid JSON (line {line + 1}, byte {ex.BytePositionInLine + 1})"
            : "the body is not valid JSON";
    }

    static string LastQuoted(string message)
    {
        var end = message.LastIndexOf('\'');
        var start = end <= 0 ? -1 : message.LastIndexOf('\'', end - 1);
        return start >= 0 ? message[start..(end + 1)] : "(see the API documentation)";
    }
}
