using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ReferralNet.Broker;

namespace ReferralNet.Testing;

/// <summary>
/// A private RabbitMQ broker (Debian's rabbitmq-server) for one test run: its own free AMQP and
/// distribution ports, its own node name <c>rmq&lt;port&gt;@localhost</c>, listening on 127.0.0.1
/// only, with every file it writes (Erlang cookie, mnesia, logs, config, pid file) inside
/// <see cref="DataFolder"/>. Nothing else has to be running; other brokers on the machine are left
/// alone. It never has <c>guest</c>: it boots with the accounts of <see cref="BrokerAccounts"/>
/// (random passwords of its own, <see cref="Credentials"/>) and a test administrator
/// (<see cref="AdminName"/>, every permission) that tests use to inspect and plant messages.
/// </summary>
/// <remarks>
/// The broker runs detached from the test process, so three things make sure it does not outlive
/// the test run: <see cref="DisposeAsync"/>, a kill on <see cref="AppDomain.ProcessExit"/>, and a
/// small watchdog shell process that kills the broker and deletes its folder once the test process
/// has gone without disposing it (a crash, a kill -9, a Ctrl+C).
/// </remarks>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    const string BinFolder = "/usr/lib/rabbitmq/bin";
    const string ServerScript = BinFolder + "/rabbitmq-server";
    const string ControlScript = BinFolder + "/rabbitmqctl";
    const int StartAttempts = 3;
    const int LogTailLines = 40;
    const int LogErrorLines = 15;

    // Cold start is 6.5–9.5 s on an idle machine; leave room for a busy CI box.
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    // Every rabbitmqctl call boots an Erlang VM; on a box loaded far beyond its cores (load 50 on 2
    // cores was seen) listing queues took over a minute.
    static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(240);

    static readonly ConcurrentDictionary<RabbitMqBroker, byte> Live = new();

    static RabbitMqBroker() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllLive();

    readonly SemaphoreSlim gate = new(1, 1);
    readonly Dictionary<string, string> environment;
    bool running;
    bool disposed;

    readonly string cookie;

    /// <summary>The test administrator: every permission on every virtual host, and the management UI.</summary>
    public const string AdminName = "admin";

    RabbitMqBroker(string dataFolder, int port, int distributionPort, int? managementPort, string cookie, BrokerCredentials credentials)
    {
        this.cookie = cookie;
        Credentials = credentials;
        DataFolder = dataFolder;
        Port = port;
        DistributionPort = distributionPort;
        ManagementPort = managementPort;
        environment = new Dictionary<string, string>
        {
            // The server and every rabbitmqctl call share HOME, so they share the Erlang cookie.
            ["HOME"] = HomeFolder,
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(),
            ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(DataFolder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(DataFolder, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(DataFolder, "rabbitmq.conf"),
            // Never written: points away from /etc/rabbitmq/advanced.config.
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(DataFolder, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(DataFolder, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = PidFile,
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(DataFolder, "rabbitmq-env.conf"),
            ["ERL_CRASH_DUMP"] = CrashDumpFile,
            // Without a UTF-8 locale the CLI warns on every call and Erlang falls back to latin1.
            ["LC_ALL"] = "C.UTF-8",
            ["LANG"] = "C.UTF-8",
        };
    }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The Erlang distribution port the CLI tools use to reach the node.</summary>
    public int DistributionPort { get; }

    /// <summary>The management plugin's HTTP port on 127.0.0.1, when started with it.</summary>
    public int? ManagementPort { get; }

    /// <summary>The management HTTP API's base address (the operator or the test administrator log in), when started with it.</summary>
    public string? ManagementUrl => ManagementPort is { } port ? $"http://127.0.0.1:{port}" : null;

    /// <summary>The Erlang node name, <c>rmq&lt;port&gt;@localhost</c>.</summary>
    public string NodeName => $"rmq{Port}@localhost";

    /// <summary>A connection string for the default virtual host <c>/</c> as the test administrator (<see cref="AdminConnectionString"/>).</summary>
    public string ConnectionString => AdminConnectionString;

    /// <summary>A connection string for the default virtual host <c>/</c> as the test administrator, who may do anything.</summary>
    public string AdminConnectionString => ConnectionStringFor(AdminName);

    /// <summary>The password of every account on this broker (generated for it, never written outside <see cref="DataFolder"/>).</summary>
    public BrokerCredentials Credentials { get; }

    /// <summary>A connection string that logs in as <paramref name="account"/> (a <see cref="BrokerAccounts"/> name or <see cref="AdminName"/>).</summary>
    public string ConnectionStringFor(string account, string virtualHost = "/") =>
        Credentials.ConnectionString(account, "127.0.0.1", Port, virtualHost);

    /// <summary>
    /// The connection string <paramref name="account"/> uses where <paramref name="connectionString"/>
    /// is the test administrator's on a broker of this test run (same virtual host); any other
    /// connection string as it is. Lets a test hand a service the administrator's connection string
    /// of a fresh virtual host while the service still logs in as its own account.
    /// </summary>
    public static string AsAccount(string connectionString, string account)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.UserInfo.Split(':')[0] != AdminName)
            return connectionString;
        var broker = Live.Keys.FirstOrDefault(b => b.Port == uri.Port && uri.Host == "127.0.0.1");
        if (broker is null || !broker.Credentials.Accounts.Contains(account))
            return connectionString;
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return broker.ConnectionStringFor(account, virtualHost.Length == 0 ? "/" : virtualHost);
    }

    /// <summary>The folder holding everything the broker writes; deleted on dispose.</summary>
    public string DataFolder { get; }

    /// <summary>The broker's main log file.</summary>
    public string LogFile => Path.Combine(DataFolder, "log", NodeName + ".log");

    string HomeFolder => Path.Combine(DataFolder, "home");

    string PidFile => Path.Combine(DataFolder, "rabbitmq.pid");

    string CrashDumpFile => Path.Combine(DataFolder, "erl_crash.dump");

    /// <summary>
    /// Starts a private broker on free ports in a new temporary folder and returns once it accepts
    /// TCP connections on <see cref="Port"/>.
    /// </summary>
    /// <exception cref="RabbitMqBrokerException">
    /// RabbitMQ is not installed, or the broker did not start; the message names the failed step
    /// and ends with the tail of the broker's log.
    /// </exception>
    public static Task<RabbitMqBroker> StartAsync(CancellationToken ct = default) => StartAsync(withManagement: false, ct);

    /// <summary>
    /// Starts a private broker as <see cref="StartAsync(CancellationToken)"/> does, with the
    /// management plugin on a free port of its own (<see cref="ManagementUrl"/>); returns once that
    /// answers too. Slower to start: use it only where the management HTTP API is needed.
    /// </summary>
    public static Task<RabbitMqBroker> StartWithManagementAsync(CancellationToken ct = default) => StartAsync(withManagement: true, ct);

    static async Task<RabbitMqBroker> StartAsync(bool withManagement, CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The private RabbitMQ broker runs on Linux (Debian's rabbitmq-server) only.");
        }
        if (!File.Exists(ServerScript))
        {
            throw new RabbitMqBrokerException(
                "RabbitMQ is not installed: run deploy/test.sh, which installs it (apt-get install -y rabbitmq-server)");
        }

        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Next(withManagement ? 3 : 2);
            try
            {
                return await StartAsync(ports[0], ports[1], ct, withManagement ? ports[2] : null);
            }
            catch (RabbitMqBrokerException e) when (e.PortWasTaken && attempt < StartAttempts)
            {
                // Another process took one of the ports between choosing it and the broker binding it.
            }
        }
    }

    /// <summary>Starts a private broker on the given ports, without retrying on other ones.</summary>
    /// <param name="cookie">The Erlang cookie; nodes that are to form a cluster share one. Random when null.</param>
    /// <param name="credentials">The accounts' passwords; nodes that are to form a cluster share them (each node loads its definitions at every boot). New when null.</param>
    internal static async Task<RabbitMqBroker> StartAsync(int port, int distributionPort, CancellationToken ct, int? managementPort = null, string? cookie = null, BrokerCredentials? credentials = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"referralnet-rabbitmq-{port}-{Guid.NewGuid().ToString("N")[..12]}");
        var broker = new RabbitMqBroker(folder, port, distributionPort, managementPort, cookie ?? NewCookie(), credentials ?? NewCredentials());
        try
        {
            broker.WriteFiles();
            Live[broker] = 0;
            await broker.StartWatchdogAsync(ct);
            await broker.LaunchAsync(ct);
            return broker;
        }
        catch (RabbitMqBrokerException e)
        {
            var portWasTaken = broker.PortWasTaken();
            await broker.DisposeAsync();
            throw new RabbitMqBrokerException(e.Message, e.InnerException) { PortWasTaken = portWasTaken };
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the broker gracefully (<c>rabbitmqctl shutdown</c>); the data folder stays.</summary>
    public async Task StopAsync()
    {
        await gate.WaitAsync();
        try
        {
            ThrowIfDisposed();
            if (!running)
            {
                return;
            }
            await RunControlAsync(["shutdown", "--timeout", "60"], CancellationToken.None);
            running = false;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Freezes the broker's Erlang VM (SIGSTOP): its connections stay open but nothing answers, as
    /// with a hung node or a network partition. <see cref="Thaw"/> lets it go on.
    /// </summary>
    public void Freeze() => Signal("STOP");

    /// <summary>Lets a broker frozen by <see cref="Freeze"/> go on (SIGCONT).</summary>
    public void Thaw() => Signal("CONT");

    void Signal(string signal)
    {
        ThrowIfDisposed();
        var pid = ReadPidFile() ?? throw new RabbitMqBrokerException(
            $"Cannot signal broker {NodeName}: its pid file {PidFile} is missing or empty, so it is not running.");
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new RabbitMqBrokerException($"kill -{signal} {pid} (broker {NodeName}) exited with code {kill.ExitCode}");
    }

    /// <summary>
    /// Kills the broker's Erlang VM with SIGKILL, as a crash or a power cut would, and returns once
    /// it has exited. The data folder stays; <see cref="StartAgainAsync"/> recovers from it.
    /// </summary>
    public async Task KillAsync()
    {
        await gate.WaitAsync();
        try
        {
            ThrowIfDisposed();
            var pid = ReadPidFile() ?? throw new RabbitMqBrokerException(
                $"Cannot kill broker {NodeName}: its pid file {PidFile} is missing or empty, so it is not running.");
            if (!IsOwnProcess(pid))
            {
                throw new RabbitMqBrokerException(
                    $"Cannot kill broker {NodeName}: process {pid} from {PidFile} has already exited.");
            }
            Kill(pid);
            await WaitUntilExitedAsync([pid], TimeSpan.FromSeconds(30));
            running = false;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Starts the broker again on the same folder, node name and ports after
    /// <see cref="StopAsync"/> or <see cref="KillAsync"/>, and returns once it accepts connections.
    /// Durable queues and their persistent messages are still there.
    /// </summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            ThrowIfDisposed();
            if (running)
            {
                throw new InvalidOperationException(
                    $"Broker {NodeName} is still running: call StopAsync or KillAsync before StartAgainAsync.");
            }
            await LaunchAsync(ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Creates a virtual host with every account's permissions and the policies on it (one
    /// <c>rabbitmqctl import_definitions</c>), and returns the test administrator's connection
    /// string for it (<see cref="ConnectionStringFor"/> gives the others). Queues and exchanges in
    /// one virtual host never see messages from another.
    /// </summary>
    public async Task<string> CreateVirtualHostAsync(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ThrowIfDisposed();
        var file = Path.Combine(DataFolder, $"definitions-{Guid.NewGuid():N}.json");
        WritePrivate(file, BrokerDefinitions.Build(Credentials, [name], includeUsers: false));
        try
        {
            await RunControlAsync(["import_definitions", file], CancellationToken.None);
        }
        finally
        {
            File.Delete(file);
        }
        return ConnectionStringFor(AdminName, name);
    }

    /// <summary>
    /// The connection string of <paramref name="account"/> for the virtual host of
    /// <paramref name="connectionString"/> (a test administrator's of a broker of this run), after
    /// giving that account every permission on that virtual host only: for building-block tests that
    /// play a service (its validated user_id) with queues of their own names.
    /// </summary>
    public static async Task<string> AsAccountWithEveryPermissionAsync(string connectionString, string account)
    {
        var uri = new Uri(connectionString);
        var broker = Live.Keys.FirstOrDefault(b => b.Port == uri.Port)
            ?? throw new ArgumentException($"{uri.Host}:{uri.Port} is not a broker of this test run", nameof(connectionString));
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        // The broker loads its definitions (the accounts' permissions on /) at every boot, which
        // would undo the grant after a restart: on / the account gets a virtual host of its own.
        if (virtualHost.Length == 0)
        {
            virtualHost = $"{account}-{Guid.NewGuid().ToString("N")[..8]}";
            await broker.CreateVirtualHostAsync(virtualHost);
        }
        await broker.RunControlAsync(["set_permissions", "-p", virtualHost, account, ".*", ".*", ".*"], CancellationToken.None);
        return broker.ConnectionStringFor(account, virtualHost);
    }

    /// <summary>
    /// Every queue of <paramref name="virtualHost"/> with its message count (ready and unacknowledged)
    /// and type (classic, quorum), as <c>rabbitmqctl list_queues</c> reports them.
    /// </summary>
    public async Task<IReadOnlyList<QueueState>> ListQueuesAsync(string virtualHost = "/")
    {
        ThrowIfDisposed();
        var output = await RunControlAsync(["list_queues", "--quiet", "--no-table-headers", "--timeout", ListTimeout.TotalSeconds.ToString("0"), "-p", virtualHost, "name", "messages", "type"], CancellationToken.None, ListTimeout);
        var queues = new List<QueueState>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.Split('\t') is [var name, var messages, var type] && long.TryParse(messages, out var count))
            {
                queues.Add(new QueueState(name, count, type));
            }
        }
        return queues;
    }

    /// <summary>Runs <c>rabbitmqctl</c> against this node (e.g. <c>stop_app</c>, <c>join_cluster</c>) and returns its output.</summary>
    internal Task<string> ControlAsync(IReadOnlyList<string> arguments, CancellationToken ct) => RunControlAsync(arguments, ct);

    internal static BrokerCredentials NewCredentials() => BrokerCredentials.Generate(AdminName);

    internal static string NewCookie() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20);

    /// <summary>Stops the broker and deletes its data folder.</summary>
    /// <remarks>
    /// The broker is killed rather than shut down gracefully: its data is deleted straight after,
    /// and a graceful shutdown would only add about 4 s to every test run.
    /// </remarks>
    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
            running = false;
            var pids = FindOwnProcesses();
            foreach (var pid in pids)
            {
                Kill(pid);
            }
            await WaitUntilExitedAsync(pids, TimeSpan.FromSeconds(30));
            await DeleteFolderAsync();
            Live.TryRemove(this, out _);
        }
        finally
        {
            gate.Release();
        }
    }

    void WriteFiles()
    {
        Directory.CreateDirectory(DataFolder);
        Directory.CreateDirectory(HomeFolder);
        Directory.CreateDirectory(Path.Combine(DataFolder, "mnesia"));
        Directory.CreateDirectory(Path.Combine(DataFolder, "log"));

        // Written before the first CLI call: otherwise the server and a CLI call racing it could
        // each create a different cookie and never talk to each other.
        var cookieFile = Path.Combine(HomeFolder, ".erlang.cookie");
        File.WriteAllText(cookieFile, cookie);
        if (OperatingSystem.IsLinux())
        {
            // Erlang refuses a cookie file that others can read.
            File.SetUnixFileMode(cookieFile, UnixFileMode.UserRead);
        }

        File.WriteAllText(Path.Combine(DataFolder, "enabled_plugins"), ManagementPort is null ? "[].\n" : "[rabbitmq_management].\n");
        File.WriteAllText(
            Path.Combine(DataFolder, "rabbitmq-env.conf"),
            "# Deliberately empty: keeps /etc/rabbitmq/rabbitmq-env.conf out of this private broker.\n");
        // Loaded at every boot: a node that boots with definitions never creates guest.
        var definitions = Path.Combine(DataFolder, "definitions.json");
        WritePrivate(definitions, BrokerDefinitions.Build(Credentials, ["/"], fullAccess: [AdminName]));
        File.WriteAllText(
            Path.Combine(DataFolder, "rabbitmq.conf"),
            $"""
            listeners.tcp.default = 127.0.0.1:{Port}
            loopback_users = none
            disk_free_limit.absolute = 50MB
            load_definitions = {definitions}

            """ + (ManagementPort is { } management ? $"management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = {management}\n" : ""));
    }

    static void WritePrivate(string path, string text)
    {
        File.WriteAllText(path, text);
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    async Task LaunchAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StartTimeout);

        // A pid file left by a kill would make `rabbitmqctl wait` watch the dead process, and an
        // old crash dump would be taken for a new crash.
        File.Delete(PidFile);
        File.Delete(CrashDumpFile);
        var step = "rabbitmq-server -detached";
        try
        {
            await RunAsync(ServerScript, ["-detached"], timeout.Token);
            step = "wait for the pid file " + PidFile;
            await WaitForPidFileAsync(timeout.Token);
            // PLATFORM.md: await_startup straight after -detached fails ("node not running at all");
            // waiting on the pid file first does not.
            step = "rabbitmqctl wait " + PidFile;
            await RunControlAsync(["wait", "--timeout", "120", PidFile], timeout.Token);
            step = "rabbitmqctl await_startup";
            await RunControlAsync(["await_startup", "--timeout", "120"], timeout.Token);
            step = $"TCP connect to 127.0.0.1:{Port}";
            await WaitForPortAsync(Port, timeout.Token);
            if (ManagementPort is { } management)
            {
                step = $"TCP connect to the management port 127.0.0.1:{management}";
                await WaitForPortAsync(management, timeout.Token);
            }
            running = true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            KillOwnProcesses();
            var why = e is OperationCanceledException ? $"timed out after {StartTimeout.TotalSeconds:0} s" : e.Message;
            throw new RabbitMqBrokerException(
                $"Private RabbitMQ broker {NodeName} (AMQP port {Port}, distribution port {DistributionPort}, " +
                $"folder {DataFolder}) did not start: step '{step}' failed: {why}\n{DescribeLog()}", e);
        }
        catch
        {
            KillOwnProcesses();
            throw;
        }
    }

    /// <summary>
    /// `rabbitmqctl wait` would wait for the pid file too, but a VM that dies before writing it
    /// (e.g. its distribution port is taken) leaves only a crash dump, and `wait` would sit out its
    /// whole timeout.
    /// </summary>
    async Task WaitForPidFileAsync(CancellationToken ct)
    {
        while (ReadPidFile() is null)
        {
            if (File.Exists(CrashDumpFile))
            {
                // Give the VM a moment to finish writing the dump's first lines.
                await Task.Delay(500, ct);
                throw new RabbitMqBrokerException("the Erlang VM crashed before writing its pid file.");
            }
            await Task.Delay(100, ct);
        }
    }

    static async Task WaitForPortAsync(int port, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    Task<string> RunControlAsync(IReadOnlyList<string> arguments, CancellationToken ct, TimeSpan? limit = null) =>
        RunAsync(ControlScript, arguments, ct, limit);

    async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken ct, TimeSpan? limit = null)
    {
        var commandTimeout = limit ?? CommandTimeout;
        var command = $"{Path.GetFileName(file)} {string.Join(' ', arguments)}";
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataFolder,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // A developer's own RABBITMQ_* settings must not leak into a private broker.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("RABBITMQ_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)
            ?? throw new RabbitMqBrokerException($"Could not start '{command}'.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(commandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested)
            {
                throw;
            }
            throw new RabbitMqBrokerException($"'{command}' did not finish within {commandTimeout.TotalSeconds:0} s.");
        }

        // A detached child could hold the pipes open; the exit code is what matters.
        var output = new StringBuilder();
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            output.Append(stdout.Result.Trim()).AppendLine().Append(stderr.Result.Trim());
        }
        catch (TimeoutException)
        {
            output.Append("(output not available: the command left a process holding it)");
        }

        if (process.ExitCode != 0)
        {
            throw new RabbitMqBrokerException(
                $"'{command}' exited with code {process.ExitCode}: {output.ToString().Trim()}");
        }
        return output.ToString().Trim();
    }

    /// <summary>
    /// A detached shell process, outside the test process's session so neither Ctrl+C nor a
    /// process-tree kill reaches it, that waits for the test process to go and then, if the data
    /// folder is still there (nobody disposed the broker), kills the broker and deletes the folder.
    /// After a normal dispose the folder is gone and it ends within a second.
    /// </summary>
    async Task StartWatchdogAsync(CancellationToken ct)
    {
        // `own` lists processes with an argument equal to this broker's HOME: the VM and any CLI
        // call (erl passes -home $HOME). The last letter is a bracket expression so that grep's
        // own argument does not match itself; the shell itself is given the folder, not HOME.
        const string script = """
            exec </dev/null >/dev/null 2>&1
            trap '' INT HUP
            parent=$1 folder=$2
            home_pattern="$folder/hom[e]"
            alive() { [ -r "/proc/$1/stat" ] && ! sed 's/.*) //' "/proc/$1/stat" | grep -q '^[ZX]'; }
            own() { grep -lszx -- "$home_pattern" /proc/[0-9]*/cmdline | sed 's|^/proc/||; s|/cmdline$||'; }
            while [ -d "$folder" ] && alive "$parent"; do sleep 1; done
            [ -d "$folder" ] || exit 0
            quiet=0
            while [ "$quiet" -lt 3 ]; do
              pids=$(own)
              if [ -n "$pids" ]; then kill -9 $pids; quiet=0; else quiet=$((quiet + 1)); fi
              sleep 0.5
            done
            rm -rf "$folder"
            """;
        var start = new ProcessStartInfo("/usr/bin/setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "-f", "/bin/sh", "-c", script, "referralnet-rabbitmq-watchdog",
                     Environment.ProcessId.ToString(), DataFolder,
                 })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)
            ?? throw new RabbitMqBrokerException("Could not start the broker watchdog (/usr/bin/setsid).");
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new RabbitMqBrokerException($"The broker watchdog (/usr/bin/setsid) exited with code {process.ExitCode}.");
        }
    }

    static void KillAllLive()
    {
        foreach (var broker in Live.Keys)
        {
            broker.KillOwnProcesses();
        }
    }

    void KillOwnProcesses()
    {
        foreach (var pid in FindOwnProcesses())
        {
            Kill(pid);
        }
    }

    /// <summary>
    /// The broker's VM and any CLI call still running for it: every live process started with
    /// <c>-home &lt;this broker's HOME&gt;</c>, which no other broker shares.
    /// </summary>
    List<int> FindOwnProcesses()
    {
        var pids = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid) && pid != Environment.ProcessId && IsOwnProcess(pid))
            {
                pids.Add(pid);
            }
        }
        return pids;
    }

    bool IsOwnProcess(int pid)
    {
        if (!IsAlive(pid))
        {
            return false;
        }
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            for (var i = 0; i + 1 < arguments.Length; i++)
            {
                if (arguments[i] == "-home" && arguments[i + 1] == HomeFolder)
                {
                    return true;
                }
            }
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Running, as opposed to gone or a zombie waiting to be reaped.</summary>
    static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(); // SIGKILL on Unix
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the kill.
        }
    }

    static async Task WaitUntilExitedAsync(IReadOnlyCollection<int> pids, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (pids.Any(IsAlive))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new RabbitMqBrokerException(
                    $"Processes {string.Join(", ", pids.Where(IsAlive))} were still running {limit.TotalSeconds:0} s after SIGKILL.");
            }
            await Task.Delay(50);
        }
    }

    async Task DeleteFolderAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(DataFolder))
                {
                    Directory.Delete(DataFolder, recursive: true);
                }
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(200);
            }
            catch (UnauthorizedAccessException) when (attempt < 10)
            {
                await Task.Delay(200);
            }
        }
    }

    int? ReadPidFile()
    {
        try
        {
            return int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) ? pid : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a failed start was another process taking the AMQP port (the log says eaddrinuse) or
    /// the distribution port (the VM crashes at boot with dist_port_already_used).
    /// </summary>
    bool PortWasTaken() =>
        FileMentions(LogFile, "eaddrinuse") || FileMentions(CrashDumpFile, "dist_port_already_used");

    static bool FileMentions(string path, string text)
    {
        try
        {
            return File.Exists(path) && ReadShared(path).Contains(text, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    string DescribeLog()
    {
        var text = new StringBuilder();
        try
        {
            if (File.Exists(LogFile))
            {
                var lines = ReadShared(LogFile).TrimEnd().Split('\n').Select(Shorten).ToList();
                // A failed boot logs its cause and then about 40 lines of orderly shutdown, so the
                // first errors go before the tail.
                var errors = lines.Where(l => l.Contains("[error]", StringComparison.Ordinal)).Take(LogErrorLines).ToList();
                if (errors.Count > 0)
                {
                    text.AppendLine($"--- first {errors.Count} error lines of {LogFile} ---");
                    errors.ForEach(l => text.AppendLine(l));
                }
                text.AppendLine($"--- last {Math.Min(LogTailLines, lines.Count)} lines of {LogFile} ---");
                lines.TakeLast(LogTailLines).ToList().ForEach(l => text.AppendLine(l));
                text.Append("--- end of log ---");
            }
            else
            {
                text.Append($"The broker wrote no log ({LogFile} does not exist).");
            }
        }
        catch (IOException e)
        {
            text.Append($"Could not read the broker log {LogFile}: {e.Message}");
        }
        if (File.Exists(CrashDumpFile))
        {
            // The folder is deleted after a failed start, so quote the dump's reason here.
            var slogan = File.ReadLines(CrashDumpFile).Take(5).FirstOrDefault(l => l.StartsWith("Slogan:", StringComparison.Ordinal));
            text.AppendLine().Append($"The Erlang VM crashed and wrote a crash dump. {slogan}");
        }
        return text.ToString();
    }

    static string Shorten(string line)
    {
        line = line.TrimEnd('\r');
        return line.Length <= 300 ? line : line[..300] + " …";
    }

    static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
