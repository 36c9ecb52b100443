using System.Net;

namespace ReferralNet.Bench;

/// <summary>HTTP clients the bench calls the services with, as one organisation each.</summary>
static class BenchHttp
{
    /// <summary>
    /// One kept-alive HTTP/1.1 connection pool to one service, sending the organisation's API key
    /// with every request; no proxy and no decompression, so nothing but the service is timed.
    /// </summary>
    public static HttpClient For(Uri restUrl, string apiKey, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        var http = new HttpClient(handler) { BaseAddress = restUrl, Timeout = timeout };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }
}
