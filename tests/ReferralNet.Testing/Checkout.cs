namespace ReferralNet.Testing;

/// <summary>The ReferralNet checkout a tool or test runs from: its seeds and its built services.</summary>
public sealed class Checkout
{
    Checkout(string root) => Root = root;

    /// <summary>The folder holding ReferralNet.sln.</summary>
    public string Root { get; }

    /// <summary>seeds/ (synthetic organisations, shelters, programmes).</summary>
    public string SeedsFolder => Path.Combine(Root, "seeds");

    /// <summary>The nearest folder with ReferralNet.sln and services/ above the current directory or above this assembly.</summary>
    /// <exception cref="InvalidOperationException">Run from outside a checkout.</exception>
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
        throw new InvalidOperationException(
            "cannot find the ReferralNet checkout (a folder with ReferralNet.sln and services/) above the current directory or this program: run it from inside the repository");
    }

    /// <summary>The Release build of a service, e.g. services/Shelter/bin/Release/net10.0/ReferralNet.Shelter.dll.</summary>
    /// <exception cref="InvalidOperationException">It is not built; the message says how to build it.</exception>
    public string ServiceDll(string service)
    {
        var dll = Path.Combine(Root, "services", service, "bin", "Release", "net10.0", $"ReferralNet.{service}.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException(
                $"{service} is not built in Release: {Path.GetRelativePath(Root, dll)} does not exist. " +
                $"Run 'dotnet build -c Release services/{service}/ReferralNet.{service}.csproj' (deploy/faults.sh and deploy/test.sh build it).");
        return dll;
    }
}
