using System.Text;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Messaging.Sealing;

namespace ReferralNet.Messaging.Tests.Sealing;

public sealed class Sealed_data : IDisposable
{
    static readonly byte[] Secret = "given-name: Amina; date of birth 1990-01-31"u8.ToArray();
    static readonly byte[] Facts = Envelope.Facts("ReferralRequested", "rf-1", "justice-bridge", "harbour-house", "shelter");

    readonly SealingKeyPair recipient = SealingKeyPair.Create();
    readonly SealingKeyPair other = SealingKeyPair.Create();

    public void Dispose()
    {
        recipient.Dispose();
        other.Dispose();
    }

    [Fact]
    public void Opens_with_the_recipients_key_to_what_was_sealed()
    {
        var sealedData = Envelope.Seal(Secret, Facts, recipient.Public);

        Assert.Equal(Secret, Envelope.Open(sealedData, Facts, [recipient]));
        Assert.Equal(Envelope.Version, sealedData.Version);
        Assert.Equal(recipient.Id, sealedData.KeyId);
        Assert.Equal(12, sealedData.Nonce.Length);
        Assert.False(Encoding.UTF8.GetString(sealedData.Ciphertext).Contains("Amina", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_seals_of_the_same_data_share_no_key_nonce_or_ciphertext()
    {
        var first = Envelope.Seal(Secret, Facts, recipient.Public);
        var second = Envelope.Seal(Secret, Facts, recipient.Public);

        Assert.NotEqual(first.EphemeralKey, second.EphemeralKey);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public void Does_not_open_when_any_byte_of_it_was_changed()
    {
        var sealedData = Envelope.Seal(Secret, Facts, recipient.Public);
        var changed = new List<string>();
        foreach (var (part, bytes) in new[] { ("ciphertext", sealedData.Ciphertext), ("tag", sealedData.Tag), ("nonce", sealedData.Nonce), ("ephemeral key", sealedData.EphemeralKey) })
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] ^= 0x01;
                try
                {
                    Envelope.Open(sealedData, Facts, [recipient]);
                    changed.Add($"{part}[{i}]");
                }
                catch (SealingException)
                {
                }
                finally
                {
                    bytes[i] ^= 0x01;
                }
            }
        }

        Assert.True(changed.Count == 0, $"opened although these bytes were changed: {string.Join(", ", changed)}");
        Assert.Equal(Secret, Envelope.Open(sealedData, Facts, [recipient]));
    }

    [Theory]
    [InlineData(0, "rf-2")]
    [InlineData(1, "legal-aid-other")]
    [InlineData(3, "safe-haven")]
    [InlineData(4, "medical")]
    public void Does_not_open_on_another_referral_sender_or_recipient(int fact, string otherValue)
    {
        var sealedData = Envelope.Seal(Secret, Facts, recipient.Public);
        string[] facts = ["ReferralRequested", "rf-1", "justice-bridge", "harbour-house", "shelter"];
        facts[fact == 0 ? 1 : fact] = otherValue;

        var refused = Assert.Throws<SealingException>(() => Envelope.Open(sealedData, Envelope.Facts(facts), [recipient]));
        Assert.Contains("integrity check", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Does_not_open_when_the_key_id_or_version_was_changed()
    {
        var sealedData = Envelope.Seal(Secret, Facts, recipient.Public);

        var otherId = Assert.Throws<SealingException>(() => Envelope.Open(sealedData with { KeyId = other.Id }, Facts, [recipient, other]));
        var otherVersion = Assert.Throws<SealingException>(() => Envelope.Open(sealedData with { Version = 2 }, Facts, [recipient]));

        Assert.Contains("integrity check", otherId.Message, StringComparison.Ordinal);
        Assert.Contains("format version 2", otherVersion.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_services_key_does_not_open_it_even_under_the_recipients_key_id()
    {
        var sealedData = Envelope.Seal(Secret, Facts, recipient.Public);

        var wrongKey = Assert.Throws<SealingException>(() => Envelope.Open(sealedData, Facts, [other]));
        Assert.Contains($"sealed to key '{recipient.Id}', which this service does not hold (it holds: {other.Id})", wrongKey.Message, StringComparison.Ordinal);
        // Even a key that claims the right id fails the agreement's integrity check.
        var impostor = Assert.Throws<SealingException>(() => Envelope.Open(sealedData with { KeyId = other.Id }, Facts, [other]));
        Assert.Contains("integrity check", impostor.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retired_key_still_opens_what_was_sealed_to_it()
    {
        var sealedToOld = Envelope.Seal(Secret, Facts, other.Public);

        Assert.Equal(Secret, Envelope.Open(sealedToOld, Facts, [recipient, other]));
    }

    [Fact]
    public void An_ephemeral_key_off_the_curve_or_truncated_is_refused_by_name()
    {
        var sealedData = Envelope.Seal(Secret, Facts, recipient.Public);

        var truncated = Assert.Throws<SealingException>(() => Envelope.Open(sealedData with { EphemeralKey = sealedData.EphemeralKey[..20] }, Facts, [recipient]));
        Assert.Contains("ephemeral key", truncated.Message, StringComparison.Ordinal);
        using var p384 = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var offCurve = Assert.Throws<SealingException>(() => Envelope.Open(sealedData with { EphemeralKey = p384.ExportSubjectPublicKeyInfo() }, Facts, [recipient]));
        Assert.Contains("not on curve P-256", offCurve.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_name_the_check_and_never_the_data()
    {
        var sealedData = Envelope.Seal(Secret, Facts, recipient.Public);
        sealedData.Ciphertext[0] ^= 0xff;

        var refused = Assert.Throws<SealingException>(() => Envelope.Open(sealedData, Facts, [recipient]));
        Assert.DoesNotContain("Amina", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(sealedData.Ciphertext), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Facts_of_different_lists_never_give_the_same_bytes()
    {
        Assert.NotEqual(Envelope.Facts("ab", "c"), Envelope.Facts("a", "bc"));
        Assert.NotEqual(Envelope.Facts("a", null), Envelope.Facts("a", ""));
    }
}
