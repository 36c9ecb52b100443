using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Identity.Accounts;

/// <summary>Which roles an account of an organisation may hold, and which of them need a second factor.</summary>
public static class StaffRoles
{
    /// <summary>The roles that can see survivors' personal data: each needs a second factor to sign in.</summary>
    public static readonly IReadOnlyList<string> SeePersonalData = [Roles.Caseworker, Roles.Intake, Roles.ShelterStaff, Roles.OrgAdmin];

    public static bool RequireSecondFactor(IEnumerable<string> roles) => roles.Any(SeePersonalData.Contains);

    /// <summary>Null when <paramref name="roles"/> fit <paramref name="organisation"/>; else what is wrong.</summary>
    public static string? Problem(Organisation organisation, IReadOnlyCollection<string> roles)
    {
        if (roles.Count == 0)
            return $"give the account at least one role: {string.Join(", ", Roles.All)}";
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
            return $"'{unknown}' is not a role; the roles are {string.Join(", ", Roles.All)}";
        var isOperator = organisation.Kind == OrganisationKinds.Operator;
        if (roles.Contains(Roles.Operator) && !isOperator)
            return $"the role '{Roles.Operator}' is for the network operator's staff only, not for organisation '{organisation.Id}'";
        if (isOperator && roles.FirstOrDefault(r => r != Roles.Operator) is { } other)
            return $"the network operator's staff hold the role '{Roles.Operator}' only: operators see no survivor data, so '{other}' is refused for organisation '{organisation.Id}'";
        if (roles.Contains(Roles.ShelterStaff) && organisation.Kind != OrganisationKinds.Shelter)
            return $"the role '{Roles.ShelterStaff}' is for shelters' staff only, and organisation '{organisation.Id}' is of kind '{organisation.Kind}'";
        return null;
    }
}
