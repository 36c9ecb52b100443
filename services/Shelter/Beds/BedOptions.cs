namespace ReferralNet.Shelter.Beds;

/// <summary>Settings of holds (<c>ReferralNet:Beds</c>).</summary>
public sealed class BedOptions
{
    public int DefaultHoldMinutes { get; set; } = 120;
    public int MaxHoldMinutes { get; set; } = 1440;
    public TimeSpan HoldSweepInterval { get; set; } = TimeSpan.FromSeconds(15);
}
