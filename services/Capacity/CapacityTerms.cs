namespace ReferralNet.Capacity;

/// <summary>
/// How one service speaks of its capacity: the service codes it tracks and the words its messages use.
/// </summary>
/// <param name="Prefix">Prefix of the service codes, with its colon: <c>legal:</c>.</param>
/// <param name="CodeName">What a code is called: <c>case type</c>.</param>
/// <param name="Codes">The codes without the prefix: <c>t-visa</c>, <c>asylum</c>, ….</param>
/// <param name="Unit">What is counted: <c>attorney capacity</c>, <c>appointments</c>, <c>seats</c>.</param>
/// <param name="Taking">What accepting a referral creates: <c>intake</c>, <c>appointment</c>, <c>enrolment</c>.</param>
public sealed record CapacityTerms(string Prefix, string CodeName, IReadOnlyList<string> Codes, string Unit, string Taking)
{
    /// <summary>The full service code of a short code (<c>t-visa</c> → <c>legal:t-visa</c>); a full code stays as it is.</summary>
    public string ServiceOf(string code) => code.StartsWith(Prefix, StringComparison.Ordinal) ? code : Prefix + code;

    /// <summary>The short code of a service code (<c>legal:t-visa</c> → <c>t-visa</c>).</summary>
    public string CodeOf(string service) => service.StartsWith(Prefix, StringComparison.Ordinal) ? service[Prefix.Length..] : service;

    /// <summary>What is wrong with a code given by a caller (short or full), or null when it is known.</summary>
    public string? Check(string code) =>
        Codes.Contains(CodeOf(code))
            ? null
            : $"'{code}' is not a {CodeName}; use one of: {string.Join(", ", Codes)}";
}
