using System.Net;

namespace ReferralNet.BadInput.Replay;

/// <summary>The services to replay against and the broker their queues live on.</summary>
public sealed record ReplayNetwork(IReadOnlyList<ServiceTarget> Services, string AmqpConnectionString)
{
    /// <summary>The local network of deploy/up.sh: REST 5101–5104, gRPC 5201–5204, AMQP 5672.</summary>
    public static readonly IReadOnlyDictionary<string, string> LocalDefaults = new Dictionary<string, string>
    {
        ["shelter"] = "http://127.0.0.1:5101", ["shelter-grpc"] = "http://127.0.0.1:5201",
        ["legalaid"] = "http://127.0.0.1:5102", ["legalaid-grpc"] = "http://127.0.0.1:5202",
        ["medical"] = "http://127.0.0.1:5103", ["medical-grpc"] = "http://127.0.0.1:5203",
        ["vocational"] = "http://127.0.0.1:5104", ["vocational-grpc"] = "http://127.0.0.1:5204",
        ["amqp"] = "amqp://guest:guest@127.0.0.1:5672/",
    };

    /// <summary>
    /// A network reached over sockets. <paramref name="overrides"/> is a comma-separated list of
    /// <c>name=url</c> (names as in <see cref="LocalDefaults"/>) that replaces some defaults.
    /// </summary>
    public static ReplayNetwork Sockets(string? overrides)
    {
        var urls = new Dictionary<string, string>(LocalDefaults);
        foreach (var pair in (overrides ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf('=');
            if (at <= 0 || !urls.ContainsKey(pair[..at]))
                throw new ArgumentException($"--network takes name=url pairs with names from: {string.Join(", ", LocalDefaults.Keys)}; '{pair}' is not one");
            urls[pair[..at]] = pair[(at + 1)..];
        }
        var services = new[] { "shelter", "legalaid", "medical", "vocational" }.Select(name => new ServiceTarget(
            name, new Uri(urls[name]), Handler(), new Uri(urls[name + "-grpc"]), Handler())).ToList();
        return new ReplayNetwork(services, urls["amqp"]);
    }

    static SocketsHttpHandler Handler() => new()
    {
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = false,
        MaxConnectionsPerServer = 16,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };
}
