namespace ReferralNet.Shelter.Shelters;

/// <summary>A shelter run by a partner organisation.</summary>
public sealed class ShelterSite
{
    public string Id { get; set; } = "";
    public string OrganisationId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Area { get; set; } = "";
    public List<string> Languages { get; set; } = [];
    public bool Accessible { get; set; }
    public bool ChildrenAccepted { get; set; }

    // Shelter locations are confidential: only the organisation that runs the shelter ever sees this.
    public string StreetAddress { get; set; } = "";

    public string IntakeName { get; set; } = "";
    public string IntakePhone { get; set; } = "";
    public string IntakeEmail { get; set; } = "";
}
