using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ReferralNet.Identity.Accounts;
using ReferralNet.ServiceDefaults.Seeds;

namespace ReferralNet.Identity.Seeds;

/// <summary>
/// The development accounts (seeds/staff.json: e-mails, one password, TOTP secrets) and client
/// secrets (seeds/clients.json). They are public, so they are loaded in Development only, and a
/// start elsewhere that asks for them is refused.
/// </summary>
public static class DevelopmentSeeds
{
    public const string Setting = "ReferralNet:Identity:DevelopmentSeeds";
    public const string StaffFile = "staff.json";
    public const string ClientsFile = "clients.json";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Decides whether the seeds load: by default in Development only; asked for elsewhere, the start is refused.</summary>
    public static WebApplicationBuilder AddDevelopmentSeeds(this WebApplicationBuilder builder)
    {
        var asked = builder.Configuration.GetValue<bool?>(Setting);
        if (asked == true && !builder.Environment.IsDevelopment())
            throw new InvalidOperationException(
                $"{Setting} is on in the '{builder.Environment.EnvironmentName}' environment: the development accounts, passwords, TOTP secrets and client secrets in seeds/ are public, " +
                "and this service would accept them. Remove ReferralNet__Identity__DevelopmentSeeds (or set it to false); it is for ASPNETCORE_ENVIRONMENT=Development only");
        var enabled = asked ?? builder.Environment.IsDevelopment();
        builder.Services.PostConfigure<IdentityServiceOptions>(options => options.DevelopmentSeeds = enabled);
        return builder;
    }

    /// <summary>Creates the development accounts on first start (when there is no account yet).</summary>
    public static async Task LoadDevelopmentSeedsAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<IdentityServiceOptions>>().Value.DevelopmentSeeds != true)
            return;
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        if (users.Users.Any())
            return;

        var file = Read<StaffSeedFile>(app.Services.GetRequiredService<SeedFiles>(), StaffFile);
        var probe = new StaffAccount();
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, probe, file.Password);
            if (!valid.Succeeded)
                throw new InvalidOperationException($"seeds/{StaffFile}: the development password breaks the password policy: {string.Join("; ", valid.Errors.Select(e => e.Description))}");
        }
        // One hash for the one shared development password: hashing it for each account would add seconds to every start.
        var hash = users.PasswordHasher.HashPassword(probe, file.Password);
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        foreach (var seed in file.Accounts)
        {
            var created = await accounts.CreateAsync(new NewStaffAccount(seed.Email, seed.OrganisationId, seed.Roles, file.Password, seed.TotpSecret), StaffActor.Service, hash);
            if (!created.Succeeded)
                throw new InvalidOperationException($"seeds/{StaffFile}: the account of {seed.OrganisationId} with roles {string.Join(",", seed.Roles)} cannot be created: {created.Message}");
        }
        app.Logger.LogInformation("Loaded {Count} development staff accounts", file.Accounts.Count);
    }

    /// <summary>The development client secrets, by client id.</summary>
    public static IReadOnlyDictionary<string, string> ClientSecrets(SeedFiles seeds) =>
        Read<List<ClientSeed>>(seeds, ClientsFile).ToDictionary(c => c.ClientId, c => c.Secret, StringComparer.Ordinal);

    static T Read<T>(SeedFiles seeds, string name)
    {
        var path = Path.Combine(seeds.Folder, name);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"{path} is empty");
    }

    sealed record StaffSeedFile(string Password, List<StaffSeed> Accounts);

    sealed record StaffSeed(string Email, string OrganisationId, List<string> Roles, string TotpSecret);

    sealed record ClientSeed(string ClientId, string Secret);
}
