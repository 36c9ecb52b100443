namespace ReferralNet.Contracts.Referrals;

/// <summary>
/// What every referral may carry without consent, because it identifies no one: "a woman with one
/// child who speaks Spanish needs a family bed tonight". No name, date, contact or free text.
/// </summary>
public sealed record ReferralNeeds(IReadOnlyList<string> Languages, int Dependants, bool AccessibilityNeeded);
