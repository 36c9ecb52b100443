using System.Globalization;

namespace ReferralNet.AppHost;

/// <summary>
/// The local network's ports, read from deploy/network.env: the one file that writes them down,
/// which deploy/up.sh and the other scripts source too.
/// </summary>
public sealed class LocalNetwork(IReadOnlyDictionary<string, int> ports)
{
    public static LocalNetwork Load(string path)
    {
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var (name, value) = (line[..Math.Max(line.IndexOf('='), 0)], line[(line.IndexOf('=') + 1)..]);
            if (name.Length == 0 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                throw new InvalidOperationException($"{path}: '{line}' is not NAME=PORT; write each port as e.g. SHELTER_REST_PORT=5101");
            ports[name] = port;
        }
        return new LocalNetwork(ports);
    }

    public int Port(string name) => ports.TryGetValue(name, out var port)
        ? port
        : throw new InvalidOperationException($"deploy/network.env has no {name}; add it (e.g. {name}=5101)");

    public int RestPort(string service) => Port($"{service.ToUpperInvariant()}_REST_PORT");

    public int GrpcPort(string service) => Port($"{service.ToUpperInvariant()}_GRPC_PORT");
}
