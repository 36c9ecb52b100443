namespace ReferralNet.Shelter.Beds;

/// <summary>Why a hold ended.</summary>
public enum HoldEnd
{
    Released,
    Expired,

    /// <summary>Its referral was accepted: the held bed became occupied.</summary>
    Placed,
}
