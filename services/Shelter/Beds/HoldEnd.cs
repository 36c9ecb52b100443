namespace ReferralNet.Shelter.Beds;

/// <summary>Why a hold ended.</summary>
public enum HoldEnd
{
    Released,
    Expired,
}
