namespace ReferralNet.Capacity;

/// <summary>
/// What one organisation offers under one service code (a legal case type, a clinic service, a
/// programme), and how much of it: <see cref="Total"/> units, <see cref="InUse"/> of them taken.
/// Not personal data: capacity is what partners look up.
/// </summary>
public sealed class Offering
{
    public string OrganisationId { get; set; } = "";

    /// <summary>The service code a referral names, e.g. <c>legal:t-visa</c>.</summary>
    public string Service { get; set; } = "";

    public string Name { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>Languages the service is delivered in (BCP 47).</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>The intake line for partner staff.</summary>
    public string IntakeName { get; set; } = "";
    public string IntakePhone { get; set; } = "";
    public string IntakeEmail { get; set; } = "";

    public int Total { get; set; }
    public int InUse { get; set; }

    /// <summary>Raised by every change of the counts.</summary>
    public long Version { get; set; }

    /// <summary>Units free to take now.</summary>
    public int Open => Math.Max(0, Total - InUse);
}
