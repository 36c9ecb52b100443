using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Identity.Accounts;

/// <summary>Who manages an account: an org admin of its organisation, or the service itself (seeding).</summary>
public sealed record StaffActor(string? StaffId, string? OrganisationId, IReadOnlyCollection<string> Roles)
{
    /// <summary>The service itself, loading seeds.</summary>
    public static readonly StaffActor Service = new(null, null, []);

    public bool IsService => StaffId is null;

    public bool IsAdminOf(string organisationId) => IsService || (OrganisationId == organisationId && Roles.Contains(ServiceDefaults.Identity.Roles.OrgAdmin));
}
