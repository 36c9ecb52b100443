using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;

namespace ReferralNet.ServiceDefaults.Http;

/// <summary>
/// Reads a unary gRPC request before the gRPC server does, and answers a malformed one (a broken
/// frame, bytes that are not the method's request message, invalid UTF-8 in a string) with
/// <c>InvalidArgument</c> and a message that says what is wrong. grpc-dotnet would answer these
/// with <c>Unknown</c> ("Exception was thrown by handler.") or <c>Internal</c>: server faults for
/// what is the caller's mistake. Requests it does not know, and requests above the gRPC message
/// limit (the server answers those with ResourceExhausted), pass through unread. A gzip-compressed
/// message is inflated only up to that limit: one that would inflate beyond it (a decompression
/// bomb) is answered with ResourceExhausted before more than the limit is held in memory.
/// </summary>
public sealed class GrpcRequestCheck(RequestDelegate next, IReadOnlyDictionary<string, MessageDescriptor> requestTypes)
{
    const int HeaderLength = 5;
    // grpc-dotnet's default receive limit; above it the server's own ResourceExhausted answer says so.
    const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>Request types by method path (<c>/package.Service/Method</c>) of every service in these files.</summary>
    public static IReadOnlyDictionary<string, MessageDescriptor> RequestTypesOf(params FileDescriptor[] files) =>
        files.SelectMany(f => f.Services).SelectMany(s => s.Methods)
            .Where(m => !m.IsClientStreaming)
            .ToDictionary(m => $"/{m.Service.FullName}/{m.Name}", m => m.InputType);

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method)
            || request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true
            || !requestTypes.TryGetValue(request.Path.Value ?? "", out var type)
            || request.ContentLength > MaxMessageBytes + HeaderLength)
        {
            await next(http);
            return;
        }

        var (body, complete) = await ReadUpToAsync(request.Body, MaxMessageBytes + HeaderLength + 1, http.RequestAborted);
        if (!complete)
        {
            request.Body = new PrefixedStream(body, request.Body);
            await next(http);
            return;
        }
        if (await CheckAsync(body, request.Headers["grpc-encoding"].ToString(), type, http.RequestAborted) is { } problem)
        {
            await WriteStatusAsync(http, problem);
            return;
        }
        request.Body = new MemoryStream(body, writable: false);
        await next(http);
    }

    /// <summary>What is wrong with a request, as the gRPC status to answer with.</summary>
    readonly record struct Problem(int Status, string Message)
    {
        public const int InvalidArgument = 3;
        public const int ResourceExhausted = 8;

        public static implicit operator Problem(string invalidArgument) => new(InvalidArgument, invalidArgument);
    }

    static async Task<Problem?> CheckAsync(byte[] body, string encoding, MessageDescriptor type, CancellationToken ct)
    {
        if (body.Length < HeaderLength)
            return $"the request holds no complete gRPC message: a message starts with a {HeaderLength}-byte header (compressed flag, length), and {body.Length} byte(s) arrived";
        var flag = body[0];
        var declared = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4));
        var actual = body.Length - HeaderLength;
        if (flag > 1)
            return $"the gRPC message's compressed flag is {flag}; it must be 0 (not compressed) or 1 (compressed)";
        if (declared > actual)
            return $"the gRPC message header announces {declared} bytes but only {actual} arrived";
        if (declared < actual)
            return "the request carries more than one gRPC message (or stray bytes after it); a unary call takes exactly one";
        var payload = body.AsSpan(HeaderLength).ToArray();
        if (flag == 1)
        {
            if (encoding is "" or "identity")
                return "the gRPC message is marked compressed but the request has no grpc-encoding header; send it uncompressed, or say how it is compressed";
            if (encoding != "gzip")
                return null; // the gRPC server names the encodings it takes
            try
            {
                using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
                var (plain, complete) = await ReadUpToAsync(gzip, MaxMessageBytes + 1, ct);
                if (!complete)
                    return new Problem(Problem.ResourceExhausted,
                        $"the gRPC message inflates to more than {MaxMessageBytes / (1024 * 1024)} MiB, the largest message this server takes; send a smaller request");
                payload = plain;
            }
            catch (InvalidDataException)
            {
                return "the gRPC message is marked gzip-compressed but is not valid gzip";
            }
        }
        try
        {
            type.Parser.ParseFrom(payload);
            return null;
        }
        catch (InvalidProtocolBufferException e)
        {
            // Protobuf's messages name the defect, never the input.
            return $"the request is not a valid {type.FullName}: {e.Message}";
        }
    }

    // Reads at most `limit` bytes: whatever a stream (a body, an inflating gzip) holds beyond them is never read.
    static async Task<(byte[] Body, bool Complete)> ReadUpToAsync(Stream stream, int limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
            buffer.Write(chunk, 0, read);
        return (buffer.ToArray(), buffer.Length < limit);
    }

    // A trailers-only gRPC response: the status travels in the headers.
    static async Task WriteStatusAsync(HttpContext http, Problem problem)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/grpc";
        http.Response.Headers["grpc-status"] = problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["grpc-message"] = Uri.EscapeDataString(problem.Message);
        await http.Response.CompleteAsync();
    }
}
