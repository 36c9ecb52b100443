using ReferralNet.Capacity;

namespace ReferralNet.Vocational.Programmes;

/// <summary>The kinds of programme, counted in seats; accepting a referral enrols.</summary>
public static class ProgrammeKinds
{
    public static readonly CapacityTerms Terms = new(
        Prefix: "vocational:",
        CodeName: "programme kind",
        Codes: ["training", "education", "job-placement"],
        Unit: "seats",
        Taking: "enrolment");
}
