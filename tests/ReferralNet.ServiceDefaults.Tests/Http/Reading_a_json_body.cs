using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.ServiceDefaults.Tests.Http;

public sealed class Reading_a_json_body
{
    public sealed record Update(int Total, int Occupied);

    [Fact]
    public async Task Reads_a_well_formed_body()
    {
        var (value, problem) = await ReadAsync("""{"total": 5, "occupied": 2}""");
        Assert.Null(problem);
        Assert.Equal(new Update(5, 2), value);
    }

    [Theory]
    [InlineData("""{"total": 5""", "not valid JSON")]
    [InlineData("""{"total": "five", "occupied": 2}""", "'total' has the wrong type")]
    [InlineData("""{"total": 5, "occupied": 2, "beds": 1}""", "'beds' is not part of this API")]
    [InlineData("""{"total": 5}""", "missing the required field 'occupied'")]
    [InlineData("""null""", "empty or null")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{"total": 1e400, "occupied": 2}""", "'total' has the wrong type")]
    public async Task Says_what_is_wrong_with_a_bad_body(string body, string expected)
    {
        var (_, problem) = await ReadAsync(body);
        Assert.Contains(expected, Detail(problem));
    }

    [Fact]
    public async Task Refuses_deeply_nested_json_at_the_first_unexpected_token()
    {
        var (_, inField) = await ReadAsync("{\"total\":" + new string('[', 5000) + new string(']', 5000) + ",\"occupied\":1}");
        Assert.Contains("'total' has the wrong type", Detail(inField));
        var (_, atTop) = await ReadAsync(new string('[', 5000) + new string(']', 5000));
        Assert.Contains("must be a JSON object", Detail(atTop));
    }

    [Fact]
    public async Task Refuses_a_number_sent_as_a_string()
    {
        var (_, problem) = await ReadAsync("""{"total": "5", "occupied": 2}""");
        Assert.Contains("'total' has the wrong type", Detail(problem));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Refuses_a_body_above_the_limit_with_413_whether_or_not_its_length_is_announced(bool announced)
    {
        var body = "{\"total\": 5, \"occupied\": 2" + new string(' ', JsonBody.MaxBytes) + "}";
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        if (announced)
            context.Request.ContentLength = Encoding.UTF8.GetByteCount(body);

        var (value, result) = await JsonBody.ReadAsync<Update>(context.Request, CancellationToken.None);

        Assert.Null(value);
        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(413, problem.StatusCode);
        Assert.Contains("larger than 1024 KB", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task Asks_for_json_when_the_content_type_is_not_json()
    {
        var (_, problem) = await ReadAsync("""{"total": 5, "occupied": 2}""", contentType: "text/plain");
        Assert.Contains("Content-Type: application/json", Detail(problem));
    }

    [Fact]
    public async Task Never_echoes_the_input_in_its_message()
    {
        const string canary = "CANARY-7c1f";
        var (_, problem) = await ReadAsync($$"""{"total": "{{canary}}", "occupied": 2}""");
        Assert.DoesNotContain(canary, Detail(problem));
    }

    static async Task<(Update? Value, IResult? Problem)> ReadAsync(string body, string contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return await JsonBody.ReadAsync<Update>(context.Request, CancellationToken.None);
    }

    static string Detail(IResult? result)
    {
        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(400, problem.StatusCode);
        return problem.ProblemDetails.Detail ?? "";
    }
}
