using Xunit;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using ReferralNet.Protos.Shelter.V1;

namespace ReferralNet.Shelter.Tests.Http;

/// <summary>Requests the endpoints never see still get an answer that says what was wrong.</summary>
public sealed class Answering_bad_requests(SharedShelter shared) : IClassFixture<SharedShelter>
{
    const string FindBeds = "/referralnet.shelter.v1.BedLookup/FindBeds";

    [Fact]
    public async Task A_method_the_path_does_not_take_is_a_405_that_names_the_methods_it_takes()
    {
        using var client = shared.Shelter.ClientFor(ApiKeys.HarbourHouse);
        using var response = await client.DeleteAsync("/api/shelters/harbour-house-main/beds", TestContext.Current.CancellationToken);
        var detail = await Problem.DetailAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("does not take DELETE", detail);
        Assert.Contains("GET", detail);
    }

    [Fact]
    public async Task A_path_with_no_endpoint_is_a_404_that_says_so()
    {
        using var client = shared.Shelter.ClientFor(ApiKeys.HarbourHouse);
        using var response = await client.GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);
        Assert.Contains("no endpoint answers this path", await Problem.DetailAsync(response, HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x7F, 0x41 }, "not a valid referralnet.shelter.v1.FindBedsRequest")]
    [InlineData(new byte[] { 0x0A, 0x02, 0xC0, 0xAF }, "not a valid referralnet.shelter.v1.FindBedsRequest")]
    [InlineData(new byte[] { 0x0F, 0x01 }, "not a valid referralnet.shelter.v1.FindBedsRequest")]
    public async Task A_malformed_grpc_message_is_invalid_argument_with_what_is_wrong(byte[] message, string expected)
    {
        var (status, text) = await CallAsync(Frame(message));
        Assert.Equal("3", status);
        Assert.Contains(expected, text);
    }

    [Fact]
    public async Task A_broken_grpc_frame_is_invalid_argument_with_what_is_wrong()
    {
        var valid = new FindBedsRequest { BedType = "women" }.ToByteArray();
        Assert.Contains("more than one gRPC message", (await CallAsync([.. Frame(valid), .. Frame(valid)])).Message);
        Assert.Contains("announces", (await CallAsync(Frame(valid)[..^1])).Message);
        Assert.Contains("no complete gRPC message", (await CallAsync([0, 0])).Message);
        Assert.Contains("compressed", (await CallAsync([1, .. Frame(valid)[1..]])).Message);
    }

    [Fact]
    public async Task A_well_formed_grpc_message_still_reaches_the_lookup()
    {
        var (status, _) = await CallAsync(Frame(new FindBedsRequest { BedType = "women" }.ToByteArray()));
        Assert.Equal("0", status);
    }

    // Echoed whole, a 64 KB id made a status header the client refused, and it dropped the
    // connection with every call on it.
    [Fact]
    public async Task A_grpc_error_about_a_huge_argument_quotes_only_its_start()
    {
        var call = shared.Shelter.Lookup.GetShelterAsync(new GetShelterRequest { ShelterId = new string('a', 64 * 1024) }, RunningShelter.As(ApiKeys.HarbourHouse));
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => call.ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, error.StatusCode);
        Assert.Equal($"there is no shelter '{new string('a', 40)}…' (65536 characters)", error.Status.Detail);
    }

    static byte[] Frame(byte[] message) =>
        [0, (byte)(message.Length >> 24), (byte)(message.Length >> 16), (byte)(message.Length >> 8), (byte)message.Length, .. message];

    async Task<(string? Status, string Message)> CallAsync(byte[] body)
    {
        using var client = shared.Shelter.ClientFor(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, FindBeds) { Version = HttpVersion.Version20, Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Add("x-api-key", ApiKeys.HarbourHouse);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var t) ? t.First()
            : response.Headers.TryGetValues(name, out var h) ? h.First() : null;
        return (Header("grpc-status"), Uri.UnescapeDataString(Header("grpc-message") ?? ""));
    }
}
