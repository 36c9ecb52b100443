using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Identity.Accounts;
using Xunit;

namespace ReferralNet.Identity.Tests.Support;

/// <summary>
/// Accounts made for one test (the service creating them, as it does the seeds), so a test that
/// changes an account leaves the seeded ones that other tests sign in with as they are.
/// </summary>
public static class NewStaff
{
    public const string Password = "a-long-enough-password";

    public sealed record Person(string StaffId, string Email, string OrganisationId, string TotpSecret);

    public static async Task<Person> AddAsync(this IdentityHost host, string organisationId, params string[] roles)
    {
        // Not the seeds' domains: other tests look for those in the logs.
        var email = $"{string.Join("-", roles)}-{Guid.NewGuid():N}@{organisationId}.staff-tests.example";
        var secret = Base32(RandomNumberGenerator.GetBytes(20));
        var created = await host.WithServiceAsync(sp => sp.GetRequiredService<StaffAccounts>()
            .CreateAsync(new NewStaffAccount(email, organisationId, roles, Password, secret), StaffActor.Service));
        Assert.True(created.Succeeded, created.Message);
        return new Person(created.Value!.Id, email, organisationId, secret);
    }

    /// <summary>A browser signed in to the staff pages as <paramref name="person"/>, and the staff list it landed on.</summary>
    public static async Task<(Browser Browser, Browser.Page List)> StaffPagesAsync(this IdentityHost host, Person person)
    {
        var browser = host.NewBrowser();
        var list = await browser.SignInToStaffPagesAsync(person.Email, Password, person.TotpSecret);
        return (browser, list);
    }

    /// <summary>The account as it is stored now, and its roles.</summary>
    public static Task<(StaffAccount Account, string[] Roles)> StoredAsync(this IdentityHost host, string staffId) => host.WithServiceAsync(async sp =>
    {
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffAccount>>();
        var account = (await users.FindByIdAsync(staffId))!;
        return (account, (await users.GetRolesAsync(account)).Order().ToArray());
    });

    static string Base32(byte[] bytes)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new System.Text.StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }
}
