namespace ReferralNet.Attacks.Tests.Edges;

/// <summary>
/// Tests that measure a service process's resident memory run while no other test of this assembly
/// runs: starved of CPU by parallel tests, a service grows its thread pool (each new thread's stack
/// counts), which is not what the measurement is about. Seen: the decompression bomb's service grew
/// 2–6 MiB alone and 20 MiB beside the rest of the attack suite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "measured alone";
}
