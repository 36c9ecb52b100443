namespace ReferralNet.Referrals;

/// <summary>Which side of a referral an organisation is on.</summary>
public enum ReferralSide
{
    /// <summary>The organisation that sent it.</summary>
    Requester,
    /// <summary>The organisation it was sent to.</summary>
    Recipient,
}
