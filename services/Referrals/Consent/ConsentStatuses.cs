namespace ReferralNet.Referrals.Consent;

/// <summary>What a consent's status can be.</summary>
public static class ConsentStatuses
{
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
}
