using System.Security.Cryptography;

namespace ReferralNet.Messaging.Sealing;

/// <summary>One of a service's own key pairs: what opens the data sealed to its <see cref="Public"/> key.</summary>
public sealed class SealingKeyPair : IDisposable
{
    SealingKeyPair(ECDiffieHellman key)
    {
        Key = key;
        Public = SealingPublicKey.Of(key);
    }

    /// <summary>The private key; never logged, never exported but to its own 0600 file.</summary>
    internal ECDiffieHellman Key { get; }

    /// <summary>The public half, which senders seal to.</summary>
    public SealingPublicKey Public { get; }

    /// <summary>The key id.</summary>
    public string Id => Public.Id;

    /// <summary>A new P-256 key pair.</summary>
    public static SealingKeyPair Create() => new(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a PEM <c>PRIVATE KEY</c> (PKCS#8).</summary>
    public static SealingKeyPair FromPem(string pem)
    {
        var key = ECDiffieHellman.Create();
        try
        {
            key.ImportFromPem(pem);
            Envelope.RequireP256(key, "the private key");
            return new(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The private key as PKCS#8 PEM, for its own file only.</summary>
    public string ToPem() => PemEncoding.WriteString("PRIVATE KEY", Key.ExportPkcs8PrivateKey()) + "\n";

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();
}
