using System.Security.Cryptography;

namespace ReferralNet.Messaging.Sealing;

/// <summary>
/// A service's public P-256 key, which senders seal to, and its id: the first 16 hex digits of the
/// SHA-256 of its SubjectPublicKeyInfo, so that a rotated key has a new id.
/// </summary>
public sealed class SealingPublicKey
{
    SealingPublicKey(byte[] subjectPublicKeyInfo)
    {
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
        Id = Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..16];
    }

    /// <summary>The key id a sealed message names.</summary>
    public string Id { get; }

    /// <summary>The key as DER SubjectPublicKeyInfo.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The public half of <paramref name="key"/>.</summary>
    public static SealingPublicKey Of(ECDiffieHellman key) => new(key.ExportSubjectPublicKeyInfo());

    /// <summary>Reads a PEM <c>PUBLIC KEY</c>; throws <see cref="SealingException"/> when it is not a P-256 key.</summary>
    public static SealingPublicKey FromPem(string pem)
    {
        using var key = ECDiffieHellman.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException or ArgumentException)
        {
            throw new SealingException($"not a PEM public key ({e.GetType().Name})");
        }
        Envelope.RequireP256(key, "the public key");
        return Of(key);
    }

    /// <summary>The key as PEM, as a <c>&lt;service&gt;.pub</c> file holds it.</summary>
    public string ToPem() => PemEncoding.WriteString("PUBLIC KEY", SubjectPublicKeyInfo) + "\n";
}
