namespace ReferralNet.Portal.Capacity;

/// <summary>
/// One place with room, whatever the service: a shelter's free beds of a type, a legal provider's
/// case type, a clinic's service, a programme. Never an address: shelter locations are confidential.
/// </summary>
public sealed record CapacityOffer(
    string OrganisationId,
    string OrganisationName,
    string Name,
    string Area,
    IReadOnlyList<string> Languages,
    string ServiceCode,
    int Open,
    string OpenUnit,
    string IntakeName,
    string IntakePhone,
    string IntakeEmail);
