using ReferralNet.Capacity;

namespace ReferralNet.Medical.ClinicServices;

/// <summary>The services clinics offer, counted in appointments; accepting a referral books one.</summary>
public static class ClinicServices
{
    public static readonly CapacityTerms Terms = new(
        Prefix: "medical:",
        CodeName: "medical service",
        Codes: ["trauma-care", "sexual-reproductive-health", "mental-health", "primary-care"],
        Unit: "appointments",
        Taking: "appointment");
}
