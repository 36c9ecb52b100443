using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Identity.Data;
using ReferralNet.Identity.Tests.Support;
using Xunit;

namespace ReferralNet.Identity.Tests.Audit;

public sealed class Keeping_personal_data_out(IdentityHost host)
{
    [Fact]
    public async Task Neither_logs_nor_audit_hold_the_email_or_the_password_of_a_sign_in()
    {
        const string Email = "org-admin@open-door-law.example";
        const string WrongPassword = "canary-password-7d1e5c";
        var browser = host.NewBrowser();
        await browser.SubmitAsync(await browser.StartAsync(), ("email", Email), ("password", WrongPassword));
        await browser.SubmitAsync(await browser.StartAsync(), ("email", "canary-unknown@open-door-law.example"), ("password", WrongPassword));
        await browser.TokensAsync(Email);

        var audit = await host.WithServiceAsync(sp => Task.FromResult(sp.GetRequiredService<StaffDbContext>().Audit.ToList()));

        Assert.NotEmpty(host.Logs.Lines);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("open-door-law.example", StringComparison.OrdinalIgnoreCase) || line.Contains(WrongPassword, StringComparison.Ordinal));
        Assert.All(audit, entry => Assert.True(entry.StaffId is null || entry.StaffId.StartsWith("sf-", StringComparison.Ordinal)));
        Assert.DoesNotContain(audit, entry => JsonSerializerText(entry).Contains('@'));
    }

    static string JsonSerializerText(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
