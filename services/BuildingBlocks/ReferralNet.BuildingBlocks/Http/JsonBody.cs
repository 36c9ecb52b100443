using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace ReferralNet.BuildingBlocks.Http;

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
    };

    /// <summary>The body as <typeparamref name="T"/>, or a 400 problem that says what to fix.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.BadRequest("send the body as JSON with the header Content-Type: application/json"));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, ct);
            return value is null
                ? (null, Problems.BadRequest("the body is empty or null; send a JSON object"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest(Describe(ex)));
        }
    }

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
