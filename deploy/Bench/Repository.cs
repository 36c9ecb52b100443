namespace ReferralNet.Bench;

/// <summary>The ReferralNet checkout the bench runs from: its seeds and its built services.</summary>
sealed class Repository
{
    Repository(string root) => Root = root;

    public string Root { get; }

    public string SeedsFolder => Path.Combine(Root, "seeds");

    /// <summary>
    /// The nearest folder holding ReferralNet.sln above the current directory or above the bench
    /// itself (deploy/Bench/bin/Release/net10.0), so the bench runs from anywhere in the checkout.
    /// </summary>
    public static Repository Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "ReferralNet.sln")) && Directory.Exists(Path.Combine(folder.FullName, "services")))
                    return new Repository(folder.FullName);
            }
        }
        throw new BenchException("cannot find the ReferralNet checkout (a folder with ReferralNet.sln and services/) above the current directory or the bench: run the bench from inside the repository");
    }

    /// <summary>The Release build of a service, e.g. services/Shelter/bin/Release/net10.0/ReferralNet.Shelter.dll.</summary>
    public string ServiceDll(string service)
    {
        var project = Path.Combine("services", service, $"ReferralNet.{service}.csproj");
        var dll = Path.Combine(Root, "services", service, "bin", "Release", "net10.0", $"ReferralNet.{service}.dll");
        if (!File.Exists(dll))
            throw new BenchException(
                $"{service} is not built in Release: {Path.GetRelativePath(Root, dll)} does not exist. " +
                $"The bench builds nothing itself: run deploy/bench.sh, which builds first, or 'dotnet build -c Release {project}'.");
        return dll;
    }

    /// <summary>An absolute path: relative paths given on the command line are taken from the current directory.</summary>
    public string ResolveOutput(string? given, string defaultInRepository) =>
        given is null ? Path.Combine(Root, defaultInRepository) : Path.GetFullPath(given);
}
