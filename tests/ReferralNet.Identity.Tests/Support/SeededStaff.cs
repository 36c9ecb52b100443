using System.Text.Json;

namespace ReferralNet.Identity.Tests.Support;

/// <summary>The development accounts and client secrets from the repository's seeds/, as a developer reads them.</summary>
public static class SeededStaff
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly Lazy<StaffFile> Staff = new(() => Read<StaffFile>("staff.json"));
    static readonly Lazy<List<ClientSeed>> Clients = new(() => Read<List<ClientSeed>>("clients.json"));

    public static string Password => Staff.Value.Password;

    public static IReadOnlyList<StaffSeed> All => Staff.Value.Accounts;

    public static StaffSeed Account(string email) => Staff.Value.Accounts.Single(a => a.Email == email);

    public static string ClientSecret(string clientId) => Clients.Value.Single(c => c.ClientId == clientId).Secret;

    public static string Folder { get; } = FindSeeds();

    static T Read<T>(string name) => JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(Folder, name)), Json)!;

    static string FindSeeds()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "seeds", "staff.json")))
                return Path.Combine(dir.FullName, "seeds");
        }
        throw new InvalidOperationException("cannot find seeds/staff.json above the test binaries");
    }

    public sealed record StaffSeed(string Email, string OrganisationId, List<string> Roles, string TotpSecret);

    sealed record StaffFile(string Password, List<StaffSeed> Accounts);

    sealed record ClientSeed(string ClientId, string Secret);
}
