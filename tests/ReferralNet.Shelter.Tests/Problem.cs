using System.Net;
using System.Text.Json;
using Xunit;

namespace ReferralNet.Shelter.Tests;

/// <summary>Reads an error response's problem details (RFC 9457).</summary>
public static class Problem
{
    /// <summary>Asserts the status and returns the problem's <c>detail</c>, the text that tells the caller what to fix.</summary>
    public static async Task<string> DetailAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal((int)expected, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.GetProperty("detail").GetString()!;
    }
}
