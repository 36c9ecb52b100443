using System.Text.Json;
using Microsoft.Extensions.Options;
using ReferralNet.ServiceDefaults;

namespace ReferralNet.ServiceDefaults.Seeds;

/// <summary>
/// The seeds folder: <c>ReferralNet:SeedsPath</c>, or else the nearest <c>seeds/</c> folder above
/// the application, so a service started from the repository finds it.
/// </summary>
public sealed class SeedFiles(IOptions<ReferralNetOptions> options)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The folder.</summary>
    public string Folder { get; } = options.Value.SeedsPath is { Length: > 0 } path ? path : FindUpwards();

    /// <summary>Reads one seed file as a list of <typeparamref name="T"/>.</summary>
    public List<T> Read<T>(string fileName)
    {
        var file = Path.Combine(Folder, fileName);
        using var stream = File.OpenRead(file);
        return JsonSerializer.Deserialize<List<T>>(stream, Json) ?? throw new InvalidOperationException($"{file} is empty");
    }

    static string FindUpwards()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seeds");
                if (File.Exists(Path.Combine(candidate, "organisations.json")))
                    return candidate;
            }
        }
        throw new InvalidOperationException("cannot find the seeds folder: set ReferralNet:SeedsPath to the repository's seeds/ folder");
    }
}
