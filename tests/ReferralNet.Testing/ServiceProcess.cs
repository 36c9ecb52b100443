using System.Diagnostics;

namespace ReferralNet.Testing;

/// <summary>
/// One ReferralNet service as a real process (<c>dotnet services/&lt;Svc&gt;/bin/&lt;Configuration&gt;/…dll</c>)
/// on free loopback ports, with its own SQLite file and log in a folder the caller gives.
/// </summary>
/// <remarks>
/// The service runs in a session of its own, so a Ctrl-C at the terminal reaches only the process
/// that started it (the bench, a test run), which then stops the services before the broker. Should
/// that process itself be killed, a small watchdog shell stops the service (SIGTERM, then SIGKILL)
/// once its starter has gone.
/// </remarks>
public sealed class ServiceProcess : IAsyncDisposable
{
    static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(180);
    static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(20);

    readonly ProcessStartInfo _start;
    readonly string _dll;
    Process _process;

    ServiceProcess(string name, ProcessStartInfo start, string dll, Uri restUrl, Uri grpcUrl, string databasePath, string logFile)
    {
        Name = name;
        _start = start;
        _dll = dll;
        RestUrl = restUrl;
        GrpcUrl = grpcUrl;
        DatabasePath = databasePath;
        LogFile = logFile;
        _process = Launch(name, start, dll);
        ProcessId = _process.Id;
    }

    /// <summary>The service's folder name: Shelter, LegalAid, Medical, Vocational.</summary>
    public string Name { get; }

    public Uri RestUrl { get; }

    /// <summary>The service's gRPC (h2c) endpoint.</summary>
    public Uri GrpcUrl { get; }

    /// <summary>The service's SQLite file; it stays where it is across <see cref="StartAgain"/>.</summary>
    public string DatabasePath { get; }

    /// <summary>Standard output and error of every run of the service, appended one after the other.</summary>
    public string LogFile { get; }

    /// <summary>The pid of the current run (a new one after <see cref="StartAgain"/>).</summary>
    public int ProcessId { get; private set; }

    /// <summary>
    /// Starts the built service <paramref name="dll"/> as its own process, on two free loopback
    /// ports (REST, gRPC), with <c>&lt;folder&gt;/&lt;name&gt;.db</c> as its database and
    /// <c>&lt;folder&gt;/&lt;name&gt;.log</c> as its log. It does not wait for the service: call
    /// <see cref="WaitUntilHealthyAsync"/>.
    /// </summary>
    /// <param name="name">The service's folder name: Shelter, LegalAid, Medical, Vocational.</param>
    /// <param name="settings">Configuration on top of its appsettings.json, e.g. ReferralNet:Outbox:PollingInterval.</param>
    /// <param name="restUrl">The REST address to listen on, when others must know it before it starts (the identity service and the portal name each other); else a free port.</param>
    public static ServiceProcess Start(
        string name, string dll, string brokerConnectionString, string seedsFolder, string folder, IReadOnlyDictionary<string, string>? settings = null, Uri? restUrl = null)
    {
        if (!File.Exists(dll))
            throw new ServiceProcessException($"cannot start {name}: {dll} does not exist; build the service first");
        var ports = FreePort.Next(2);
        restUrl ??= new Uri($"http://127.0.0.1:{ports[0]}");
        var grpcUrl = new Uri($"http://127.0.0.1:{ports[1]}");
        var logFile = Path.Combine(folder, $"{name.ToLowerInvariant()}.log");
        var databasePath = Path.Combine(folder, $"{name.ToLowerInvariant()}.db");

        // setsid execs in place (the child is not a group leader), and so does the shell: the pid
        // we hold is the service's own.
        var start = new ProcessStartInfo("/usr/bin/setsid")
        {
            UseShellExecute = false,
            // The content root is the working directory: the appsettings.json built beside the dll.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in new[] { "/bin/sh", "-c", "exec \"$0\" \"$1\" >>\"$2\" 2>&1 </dev/null", DotnetHost(), dll, logFile })
            start.ArgumentList.Add(argument);

        // A developer's own settings must not point the service elsewhere or make it export telemetry.
        foreach (var key in start.Environment.Keys.Where(IsInherited).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // The bench and the tests sign in with the development keys from seeds/ on this closed machine.
        start.Environment["ReferralNet__Identity__AllowDevelopmentKeys"] = "true";
        // Each service (and the portal) logs in as its own broker account, as in a real run.
        start.Environment["ConnectionStrings__rabbitmq"] = RabbitMqBroker.AsAccount(brokerConnectionString, name.ToLowerInvariant());
        start.Environment["ReferralNet__DatabasePath"] = databasePath;
        start.Environment["ReferralNet__SeedsPath"] = seedsFolder;
        start.Environment["ReferralNet__RestUrl"] = restUrl.ToString().TrimEnd('/');
        start.Environment["ReferralNet__GrpcUrl"] = grpcUrl.ToString().TrimEnd('/');
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        return new ServiceProcess(name, start, dll, restUrl, grpcUrl, databasePath, logFile);
    }

    /// <summary>
    /// Starts the service again after it stopped or was killed: same dll, environment, database
    /// and ports, its output appended to the same log. Call <see cref="WaitUntilHealthyAsync"/> next.
    /// </summary>
    public void StartAgain()
    {
        if (!_process.HasExited)
            throw new ServiceProcessException($"{Name} (pid {_process.Id}) is still running: stop or kill it before starting it again");
        _process.Dispose();
        _process = Launch(Name, _start, _dll);
        ProcessId = _process.Id;
    }

    /// <summary>
    /// Starts the service again like <see cref="StartAgain()"/>, with its configuration changed:
    /// each key (e.g. <c>ReferralNet:Failpoints</c>) set to its value, or removed when the value is null.
    /// </summary>
    public void StartAgain(IReadOnlyDictionary<string, string?> changes)
    {
        foreach (var (key, value) in changes)
        {
            var name = key.Replace(":", "__", StringComparison.Ordinal);
            if (value is null)
                _start.Environment.Remove(name);
            else
                _start.Environment[name] = value;
        }
        StartAgain();
    }

    /// <summary>Whether the current run has ended (stopped, killed, or crashed by itself).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Waits until the current run ends by itself (e.g. a failpoint killed it); false if it still runs after <paramref name="limit"/>.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan limit) => _process.ExitsWithinAsync(limit);

    /// <summary>SIGKILL, as in a crash or an OOM kill: nothing is flushed or shut down. Waits until it has gone.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
            return;
        _process.Kill();
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    static Process Launch(string name, ProcessStartInfo start, string dll)
    {
        var process = Process.Start(start) ?? throw new ServiceProcessException($"could not start {name} ({dll})");
        try
        {
            StartWatchdog(process.Id, dll);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
        return process;
    }

    /// <summary>Waits until <c>GET /health</c> answers 200, failing early if the process exits.</summary>
    public async Task WaitUntilHealthyAsync(CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = RestUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new ServiceProcessException($"{Name} exited with code {_process.ExitCode} before it was healthy.\n{DescribeLog()}");
            try
            {
                using var response = await http.GetAsync("/health", ct);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // One slow answer while it starts up.
            }
            if (deadline.Elapsed > HealthTimeout)
                throw new ServiceProcessException($"{Name} was not healthy at {RestUrl}health within {HealthTimeout.TotalSeconds:0} s.\n{DescribeLog()}");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!await _process.StopAsync(grace))
            Console.Error.WriteLine($"{Name} did not stop within {grace.TotalSeconds:0} s of SIGTERM: it was killed.");
    }

    /// <summary>Stops the service (SIGTERM, then SIGKILL after 20 s) if it is still running.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(DisposeGrace);
        _process.Dispose();
    }

    /// <summary>The last lines of the service's log, to explain a failure.</summary>
    public string DescribeLog(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var tail = reader.ReadToEnd().TrimEnd().Split('\n').TakeLast(lines);
            return $"--- last {lines} lines of {LogFile} ---\n{string.Join('\n', tail)}\n--- end of log ---";
        }
        catch (IOException e)
        {
            return $"(its log {LogFile} could not be read: {e.Message})";
        }
    }

    /// <summary>The last errors the service logged (console format: "fail: Category" then the message), or a note that there were none.</summary>
    public string DescribeErrors(int count = 3)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            var errors = lines
                .Select((line, i) => (line, i))
                .Where(l => l.line.StartsWith("fail:", StringComparison.Ordinal) || l.line.StartsWith("crit:", StringComparison.Ordinal))
                .TakeLast(count)
                .Select(l => l.line + (l.i + 1 < lines.Length ? " " + lines[l.i + 1].Trim() : ""))
                .ToList();
            return errors.Count == 0 ? $"{Name} logged no errors" : $"{Name}'s last errors:\n    " + string.Join("\n    ", errors);
        }
        catch (IOException e)
        {
            return $"{Name}'s log {LogFile} could not be read: {e.Message}";
        }
    }

    static bool IsInherited(string key) =>
        key.StartsWith("ReferralNet__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("OTEL_", StringComparison.Ordinal)
        || key is "ASPNETCORE_URLS" or "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_HTTPS_PORTS";

    /// <summary>The dotnet host running this process, so services run on the same runtime.</summary>
    static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>
    /// A detached shell, outside the starter's session, that ends when the service does, or stops the
    /// service once the starter (the bench, a test run) has gone without stopping it (kill -9, a
    /// crash, a second Ctrl-C).
    /// It recognises the service by its pid and the dll on its command line, never by name, and
    /// signals it only once the starter has gone: CI once saw a service that the fault suite had
    /// just started again end by SIGTERM before it was healthy, and a command line read mid-exec
    /// is the way this shell could have sent it.
    /// </summary>
    static void StartWatchdog(int servicePid, string dll)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            trap '' INT HUP
            starter=$1 service=$2 dll=$3
            own() { tr '\0' '\n' < "/proc/$service/cmdline" 2>/dev/null | grep -qxF -- "$dll"; }
            # A pid's command line reads empty for an instant while it execs (setsid, sh, dotnet): one
            # failed look is not an ending, and nothing is stopped while the starter lives.
            while kill -0 "$starter" 2>/dev/null; do
                own || { sleep 0.5; own; } || exit 0
                sleep 1
            done
            own || exit 0
            kill -TERM "$service"
            for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do own || exit 0; sleep 1; done
            kill -KILL "$service"
            """;
        var start = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "-f", "/bin/sh", "-c", script, "referralnet-service-watchdog", Environment.ProcessId.ToString(), servicePid.ToString(), dll })
            start.ArgumentList.Add(argument);
        using var watchdog = Process.Start(start) ?? throw new ServiceProcessException("could not start a service watchdog (/usr/bin/setsid)");
        watchdog.WaitForExit();
    }
}
