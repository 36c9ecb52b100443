using System.Diagnostics;

namespace ReferralNet.Testing;

/// <summary>
/// A private PostgreSQL 15 cluster for a test run (Debian's postgresql-15 binaries, run as the
/// postgres user), on a free port with its own folder, stopped and removed on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    const string Bin = "/usr/lib/postgresql/15/bin";
    readonly string _folder;

    PostgresServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string for a database of that name (created on first use by EnsureCreated).</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    public static async Task<PostgresServer> StartAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Bin}/initdb is missing): run deploy/test.sh, which installs it (apt-get install -y postgresql-15)");
        var folder = Directory.CreateTempSubdirectory("referralnet-pg-").FullName;
        var port = FreePort.Next();
        await RunAsync("install", $"-d -o postgres -g postgres -m 700 {folder}/data {folder}/sock");
        await RunAsync("chmod", $"755 {folder}");
        await RunAsync("su", $"postgres -c \"{Bin}/initdb -D {folder}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8\"");
        await RunAsync("su", $"postgres -c \"{Bin}/pg_ctl -D {folder}/data -l {folder}/data/server.log -w -o '-p {port} -k {folder}/sock -c listen_addresses=127.0.0.1 -c fsync=off' start\"");
        return new PostgresServer(folder, port);
    }

    public async ValueTask DisposeAsync()
    {
        try { await RunAsync("su", $"postgres -c \"{Bin}/pg_ctl -D {_folder}/data -m immediate stop\""); }
        finally
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {await error}{await output}");
    }
}
