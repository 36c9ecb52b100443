using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Edges;

/// <summary>
/// A gRPC request of about half a megabyte that inflates to 512 MiB, sent with no key to the
/// Shelter service running as its own process: it is refused as too large, and the process does
/// not grow by what the request would inflate to.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class Decompression_bomb(BrokerFixture broker) : IAsyncLifetime
{
    const string FindBeds = "/referralnet.shelter.v1.BedLookup/FindBeds";
    const int ResourceExhausted = 8;
    const long AllowedGrowth = 20L * 1024 * 1024;

    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-attacks-").FullName;
    ServiceProcess _shelter = null!;
    readonly HttpClient _client = new(new SocketsHttpHandler());

    public async ValueTask InitializeAsync() =>
        _shelter = await AttackedProcess.StartAsync("Shelter", await broker.NewVirtualHostAsync(), _folder);

    [Fact]
    public async Task A_request_inflating_to_512_MiB_is_refused_as_too_large_and_the_service_does_not_grow_by_it()
    {
        // Warm up with what a legitimate caller may send: a compressed message just under the 4 MiB
        // limit, so the heap already holds what an honest request of that size needs.
        for (var i = 0; i < 3; i++)
            await CallAsync(Compressed(3 * 1024 * 1024));
        var before = ResidentBytes(_shelter.ProcessId);

        var bomb = Compressed(512 * 1024 * 1024);
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb should be under 1 MiB on the wire; it is {bomb.Length} bytes");
        var (status, message) = await CallAsync(bomb);

        var grown = ResidentBytes(_shelter.ProcessId) - before;
        TestContext.Current.TestOutputHelper?.WriteLine($"bomb {bomb.Length} bytes on the wire; Shelter resident memory {before / (1024 * 1024)} MiB before, grew by {grown / 1024} KiB");
        Assert.True(status == ResourceExhausted, $"the answer was gRPC status {status} ({message}), not ResourceExhausted; the process grew by {grown / (1024 * 1024)} MiB");
        Assert.Contains("inflates to more than 4 MiB", message, StringComparison.Ordinal);
        Assert.True(grown < AllowedGrowth, $"the Shelter process grew by {grown / (1024 * 1024)} MiB answering one {bomb.Length / 1024} KiB request");
        Assert.False(_shelter.HasExited, "the Shelter process ended");
    }

    // A FindBedsRequest whose bed_type (field 1) is `length` bytes of 'a', gzip-compressed as it is
    // written, so the plain message is never held in this process either.
    static byte[] Compressed(int length)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.WriteByte(0x0A);
            for (var rest = (uint)length; ; rest >>= 7)
            {
                if (rest < 0x80) { gzip.WriteByte((byte)rest); break; }
                gzip.WriteByte((byte)(rest | 0x80));
            }
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)'a');
            for (var written = 0; written < length; written += chunk.Length)
                gzip.Write(chunk, 0, Math.Min(chunk.Length, length - written));
        }
        return output.ToArray();
    }

    async Task<(int Status, string Message)> CallAsync(byte[] compressed)
    {
        var framed = new byte[5 + compressed.Length];
        framed[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1, 4), (uint)compressed.Length);
        compressed.CopyTo(framed, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_shelter.GrpcUrl, FindBeds))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(framed),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values) ? values.First() : null;
        return Header("grpc-status") is { } status
            ? (int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), Uri.UnescapeDataString(Header("grpc-message") ?? ""))
            : (-1, $"no gRPC status; HTTP {(int)response.StatusCode}");
    }

    static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _shelter.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
