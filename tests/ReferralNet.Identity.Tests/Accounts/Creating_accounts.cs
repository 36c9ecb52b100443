using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Identity.Accounts;
using ReferralNet.Identity.Tests.Support;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.ServiceDefaults.Outcomes;
using Xunit;

namespace ReferralNet.Identity.Tests.Accounts;

public sealed class Creating_accounts(IdentityHost host)
{
    [Fact]
    public async Task Refuses_the_operator_role_outside_the_operator_organisation()
    {
        var result = await CreateAsync(new NewStaffAccount("ops@justice-bridge.example", "justice-bridge", [Roles.Operator], "a-long-enough-password"));

        Assert.Equal(ErrorKind.Invalid, result.Error);
        Assert.Contains("network operator's staff only", result.Message);
    }

    [Fact]
    public async Task Refuses_roles_that_see_personal_data_in_the_operator_organisation()
    {
        var result = await CreateAsync(new NewStaffAccount("cw@network-ops.example", "network-ops", [Roles.Caseworker], "a-long-enough-password"));

        Assert.Equal(ErrorKind.Invalid, result.Error);
        Assert.Contains("'caseworker' is refused", result.Message);
    }

    [Fact]
    public async Task Refuses_a_password_shorter_than_twelve_characters()
    {
        var result = await CreateAsync(new NewStaffAccount("short@new-paths.example", "new-paths", [Roles.Intake], "elevenchars"));

        Assert.Equal(ErrorKind.Invalid, result.Error);
        Assert.Contains("12", result.Message);
    }

    [Fact]
    public async Task Gives_each_account_a_pseudonymous_staff_id()
    {
        var result = await CreateAsync(new NewStaffAccount("new-intake@new-paths.example", "new-paths", [Roles.Intake], "a-long-enough-password", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));

        Assert.True(result.Succeeded, result.Message);
        Assert.Matches("^sf-[0-9a-f]{16}$", result.Value!.Id);
        Assert.DoesNotContain("new-intake", result.Value.Id);
        Assert.True(result.Value.TwoFactorEnabled);
    }

    Task<Result<StaffAccount>> CreateAsync(NewStaffAccount account) =>
        host.WithServiceAsync(sp => sp.GetRequiredService<StaffAccounts>().CreateAsync(account, StaffActor.Service));
}
