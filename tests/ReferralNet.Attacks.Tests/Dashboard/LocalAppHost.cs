using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Dashboard;

/// <summary>
/// The AppHost that <c>deploy/up.sh</c> starts (the built binary, with up.sh's environment), on
/// free ports and a data folder of its own, so it runs beside a developer's own network. Every
/// process it starts carries a marker variable; stopping sends SIGTERM to the AppHost and then
/// kills whatever still carries the marker.
/// </summary>
public sealed class LocalAppHost : IAsyncDisposable
{
    readonly Process _process;
    readonly string _marker;
    readonly StringBuilder _output = new();

    LocalAppHost(Process process, string marker, string dataFolder, int dashboardPort, int otlpPort)
    {
        _process = process;
        _marker = marker;
        DataFolder = dataFolder;
        DashboardUrl = new Uri($"http://127.0.0.1:{dashboardPort}");
        OtlpUrl = new Uri($"http://127.0.0.1:{otlpPort}");
    }

    /// <summary>The run's data folder (what deploy/.data is to up.sh).</summary>
    public string DataFolder { get; }

    /// <summary>The dashboard's UI and telemetry API.</summary>
    public Uri DashboardUrl { get; }

    /// <summary>The dashboard's OTLP/gRPC intake.</summary>
    public Uri OtlpUrl { get; }

    /// <summary>A file the AppHost keeps in <c>&lt;data&gt;/dashboard</c>.</summary>
    public string DashboardFile(string name) => Path.Combine(DataFolder, "dashboard", name);

    /// <summary>Whether the AppHost process has exited, and what it printed.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the AppHost printed so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the AppHost with up.sh's environment plus <paramref name="extraEnvironment"/>.</summary>
    public static LocalAppHost Start(IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var checkout = Checkout.Find();
        var configuration = Checkout.ConfigurationOf(typeof(LocalAppHost).Assembly);
        var binary = Path.Combine(checkout.Root, "deploy", "AppHost", "bin", configuration, "net10.0", "ReferralNet.AppHost");
        if (!File.Exists(binary))
            throw new CheckoutException($"the AppHost is not built: {binary} does not exist. Run 'dotnet build ReferralNet.sln -c {configuration}'.");

        var data = Directory.CreateTempSubdirectory("referralnet-apphost-").FullName;
        var amqp = AmqpPortWithFreeDistributionPort();
        var ports = FreePort.Next(12);
        var names = new[]
        {
            "PORTAL_PORT", "SHELTER_REST_PORT", "LEGALAID_REST_PORT", "MEDICAL_REST_PORT", "VOCATIONAL_REST_PORT",
            "SHELTER_GRPC_PORT", "LEGALAID_GRPC_PORT", "MEDICAL_GRPC_PORT", "VOCATIONAL_GRPC_PORT", "MANAGEMENT_PORT", "DASHBOARD_PORT", "IDENTITY_REST_PORT",
        };
        var network = names.Zip(ports).ToDictionary(p => p.First, p => p.Second);
        network["AMQP_PORT"] = amqp;
        var otlpPort = FreePort.Next();
        network["OTLP_PORT"] = otlpPort;
        var networkFile = Path.Combine(data, "network.env");
        File.WriteAllLines(networkFile, network.Select(p => $"{p.Key}={p.Value}"));

        var marker = $"referralnet-attack-{Guid.NewGuid():N}";
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // deploy/up.sh's apphost_environment, with this run's folder and ports.
        var environment = new Dictionary<string, string>
        {
            ["REFERRALNET_ATTACK_RUN"] = marker,
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{network["DASHBOARD_PORT"]}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlpPort}",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            ["REFERRALNET_DATA"] = data,
            ["REFERRALNET_NETWORK_ENV"] = networkFile,
        };
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
            environment[key] = value;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var host = new LocalAppHost(process, marker, data, network["DASHBOARD_PORT"], otlpPort);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the AppHost exits by itself; false if it still runs after <paramref name="limit"/>.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan limit) => _process.ExitsWithinAsync(limit);

    /// <summary>The AppHost's exit code, once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>SIGTERM to the AppHost (which stops what it started), then SIGKILL to anything of this run still there.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(60));
        for (var round = 0; round < 40 && ProcessesOfThisRun().Count > 0; round++)
            await Task.Delay(500);
        foreach (var pid in ProcessesOfThisRun())
        {
            try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
        _process.Dispose();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    List<int> ProcessesOfThisRun()
    {
        var pids = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                var environment = File.ReadAllText(Path.Combine(folder, "environ"));
                // epmd outlives every Erlang node by design and is shared with other brokers.
                if (environment.Contains(_marker, StringComparison.Ordinal) && File.ReadAllText(Path.Combine(folder, "comm")).Trim() != "epmd")
                    pids.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return pids;
    }

    // RabbitMQ's distribution port is the AMQP port + 20000 (as in the AppHost): both must be free.
    static int AmqpPortWithFreeDistributionPort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20000, 45000);
            if (IsFree(port) && IsFree(port + 20000))
                return port;
        }
        throw new InvalidOperationException("no free pair of ports (p, p + 20000) between 20000 and 65000");
    }

    static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
