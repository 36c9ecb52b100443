using System.Net;

namespace ReferralNet.BadInput.Replay;

/// <summary>The services to replay against and the broker their queues live on.</summary>
public sealed record ReplayNetwork(IReadOnlyList<ServiceTarget> Services, string AmqpConnectionString)
{
    static readonly string[] ServiceNames = ["shelter", "legalaid", "medical", "vocational"];

    /// <summary>
    /// The local network of deploy/up.sh, on the ports of deploy/network.env, which
    /// deploy/badinput.sh exports (SHELTER_REST_PORT, SHELTER_GRPC_PORT, …, AMQP_PORT).
    /// </summary>
    public static IReadOnlyDictionary<string, string> LocalDefaults()
    {
        static string Port(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } port
            ? port
            : throw new ArgumentException($"{name} is not set: run the replay through deploy/badinput.sh (it reads deploy/network.env), or give every address with --network");
        var urls = new Dictionary<string, string> { ["amqp"] = $"amqp://operator:{OperatorPassword()}@127.0.0.1:{Port("AMQP_PORT")}/" };
        foreach (var name in ServiceNames)
        {
            urls[name] = $"http://127.0.0.1:{Port($"{name.ToUpperInvariant()}_REST_PORT")}";
            urls[name + "-grpc"] = $"http://127.0.0.1:{Port($"{name.ToUpperInvariant()}_GRPC_PORT")}";
        }
        return urls;
    }

    // The local run has no guest: the replay plants its messages as the operator, through the default exchange.
    static string OperatorPassword()
    {
        var file = Environment.GetEnvironmentVariable("REFERRALNET_OPERATOR_PASSWORD_FILE") is { Length: > 0 } given
            ? given
            : Path.Combine("deploy", ".data", "broker-accounts", "operator");
        return File.Exists(file)
            ? File.ReadAllText(file).Trim()
            : throw new ArgumentException($"there is no operator password in {Path.GetFullPath(file)}: start the network with deploy/up.sh first, or give the broker with --network amqp=amqp://operator:<password>@127.0.0.1:<port>/");
    }

    /// <summary>
    /// A network reached over sockets. <paramref name="overrides"/> is a comma-separated list of
    /// <c>name=url</c> (names as in <see cref="LocalDefaults"/>) that replaces some defaults.
    /// </summary>
    public static ReplayNetwork Sockets(string? overrides)
    {
        var urls = new Dictionary<string, string>(LocalDefaults());
        foreach (var pair in (overrides ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf('=');
            if (at <= 0 || !urls.ContainsKey(pair[..at]))
                throw new ArgumentException($"--network takes name=url pairs with names from: {string.Join(", ", urls.Keys)}; '{pair}' is not one");
            urls[pair[..at]] = pair[(at + 1)..];
        }
        var services = ServiceNames.Select(name => new ServiceTarget(
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
