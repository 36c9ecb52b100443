using System.Net;
using System.Text;
using ReferralNet.Contracts.Api;

namespace ReferralNet.Client.Tests;

public sealed class Service_api
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Answers every request with one fixed response and remembers what was asked.</summary>
    sealed class Recording(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        /// <summary>The bodies sent, read while the request was alive (the client disposes it after).</summary>
        public List<string?> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }

    sealed class Unreachable : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }

    static ServiceApi Api(HttpMessageHandler handler) =>
        new(new HttpClient(handler), new Uri("http://127.0.0.1:5102"), [new("X-Api-Key", "dev-key")], "legalaid");

    [Fact]
    public async Task Escapes_an_id_into_the_path_so_it_cannot_reach_another_route()
    {
        var handler = new Recording(HttpStatusCode.NotFound, "{}");

        await Api(handler).ReferralAsync("rf-1/status?x=1", Ct);

        Assert.Equal("/api/referrals/rf-1%2Fstatus%3Fx%3D1", Assert.Single(handler.Requests).RequestUri!.AbsolutePath);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    public async Task Refuses_a_dot_or_empty_id_without_calling_the_service_because_it_would_be_resolved_to_another_route(string id)
    {
        var handler = new Recording(HttpStatusCode.OK, "{}");

        var answer = await Api(handler).ConsentsOfAsync(id, Ct);

        Assert.Empty(handler.Requests);
        Assert.Equal(400, answer.Status);
        Assert.Contains($"'{id}' is not an id", answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escapes_every_hole_of_a_path_template_given_to_the_untyped_calls()
    {
        var handler = new Recording(HttpStatusCode.OK, "{}");

        await Api(handler).PutAsync<object>($"/api/shelters/{"../x"}/beds/{"a?b#c"}", new { }, Ct);

        Assert.Equal("/api/shelters/..%2Fx/beds/a%3Fb%23c", Assert.Single(handler.Requests).RequestUri!.AbsolutePath);
    }

    /// <summary>Answers each request with the next of the given pages, each a JSON array with an optional Link to the next.</summary>
    sealed class Pages(params (string Body, string? Next)[] pages) : HttpMessageHandler
    {
        public List<string> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (body, next) = pages[Asked.Count];
            Asked.Add(request.RequestUri!.PathAndQuery);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (next is not null)
                response.Headers.TryAddWithoutValidation("Link", $"<{next}>; rel=\"next\"");
            return Task.FromResult(response);
        }
    }

    [Fact]
    public async Task Follows_the_next_links_of_a_list_until_the_last_page()
    {
        var handler = new Pages(
            ("""[{"id":"sv-1","createdAt":"2026-12-01T00:00:00Z"}]""", "/api/survivors?limit=100&after=abc"),
            ("""[{"id":"sv-2","createdAt":"2026-12-02T00:00:00Z"}]""", null));

        var answer = await Api(handler).SurvivorsAsync(Ct);

        Assert.Equal(["sv-1", "sv-2"], answer.Value!.Select(s => s.Id));
        Assert.Equal(["/api/survivors?limit=100", "/api/survivors?limit=100&after=abc"], handler.Asked);
    }

    [Fact]
    public async Task Refuses_a_next_link_that_leaves_the_service()
    {
        var handler = new Pages(("[]", "//attacker.example/api/survivors"));

        var answer = await Api(handler).SurvivorsAsync(Ct);

        Assert.Equal(502, answer.Status);
        Assert.Single(handler.Asked);
    }

    [Fact]
    public async Task Sends_the_callers_headers_and_the_body_as_json()
    {
        var handler = new Recording(HttpStatusCode.OK, """{"id":"rf-1","direction":"sent"}""");

        await Api(handler).ChangeStatusAsync("rf-1", new StatusChangeRequest("accepted"), Ct);

        var request = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Post, "/api/referrals/rf-1/status"), (request.Method, request.RequestUri!.AbsolutePath));
        Assert.Equal("dev-key", Assert.Single(request.Headers.GetValues("X-Api-Key")));
        Assert.Contains("\"status\":\"accepted\"", Assert.Single(handler.Bodies));
    }

    [Fact]
    public async Task Gives_a_problems_detail_as_the_error_with_its_status()
    {
        var handler = new Recording(HttpStatusCode.Conflict, """{"title":"Conflict","status":409,"detail":"referral 'rf-1' is completed; nothing can follow"}""");

        var answer = await Api(handler).ChangeStatusAsync("rf-1", new StatusChangeRequest("accepted"), Ct);

        Assert.False(answer.Ok);
        Assert.Equal((409, "referral 'rf-1' is completed; nothing can follow"), (answer.Status, answer.Problem));
    }

    [Fact]
    public async Task Names_the_service_and_its_answer_when_the_error_is_not_a_problem_document()
    {
        var handler = new Recording(HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        var answer = await Api(handler).SurvivorsAsync(Ct);

        Assert.Equal("the legalaid service answered 502 Bad Gateway; try again, and if it keeps failing tell your network operator", answer.Problem);
    }

    [Fact]
    public async Task Reads_a_success_into_the_contract_record()
    {
        var handler = new Recording(HttpStatusCode.Created, """{"id":"rf-9","status":"requested"}""");

        var answer = await Api(handler).ReferAsync(new { survivorId = "sv-1" }, Ct);

        Assert.True(answer.Ok);
        Assert.Equal((201, new ReferralCreated("rf-9", "requested")), (answer.Status, answer.Value));
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_an_exception_not_a_refusal()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => Api(new Unreachable()).ReferralsAsync("sent", Ct));
    }
}
