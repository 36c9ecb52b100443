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
    Invitations invitations,
    AuditTrail audit)
{
    /// <summary>The accounts of the actor's organisation, by e-mail.</summary>
    public List<StaffAccount> Of(string organisationId) =>
        [.. users.Users.Where(a => a.OrganisationId == organisationId).OrderBy(a => a.Email)];

    /// <summary>An account of the actor's organisation; another organisation's looks like none.</summary>
    public async Task<Result<StaffAccount>> FindAsync(string staffId, StaffActor actor)
    {
        if (await users.FindByIdAsync(staffId) is not { } account || !(actor.IsService || actor.OrganisationId == account.OrganisationId))
            return Result<StaffAccount>.NotFound($"your organisation has no staff account '{staffId}'");
        if (!actor.IsAdminOf(account.OrganisationId))
            return Result<StaffAccount>.Forbidden($"only an org admin of '{account.OrganisationId}' can manage its staff");
        return Result<StaffAccount>.Ok(account);
    }

    /// <summary>
    /// Creates an account with no password and an authenticator key not yet confirmed, and returns
    /// the one-time token of its set-up link: the person sets a password and enrols through it.
    /// </summary>
    public async Task<Result<(StaffAccount Account, string Token)>> InviteAsync(string email, IReadOnlyCollection<string> roles, StaffActor actor, CancellationToken ct = default)
    {
        if (actor.OrganisationId is not { } organisationId || organisations.Find(organisationId) is not { } organisation || !actor.IsAdminOf(organisationId))
            return Result<(StaffAccount, string)>.Forbidden("only an org admin can invite staff, to their own organisation");
        if (StaffRoles.Problem(organisation, roles) is { } problem)
            return Result<(StaffAccount, string)>.Invalid(problem);
        var account = new StaffAccount
        {
            Id = StaffIds.New(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            OrganisationId = organisation.Id,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
            return Result<(StaffAccount, string)>.Invalid(Describe(created));
        await EnsureRolesAsync(roles);
        await users.AddToRolesAsync(account, roles);
        await users.ResetAuthenticatorKeyAsync(account);
        var token = await invitations.IssueAsync(account);
        await audit.RecordAsync(AuditEvent.AccountInvited, account, actor, ct);
        return Result<(StaffAccount, string)>.Ok((account, token));
    }

    /// <summary>Replaces the account's roles; its next token refresh carries them.</summary>
    public async Task<Result<StaffAccount>> ChangeRolesAsync(string staffId, IReadOnlyCollection<string> roles, StaffActor actor, CancellationToken ct = default)
    {
        var found = await FindAsync(staffId, actor);
        if (found.Value is not { } account)
            return found;
        if (StaffRoles.Problem(organisations.Find(account.OrganisationId)!, roles) is { } problem)
            return Result<StaffAccount>.Invalid(problem);
        if (account.Id == actor.StaffId && !roles.Contains(ServiceDefaults.Identity.Roles.OrgAdmin))
            return Result<StaffAccount>.Invalid("you cannot take the org-admin role from yourself: ask another org admin of your organisation");
        await EnsureRolesAsync(roles);
        var current = await users.GetRolesAsync(account);
        await users.RemoveFromRolesAsync(account, current.Except(roles));
        await users.AddToRolesAsync(account, roles.Except(current));
        await users.UpdateSecurityStampAsync(account);
        await audit.RecordAsync(AuditEvent.RolesChanged, account, actor, ct);
        return Result<StaffAccount>.Ok(account);
    }

    /// <summary>
    /// Removes the authenticator (a lost phone), ends the account's sessions and tokens, and returns
    /// a new set-up link's token through which the person sets a password and enrols again.
    /// </summary>
    public async Task<Result<(StaffAccount Account, string Token)>> ResetSecondFactorAsync(string staffId, StaffActor actor, CancellationToken ct = default)
    {
        var found = await FindAsync(staffId, actor);
        if (found.Value is not { } account)
            return Result<(StaffAccount, string)>.Fail(found.Error!.Value, found.Message!);
        if (account.Disabled)
            return Result<(StaffAccount, string)>.Conflict($"staff account '{staffId}' is disabled");
        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        // The recovery codes went with the lost authenticator: none of them works after the person enrols again.
        await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 0);
        await authorizations.RevokeBySubjectAsync(account.Id, ct);
        await tokens.RevokeBySubjectAsync(account.Id, ct);
        var token = await invitations.IssueAsync(account);
        await audit.RecordAsync(AuditEvent.SecondFactorReset, account, actor, ct);
        return Result<(StaffAccount, string)>.Ok((account, token));
    }

    async Task EnsureRolesAsync(IEnumerable<string> roles)
    {
        foreach (var role in roles)
        {
            if (!await roleManager.RoleExistsAsync(role))
                await roleManager.CreateAsync(new IdentityRole(role));
        }
    }

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

        await EnsureRolesAsync(request.Roles);
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
        var found = await FindAsync(staffId, actor);
        if (found.Value is not { } account)
            return found;
        if (account.Id == actor.StaffId)
            return Result<StaffAccount>.Invalid("you cannot disable your own account: ask another org admin of your organisation");

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
