using System.Diagnostics;
using System.Runtime.InteropServices;
using ReferralNet.Testing;

namespace ReferralNet.Bench;

/// <summary>
/// One ReferralNet service as a real process (<c>dotnet services/&lt;Svc&gt;/bin/Release/…dll</c>)
/// on free loopback ports, with its own SQLite file and log in a folder the caller gives.
/// </summary>
/// <remarks>
/// The service runs in a session of its own, so a Ctrl-C at the terminal reaches only the bench,
/// which then stops the services before the broker. Should the bench itself be killed, a small
/// watchdog shell stops the service (SIGTERM, then SIGKILL) once the bench has gone.
/// </remarks>
sealed class ServiceProcess
{
    const int SigTerm = 15;
    static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(180);

    readonly Process _process;

    ServiceProcess(string name, Process process, Uri restUrl, string logFile)
    {
        Name = name;
        _process = process;
        ProcessId = process.Id;
        RestUrl = restUrl;
        LogFile = logFile;
    }

    /// <summary>The service's folder name: Shelter, LegalAid, Medical, Vocational.</summary>
    public string Name { get; }

    public Uri RestUrl { get; }

    public string LogFile { get; }

    public int ProcessId { get; }

    public static ServiceProcess Start(Repository repository, string name, string brokerConnectionString, string folder, IReadOnlyDictionary<string, string> settings)
    {
        var dll = repository.ServiceDll(name);
        var ports = FreePort.Next(2);
        var restUrl = new Uri($"http://127.0.0.1:{ports[0]}");
        var logFile = Path.Combine(folder, $"{name.ToLowerInvariant()}.log");

        // setsid execs in place (the child is not a group leader), and so does the shell: the pid
        // we hold is the service's own.
        var start = new ProcessStartInfo("/usr/bin/setsid")
        {
            UseShellExecute = false,
            // The content root is the working directory: the appsettings.json built beside the dll.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in new[] { "/bin/sh", "-c", "exec \"$0\" \"$1\" >\"$2\" 2>&1 </dev/null", DotnetHost(), dll, logFile })
            start.ArgumentList.Add(argument);

        // A developer's own settings must not point a benchmarked service elsewhere or make it export telemetry.
        foreach (var key in start.Environment.Keys.Where(IsInherited).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // The bench signs in with the development keys from seeds/ on this closed machine.
        start.Environment["ReferralNet__Identity__AllowDevelopmentKeys"] = "true";
        start.Environment["ConnectionStrings__rabbitmq"] = brokerConnectionString;
        start.Environment["ReferralNet__DatabasePath"] = Path.Combine(folder, $"{name.ToLowerInvariant()}.db");
        start.Environment["ReferralNet__SeedsPath"] = repository.SeedsFolder;
        start.Environment["ReferralNet__RestUrl"] = restUrl.ToString().TrimEnd('/');
        start.Environment["ReferralNet__GrpcUrl"] = $"http://127.0.0.1:{ports[1]}";
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = Process.Start(start) ?? throw new BenchException($"could not start {name} ({dll})");
        try
        {
            StartWatchdog(process.Id, dll);
        }
        catch
        {
            process.Kill();
            throw;
        }
        return new ServiceProcess(name, process, restUrl, logFile);
    }

    /// <summary>Waits until <c>GET /health</c> answers 200, failing early if the process exits.</summary>
    public async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = RestUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new BenchException($"{Name} exited with code {_process.ExitCode} before it was healthy.\n{DescribeLog()}");
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
                throw new BenchException($"{Name} was not healthy at {RestUrl}health within {HealthTimeout.TotalSeconds:0} s.\n{DescribeLog()}");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return;
        _ = Kill(_process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"{Name} did not stop within {grace.TotalSeconds:0} s of SIGTERM: killing it.");
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }
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

    /// <summary>The dotnet host running the bench, so services run on the same runtime.</summary>
    static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>
    /// A detached shell, outside the bench's session, that ends when the service does, or stops the
    /// service once the bench has gone without stopping it (kill -9, a crash, a second Ctrl-C).
    /// It recognises the service by its pid and the dll on its command line, never by name.
    /// </summary>
    static void StartWatchdog(int servicePid, string dll)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            trap '' INT HUP
            bench=$1 service=$2 dll=$3
            own() { tr '\0' '\n' < "/proc/$service/cmdline" 2>/dev/null | grep -qxF -- "$dll"; }
            while kill -0 "$bench" 2>/dev/null && own; do sleep 1; done
            own || exit 0
            kill -TERM "$service"
            for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do own || exit 0; sleep 1; done
            kill -KILL "$service"
            """;
        var start = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "-f", "/bin/sh", "-c", script, "referralnet-bench-watchdog", Environment.ProcessId.ToString(), servicePid.ToString(), dll })
            start.ArgumentList.Add(argument);
        using var watchdog = Process.Start(start) ?? throw new BenchException("could not start a service watchdog (/usr/bin/setsid)");
        watchdog.WaitForExit();
    }

    // .NET sends only SIGKILL (Process.Kill); a graceful stop needs SIGTERM.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);
}
