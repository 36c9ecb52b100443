using ReferralNet.Referrals;

namespace ReferralNet.Shelter.Referrals;

public static class ShelterIntakeExtensions
{
    /// <summary>Makes accepting and closing bed referrals fill and free beds (replaces the engine's default recipient).</summary>
    public static IHostApplicationBuilder AddShelterIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IReferralRecipient, ShelterIntake>();
        return builder;
    }
}
