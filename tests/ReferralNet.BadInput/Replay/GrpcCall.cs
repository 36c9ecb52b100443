using System.Net;

namespace ReferralNet.BadInput.Replay;

/// <summary>
/// A raw gRPC call over HTTP/2: the corpus's bytes go out as they are (malformed frames too), and
/// the answer is read from the HTTP status, the headers and the trailers.
/// </summary>
public static class GrpcCall
{
    /// <summary>What came back.</summary>
    public sealed record Answer(int HttpStatus, int? GrpcStatus, string? Message, byte[] Body, string? ContentType);

    public static async Task<Answer> SendAsync(ServiceTarget target, string path, IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken ct)
    {
        using var http = new HttpClient(target.GrpcHandler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Grpc, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                request.Content.Headers.TryAddWithoutValidation("Content-Type", value);
            else
                request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var t) ? t.FirstOrDefault()
            : response.Headers.TryGetValues(name, out var h) ? h.FirstOrDefault() : null;
        var status = int.TryParse(Header("grpc-status"), out var code) ? code : (int?)null;
        var message = Header("grpc-message") is { } encoded ? Uri.UnescapeDataString(encoded) : null;
        return new Answer((int)response.StatusCode, status, message, bytes, response.Content.Headers.ContentType?.MediaType);
    }
}
