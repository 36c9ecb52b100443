using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ReferralNet.Deploy.Tests;

/// <summary>
/// One overlay of deploy/k8s rendered by <c>kubectl kustomize</c> and run through
/// <c>deploy/k8s/validate/validate.mjs</c>: the validator's report and the rendered objects.
/// </summary>
public sealed class RenderedOverlay
{
    static readonly ConcurrentDictionary<string, Lazy<RenderedOverlay>> Cache = new();
    static readonly SemaphoreSlim NpmLock = new(1, 1);

    public string Name { get; }
    public int ValidatorExitCode { get; }
    public string ValidatorErrors { get; }
    public JsonArray Results { get; }
    public IReadOnlyList<JsonObject> Objects { get; }

    RenderedOverlay(string name, int exitCode, string stderr, JsonObject report)
    {
        Name = name;
        ValidatorExitCode = exitCode;
        ValidatorErrors = stderr;
        Results = report["results"]!.AsArray();
        Objects = [.. report["objects"]!.AsArray().Select(o => o!.AsObject())];
    }

    public static string Repository { get; } = FindRepository();
    public static string K8sDirectory => Path.Combine(Repository, "deploy", "k8s");

    public static RenderedOverlay Of(string overlay) =>
        Cache.GetOrAdd(overlay, o => new Lazy<RenderedOverlay>(() => Render(o))).Value;

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    static RenderedOverlay Render(string overlay)
    {
        var kubectl = Tool("kubectl", "kubectl (1.32, with kustomize v5.5) renders the overlays");
        var node = Tool("node", "node (20 or later) runs deploy/k8s/validate/validate.mjs");
        EnsureValidatorInstalled();
        var rendered = Run(kubectl, ["kustomize", Path.Combine(K8sDirectory, "overlays", overlay)], K8sDirectory);
        if (rendered.ExitCode != 0)
            throw new InvalidOperationException($"kubectl kustomize overlays/{overlay} failed ({rendered.ExitCode}):\n{rendered.Stderr}");
        var validated = Run(node, [Path.Combine(K8sDirectory, "validate", "validate.mjs")], Path.Combine(K8sDirectory, "validate"), rendered.Stdout);
        if (validated.ExitCode is not (0 or 1) || validated.Stdout.Trim().Length == 0)
            throw new InvalidOperationException($"validate.mjs on overlays/{overlay} failed to run ({validated.ExitCode}):\n{validated.Stderr}");
        return new RenderedOverlay(overlay, validated.ExitCode, validated.Stderr, JsonNode.Parse(validated.Stdout)!.AsObject());
    }

    /// <summary>npm ci in deploy/k8s/validate when its node_modules is absent (the lock file pins every package).</summary>
    static void EnsureValidatorInstalled()
    {
        var validate = Path.Combine(K8sDirectory, "validate");
        NpmLock.Wait();
        try
        {
            if (Directory.Exists(Path.Combine(validate, "node_modules", "kubernetes-models")))
                return;
            var npm = Tool("npm", "npm installs the validator's packages (npm ci in deploy/k8s/validate)");
            var installed = Run(npm, ["ci", "--no-audit", "--no-fund"], validate);
            if (installed.ExitCode != 0)
                throw new InvalidOperationException($"npm ci in {validate} failed ({installed.ExitCode}); it needs the npm registry:\n{installed.Stderr}");
        }
        finally
        {
            NpmLock.Release();
        }
    }

    static string Tool(string name, string why)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException($"'{name}' is not on PATH: {why}. Install it (see deploy/k8s/README.md, \"Validated offline\") and run the tests again.");
    }

    static (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> arguments, string workingDirectory, string? stdin = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} took more than 5 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ReferralNet.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"no ReferralNet.sln above {AppContext.BaseDirectory}");
    }
}
