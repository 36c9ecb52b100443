using System.Reflection;

namespace ReferralNet.Testing;

/// <summary>
/// The ReferralNet checkout a tool or test runs from: its seeds and its built services. The one
/// place that knows the layout, for the bench, the fault suite and the process-level tests.
/// </summary>
public sealed class Checkout
{
    Checkout(string root) => Root = root;

    /// <summary>The folder holding ReferralNet.sln.</summary>
    public string Root { get; }

    /// <summary>seeds/ (synthetic organisations, shelters, programmes).</summary>
    public string SeedsFolder => Path.Combine(Root, "seeds");

    /// <summary>The nearest folder with ReferralNet.sln and services/ above the current directory or above this assembly.</summary>
    /// <exception cref="CheckoutException">Run from outside a checkout.</exception>
    public static Checkout Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "ReferralNet.sln")) && Directory.Exists(Path.Combine(folder.FullName, "services")))
                    return new Checkout(folder.FullName);
            }
        }
        throw new CheckoutException(
            "cannot find the ReferralNet checkout (a folder with ReferralNet.sln and services/) above the current directory or this program: run it from inside the repository");
    }

    /// <summary>
    /// A built service (or the portal), e.g. services/Shelter/bin/Release/net10.0/ReferralNet.Shelter.dll.
    /// Tools use Release; tests pass <see cref="ConfigurationOf"/> their own assembly, so a Debug test
    /// run starts Debug services.
    /// </summary>
    /// <exception cref="CheckoutException">It is not built; the message says how to build it.</exception>
    public string ServiceDll(string service, string configuration = "Release")
    {
        var dll = Path.Combine(Root, "services", service, "bin", configuration, "net10.0", $"ReferralNet.{service}.dll");
        if (!File.Exists(dll))
            throw new CheckoutException(
                $"{service} is not built in {configuration}: {Path.GetRelativePath(Root, dll)} does not exist. " +
                $"Run 'dotnet build ReferralNet.sln -c {configuration}' (deploy/test.sh, deploy/bench.sh and deploy/faults.sh build first).");
        return dll;
    }

    /// <summary>The configuration an assembly was built in, from its folder …/bin/&lt;Configuration&gt;/net10.0/.</summary>
    public static string ConfigurationOf(Assembly assembly)
    {
        var folder = new DirectoryInfo(Path.GetDirectoryName(assembly.Location)!);
        return folder.Parent?.Parent?.Name == "bin"
            ? folder.Parent.Name
            : throw new CheckoutException($"cannot tell the build configuration from {folder.FullName}: expected …/bin/<Configuration>/net10.0");
    }

    /// <summary>An absolute path for a tool's output: a given path is taken from the current directory, the default from the checkout.</summary>
    public string OutputPath(string? given, string defaultInCheckout) =>
        given is null ? Path.Combine(Root, defaultInCheckout) : Path.GetFullPath(given);
}
