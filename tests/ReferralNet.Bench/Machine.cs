using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ReferralNet.Bench;

/// <summary>What the figures were measured on. Load averages matter: other work on the box skews them.</summary>
sealed record Machine(
    int Cores,
    string Nproc,
    string Os,
    string Kernel,
    string Cpu,
    string Memory,
    string Dotnet,
    string RabbitMq,
    string LoadAverageAtStart)
{
    public static Machine Describe() => new(
        Environment.ProcessorCount,
        Run("nproc") ?? "unavailable",
        OsRelease() ?? RuntimeInformation.OSDescription,
        ReadTrimmed("/proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription,
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        FirstValue("/proc/meminfo", "MemTotal") is { } kb && long.TryParse(kb.Split(' ')[0], out var k) ? $"{k / 1024.0 / 1024.0:0.0} GiB RAM" : "unknown",
        RuntimeInformation.FrameworkDescription,
        Run("dpkg-query", "-W", "-f", "${Version}", "rabbitmq-server") ?? "unknown",
        LoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    static string? ReadTrimmed(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    static string? OsRelease()
    {
        try
        {
            return File.ReadLines("/etc/os-release")
                .FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"');
        }
        catch (IOException)
        {
            return null;
        }
    }

    static string? FirstValue(string file, string key)
    {
        try
        {
            return File.ReadLines(file)
                .Select(l => l.Split(':', 2))
                .FirstOrDefault(p => p.Length == 2 && p[0].Trim() == key)?[1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    static string? Run(string file, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start);
            if (process is null)
                return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
