using ReferralNet.BadInput.Corpus;
using ReferralNet.BadInput.Replay;

namespace ReferralNet.BadInput.Tests;

public sealed class Replaying_the_corpus(InProcessReplayNetwork network) : IClassFixture<InProcessReplayNetwork>
{
    [Fact]
    public async Task Gets_no_5xx_no_crash_and_a_useful_message_with_every_4xx()
    {
        var corpus = CorpusGenerator.Generate();
        Assert.True(corpus.Count >= 10_000, $"the corpus has {corpus.Count} entries; the issue asks for at least 10,000");

        var report = await new Replayer(network.Network, new ReplayOptions { Parallelism = 4 })
            .RunAsync(corpus, TestContext.Current.CancellationToken);

        var table = report.ToTable();
        // Every failure, for reading after a red run (the assertion message shows the first 40).
        var file = Path.Combine(AppContext.BaseDirectory, "badinput-report.md");
        await File.WriteAllTextAsync(file, report.ToTable(failuresToShow: int.MaxValue), TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage(table);
        Assert.Equal(corpus.Count, report.Results.Count);
        Assert.True(report.Passed, table);
    }
}
