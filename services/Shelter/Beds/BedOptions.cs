namespace ReferralNet.Shelter.Beds;

/// <summary>Settings of holds (<c>ReferralNet:Beds</c>).</summary>
public sealed class BedOptions
{
    public int DefaultHoldMinutes { get; set; } = 120;
    public int MaxHoldMinutes { get; set; } = 1440;
    public TimeSpan HoldSweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Beds one organisation may hold at once across all shelters, so no partner can hold a city's beds.</summary>
    public int MaxActiveHoldsPerOrganisation { get; set; } = 20;
}
