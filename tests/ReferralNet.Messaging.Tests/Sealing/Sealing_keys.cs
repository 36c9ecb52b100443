using ReferralNet.Contracts.Referrals;
using ReferralNet.Messaging.Sealing;

namespace ReferralNet.Messaging.Tests.Sealing;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Sealing_keys : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("referralnet-keys-test-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    SealingOptions Options(bool plaintext = false) => new() { Directory = Path.Combine(folder, "keys"), PrivateKey = Path.Combine(folder, "data", "shelter.key"), Plaintext = plaintext };

    [Fact]
    public void A_service_creates_its_key_on_first_start_readable_by_its_owner_only_and_publishes_the_public_half()
    {
        using var keys = SealingKeys.Load("shelter", Options(), null, "Production");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "data", "shelter.key")));
        var published = File.ReadAllText(Path.Combine(folder, "keys", "shelter.pub"));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", published, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", published, StringComparison.Ordinal);
        Assert.Equal(keys.Current.Id, keys.PublicKeyOf("shelter")!.Id);
    }

    [Fact]
    public void A_service_keeps_its_key_across_restarts()
    {
        string first;
        using (var keys = SealingKeys.Load("shelter", Options(), null, "Production"))
            first = keys.Current.Id;
        using var again = SealingKeys.Load("shelter", Options(), null, "Production");

        Assert.Equal(first, again.Current.Id);
    }

    [Fact]
    public void A_private_key_others_can_read_stops_the_service()
    {
        using (SealingKeys.Load("shelter", Options(), null, "Production")) { }
        File.SetUnixFileMode(Path.Combine(folder, "data", "shelter.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var refused = Assert.Throws<InvalidOperationException>(() => SealingKeys.Load("shelter", Options(), null, "Production"));
        Assert.Contains("make it mode 0600", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_rotation_the_retired_key_still_opens_what_was_sealed_to_it()
    {
        SealedData sealedToOld;
        string oldId;
        using (var keys = SealingKeys.Load("shelter", Options(), null, "Production"))
        {
            oldId = keys.Current.Id;
            sealedToOld = Envelope.Seal([1, 2, 3], [], keys.PublicKeyOf("shelter")!);
        }
        File.Move(Path.Combine(folder, "data", "shelter.key"), Path.Combine(folder, "data", $"shelter.{oldId}.key"));

        using var rotated = SealingKeys.Load("shelter", Options(), null, "Production");

        Assert.NotEqual(oldId, rotated.Current.Id);
        Assert.Equal(rotated.Current.Id, rotated.PublicKeyOf("shelter")!.Id);
        Assert.Equal([1, 2, 3], Envelope.Open(sealedToOld, [], rotated.Held));
    }

    [Fact]
    public void A_service_that_has_not_published_a_key_has_none()
    {
        using var keys = SealingKeys.Load("shelter", Options(), null, "Production");

        Assert.Null(keys.PublicKeyOf("medical"));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Plaintext_is_refused_outside_development_and_the_benchmark(string environment)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SealingKeys.Load("shelter", Options(plaintext: true), null, environment));

        Assert.Contains($"ReferralNet:Keys:Plaintext is on in the '{environment}' environment", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData(SealingOptions.BenchmarkEnvironment)]
    public void Plaintext_may_be_turned_on_for_development_and_the_benchmark(string environment)
    {
        using var keys = SealingKeys.Load("shelter", Options(plaintext: true), null, environment);

        Assert.True(keys.Plaintext);
    }
}
