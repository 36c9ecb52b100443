using System.Reflection;

namespace ReferralNet.Portal.Tests;

/// <summary>Where the repository and the built services are.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every main page's screenshot goes here (named in README, "The portal").</summary>
    public static string ScreenshotFolder => Path.Combine(Root, "artifacts", "screenshots");

    /// <summary>
    /// A service (or the portal) built in the same configuration as this assembly: building this
    /// project builds them, as project references.
    /// </summary>
    public static string Dll(string folder, string assembly)
    {
        var configuration = Configuration();
        var dll = Path.Combine(Root, "services", folder, "bin", configuration, "net10.0", $"{assembly}.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException(
                $"{assembly} is not built in {configuration}: {dll} does not exist. Build the solution in {configuration} " +
                $"('dotnet build ReferralNet.sln -c {configuration}') before running these tests with --no-build.", dll);
        return dll;
    }

    static string Configuration()
    {
        var assemblyFolder = new DirectoryInfo(Path.GetDirectoryName(Assembly.GetExecutingAssembly().Location)!);
        return assemblyFolder.Parent?.Parent?.Name == "bin"
            ? assemblyFolder.Parent.Name
            : throw new InvalidOperationException($"cannot tell the build configuration from {assemblyFolder.FullName}: expected …/bin/<Configuration>/net10.0");
    }

    static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ReferralNet.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"cannot find ReferralNet.sln above {AppContext.BaseDirectory}");
    }
}
