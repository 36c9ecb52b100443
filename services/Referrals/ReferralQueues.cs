namespace ReferralNet.Referrals;

/// <summary>Where everything about a referral goes: the one referral queue of the other side's service.</summary>
public static class ReferralQueues
{
    /// <summary>The send address of the referral queue of the service hosting <paramref name="organisationId"/>.</summary>
    public static string QueueOf(this OrganisationDirectory directory, string organisationId)
    {
        var organisation = directory.Find(organisationId) ?? throw new InvalidOperationException($"unknown organisation '{organisationId}'");
        return "queue:" + ServiceNames.ReferralQueue(ServiceNames.ForKind(organisation.Kind)!);
    }

    /// <summary>
    /// What is wrong with <paramref name="recipientId"/> as the recipient of a referral or consent
    /// of <paramref name="organisationId"/>, or null.
    /// </summary>
    public static string? RecipientProblem(this OrganisationDirectory directory, string organisationId, string? recipientId)
    {
        var to = directory.Find(recipientId ?? "");
        if (to is null)
            return $"there is no organisation '{recipientId}'";
        if (to.Id == organisationId)
            return "an organisation cannot refer to itself or record consent for itself";
        if (ServiceNames.ForKind(to.Kind) is null)
            return $"organisation '{to.Id}' operates the network and receives no referrals";
        return null;
    }
}
