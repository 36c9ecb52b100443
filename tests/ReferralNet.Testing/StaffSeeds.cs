using System.Text.Json;

namespace ReferralNet.Testing;

/// <summary>The development accounts (seeds/staff.json) and client secrets (seeds/clients.json), as a developer reads them.</summary>
public static class StaffSeeds
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly Lazy<StaffFile> Staff = new(() => Read<StaffFile>("staff.json"));
    static readonly Lazy<List<ClientSeed>> Clients = new(() => Read<List<ClientSeed>>("clients.json"));

    public static string Password => Staff.Value.Password;

    public static string TotpSecret(string email) => Staff.Value.Accounts.Single(a => a.Email == email).TotpSecret;

    public static string ClientSecret(string clientId) => Clients.Value.Single(c => c.ClientId == clientId).Secret;

    static T Read<T>(string name) => JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(Checkout.Find().SeedsFolder, name)), Json)!;

    sealed record StaffSeed(string Email, string OrganisationId, List<string> Roles, string TotpSecret);

    sealed record StaffFile(string Password, List<StaffSeed> Accounts);

    sealed record ClientSeed(string ClientId, string Secret);
}
