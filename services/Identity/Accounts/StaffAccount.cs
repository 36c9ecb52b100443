using Microsoft.AspNetCore.Identity;

namespace ReferralNet.Identity.Accounts;

/// <summary>
/// A staff member's account. Its <see cref="IdentityUser{TKey}.Id"/> is the pseudonymous staff id
/// (<see cref="StaffIds"/>), which is what tokens, logs and audit entries carry; the e-mail
/// (its user name) stays in this database.
/// </summary>
public sealed class StaffAccount : IdentityUser
{
    /// <summary>The one organisation the account belongs to (an id from seeds/organisations.json).</summary>
    public string OrganisationId { get; set; } = "";

    /// <summary>A disabled account cannot sign in, and its tokens were revoked when it was disabled.</summary>
    public bool Disabled { get; set; }
}
