namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>
/// A partner organisation as the seeds list it. <see cref="Kind"/> is one of <see cref="OrganisationKinds"/>;
/// <see cref="Services"/> are the service codes it can be referred for (<c>bed:women</c>,
/// <c>legal:t-visa</c>, <c>medical:trauma-care</c>, <c>vocational:training</c>, …).
/// </summary>
public sealed record Organisation(string Id, string Name, string Kind, string Area, IReadOnlyList<string> Languages, string ApiKey, IReadOnlyList<string>? Services = null)
{
    /// <summary>Whether it can be referred for that service.</summary>
    public bool Offers(string service) => Services?.Contains(service) == true;
}
