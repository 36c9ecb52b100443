using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using ReferralNet.Identity.Audit;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.ServiceDefaults.Outcomes;

namespace ReferralNet.Identity.Accounts;

/// <summary>Creating and disabling staff accounts; each change is audited with ids only.</summary>
public sealed class StaffAccounts(
    UserManager<StaffAccount> users,
    IUserStore<StaffAccount> store,
    RoleManager<IdentityRole> roleManager,
    OrganisationDirectory organisations,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    AuditTrail audit)
{
    /// <summary>
    /// Creates an account in its organisation with its roles; an account whose roles need a second
    /// factor gets <see cref="NewStaffAccount.AuthenticatorKey"/> as its TOTP secret.
    /// <paramref name="passwordHash"/> replaces hashing <see cref="NewStaffAccount.Password"/> (seeds share one).
    /// </summary>
    public async Task<Result<StaffAccount>> CreateAsync(NewStaffAccount request, StaffActor actor, string? passwordHash = null, CancellationToken ct = default)
    {
        if (organisations.Find(request.OrganisationId) is not { } organisation)
            return Result<StaffAccount>.Invalid($"there is no organisation '{request.OrganisationId}'; use an id from seeds/organisations.json");
        if (!actor.IsAdminOf(organisation.Id))
            return Result<StaffAccount>.Forbidden($"only an org admin of '{organisation.Id}' can add its staff");
        if (StaffRoles.Problem(organisation, request.Roles) is { } problem)
            return Result<StaffAccount>.Invalid(problem);

        var account = new StaffAccount
        {
            Id = StaffIds.New(),
            UserName = request.Email,
            Email = request.Email,
            EmailConfirmed = true,
            OrganisationId = organisation.Id,
            LockoutEnabled = true,
        };
        IdentityResult created;
        if (passwordHash is null)
        {
            created = await users.CreateAsync(account, request.Password);
        }
        else
        {
            account.PasswordHash = passwordHash;
            created = await users.CreateAsync(account);
        }
        if (!created.Succeeded)
            return Result<StaffAccount>.Invalid(Describe(created));

        foreach (var role in request.Roles)
        {
            if (!await roleManager.RoleExistsAsync(role))
                await roleManager.CreateAsync(new IdentityRole(role));
        }
        var roles = await users.AddToRolesAsync(account, request.Roles);
        if (!roles.Succeeded)
            return Result<StaffAccount>.Invalid(Describe(roles));
        if (request.AuthenticatorKey is { Length: > 0 } key)
        {
            await ((IUserAuthenticatorKeyStore<StaffAccount>)store).SetAuthenticatorKeyAsync(account, key, ct);
            await users.SetTwoFactorEnabledAsync(account, true);
        }
        await audit.RecordAsync(AuditEvent.AccountCreated, account, actor, ct);
        return Result<StaffAccount>.Ok(account);
    }

    /// <summary>
    /// Disables an account: it cannot sign in again, its sign-in session ends at the next security
    /// stamp check, and its authorizations and refresh tokens are revoked at once, so it keeps only
    /// the access tokens already issued (5 minutes at most).
    /// </summary>
    public async Task<Result<StaffAccount>> DisableAsync(string staffId, StaffActor actor, CancellationToken ct = default)
    {
        // Another organisation's staff are not the actor's to see: unknown and foreign look the same.
        if (await users.FindByIdAsync(staffId) is not { } account || !(actor.IsService || actor.OrganisationId == account.OrganisationId))
            return Result<StaffAccount>.NotFound($"your organisation has no staff account '{staffId}'");
        if (!actor.IsAdminOf(account.OrganisationId))
            return Result<StaffAccount>.Forbidden($"only an org admin of '{account.OrganisationId}' can disable its staff");

        account.Disabled = true;
        var updated = await users.UpdateSecurityStampAsync(account);
        if (!updated.Succeeded)
            return Result<StaffAccount>.Conflict(Describe(updated));
        await authorizations.RevokeBySubjectAsync(account.Id, ct);
        await tokens.RevokeBySubjectAsync(account.Id, ct);
        await audit.RecordAsync(AuditEvent.AccountDisabled, account, actor, ct);
        return Result<StaffAccount>.Ok(account);
    }

    static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description));
}
