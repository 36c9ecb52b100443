using System.Globalization;

namespace ReferralNet.Bench;

/// <summary>The figures of one referrals run, as printed and as written to JSON.</summary>
sealed record ReferralRoundTripResult(
    string Benchmark,
    DateTimeOffset StartedAt,
    Machine Machine,
    string LoadAverageAtEnd,
    string Method,
    string ServiceSettings,
    string Route,
    int Referrals,
    int WarmUpReferrals,
    int Revocations,
    double PollIntervalMs,
    LatencySummary PollWindowMs,
    IReadOnlyDictionary<string, LatencySummary> LatencyMs,
    LatencySummary ReceivedByRecipientClockMs,
    int ProfilesNotAsSharedAtRecipient,
    int ProfilesNotRedactedAfterPurge,
    double ReferralsPerSecond,
    double RevocationsPerSecond,
    double MachineCpuBusyPercent,
    double BenchCpuPercent,
    IReadOnlyDictionary<string, double> CpuMsPerReferral,
    double MachineCpuBusyPercentDuringRevocations,
    IReadOnlyDictionary<string, double> CpuMsPerRevocation,
    IReadOnlyDictionary<string, double> PhaseSeconds) : IBenchResult
{
    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        BenchReport.PrintTitle(output, "referrals", StartedAt);
        BenchReport.PrintMachine(output, Machine, LoadAverageAtEnd, MachineCpuBusyPercent, BenchCpuPercent, CpuMsPerReferral, "referral");
        output.WriteLine(
            $"         during the revocations all cores were {MachineCpuBusyPercentDuringRevocations.ToString("0", c)} % busy; CPU time per revocation: " +
            string.Join(", ", CpuMsPerRevocation.Select(p => $"{p.Key} {p.Value.ToString("0.0", c)} ms")));
        output.WriteLine(
            $"N: {Referrals} referrals {Route} after {WarmUpReferrals} warm-up referrals, back to back, {ReferralsPerSecond.ToString("0.0", c)} referrals/s; " +
            $"M: {Revocations} revocations, {RevocationsPerSecond.ToString("0.0", c)} revocations/s");
        output.WriteLine($"Method: {Method}");
        output.WriteLine($"Services: {ServiceSettings}");
        output.WriteLine(
            $"Polling resolution: polled every {PollIntervalMs.ToString("0.#", c)} ms; the awaited state was last seen missing " +
            $"p50 {PollWindowMs.P50.ToString("0.00", c)} / p99 {PollWindowMs.P99.ToString("0.00", c)} / max {PollWindowMs.Max.ToString("0.00", c)} ms before it was seen, " +
            "so the polled figures are late by at most that.");
        output.WriteLine();
        BenchReport.PrintLatencyTable(
            output, LatencyMs,
            ("postResponse", "POST response"), ("receivedAtRecipient", "received at recipient"), ("receiptSeenBySender", "receipt seen by sender"),
            ("revokeResponse", "revoke response"), ("purgeConfirmed", "purge confirmed"));
        output.WriteLine(
            $"Without polling: the recipient's own receivedAt (same machine clock, set just before its inbox commit) is " +
            $"p50 {ReceivedByRecipientClockMs.P50.ToString("0.00", c)} / p99 {ReceivedByRecipientClockMs.P99.ToString("0.00", c)} / max {ReceivedByRecipientClockMs.Max.ToString("0.00", c)} ms after the POST started.");
        output.WriteLine();
        output.WriteLine(
            $"Checks: {ProfilesNotAsSharedAtRecipient} referrals arrived without the consented name, " +
            $"{ProfilesNotRedactedAfterPurge} recipient copies not redacted once the purge was confirmed.");
        BenchReport.PrintRunTime(output, PhaseSeconds);
    }

    public void WriteJson(string path) => BenchReport.WriteJson(path, this);
}
