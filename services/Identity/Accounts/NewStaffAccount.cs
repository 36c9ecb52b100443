namespace ReferralNet.Identity.Accounts;

/// <summary>
/// An account to create. <paramref name="AuthenticatorKey"/> is the base32 TOTP secret; without one,
/// an account whose roles need a second factor cannot sign in until it enrols one.
/// </summary>
public sealed record NewStaffAccount(string Email, string OrganisationId, IReadOnlyCollection<string> Roles, string Password, string? AuthenticatorKey = null);
