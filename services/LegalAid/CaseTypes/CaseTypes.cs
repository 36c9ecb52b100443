using ReferralNet.Capacity;

namespace ReferralNet.LegalAid.CaseTypes;

/// <summary>The case types legal-aid providers take, counted in attorney capacity; accepting a referral opens an intake.</summary>
public static class CaseTypes
{
    public static readonly CapacityTerms Terms = new(
        Prefix: "legal:",
        CodeName: "case type",
        Codes: ["t-visa", "u-visa", "asylum", "victim-witness", "labour-civil"],
        Unit: "attorney capacity",
        Taking: "intake");
}
