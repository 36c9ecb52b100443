namespace ReferralNet.Contracts.Beds;

/// <summary>
/// Published to every service whenever a shelter's count of one bed type changes. Carries no
/// personal data and never a shelter's location beyond its area. <paramref name="Version"/> grows
/// with every change of that shelter's bed type, so a read model applies only newer versions.
/// </summary>
public sealed record BedAvailabilityChanged(
    string ShelterId,
    string ShelterName,
    string OrganisationId,
    string Area,
    string BedType,
    int Total,
    int Occupied,
    int Held,
    int Free,
    long Version,
    DateTimeOffset ChangedAt);
