using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Messaging.Sealing;

/// <summary>
/// Seals data to one recipient's public key and opens it there, with the .NET class library only:
/// a fresh ephemeral ECDH P-256 key per message, agreed with the recipient's static key; HKDF-SHA256
/// of the shared secret (salt: the ephemeral key; info: the format and key id) to an AES-256-GCM key;
/// a random 12-byte nonce. The associated data is the format version, the key id, the ephemeral key
/// and the caller's facts (the message's non-personal fields), so a ciphertext moved to another
/// message, recipient or key does not open.
/// </summary>
public static class Envelope
{
    /// <summary>The format version this code seals and opens.</summary>
    public const int Version = 1;

    const int KeySize = 32;
    const int NonceSize = 12;
    const int TagSize = 16;
    const string P256 = "1.2.840.10045.3.1.7";
    static readonly byte[] Label = "referralnet sealed data"u8.ToArray();

    /// <summary>Seals <paramref name="plaintext"/> to <paramref name="recipient"/>, bound to <paramref name="associatedData"/>.</summary>
    public static SealedData Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, SealingPublicKey recipient)
    {
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var recipientKey = ECDiffieHellman.Create();
        recipientKey.ImportSubjectPublicKeyInfo(recipient.SubjectPublicKeyInfo, out _);
        var ephemeralKey = ephemeral.ExportSubjectPublicKeyInfo();
        var key = DeriveKey(ephemeral, recipientKey.PublicKey, ephemeralKey, recipient.Id);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceSize);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(nonce, plaintext, ciphertext, tag, Bound(Version, recipient.Id, ephemeralKey, associatedData));
            return new SealedData(Version, recipient.Id, ephemeralKey, nonce, ciphertext, tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Opens <paramref name="sealedData"/> with the one of <paramref name="held"/> it names, checking it
    /// against <paramref name="associatedData"/>; throws <see cref="SealingException"/> naming the
    /// check that failed.
    /// </summary>
    public static byte[] Open(SealedData sealedData, ReadOnlySpan<byte> associatedData, IReadOnlyCollection<SealingKeyPair> held)
    {
        if (sealedData.Version != Version)
            throw new SealingException($"sealed data is of format version {sealedData.Version}; this service opens version {Version} only");
        if (sealedData.KeyId is null || sealedData.EphemeralKey is null || sealedData.Nonce is null || sealedData.Ciphertext is null || sealedData.Tag is null)
            throw new SealingException("sealed data lacks one of keyId, ephemeralKey, nonce, ciphertext, tag");
        var own = held.FirstOrDefault(k => k.Id == sealedData.KeyId)
            ?? throw new SealingException(
                $"sealed to key '{sealedData.KeyId}', which this service does not hold (it holds: {string.Join(", ", held.Select(k => k.Id))}); " +
                "it was sealed for another service, or to a key retired and deleted here");
        if (sealedData.Nonce.Length != NonceSize || sealedData.Tag.Length != TagSize)
            throw new SealingException($"sealed data has a {sealedData.Nonce.Length}-byte nonce and a {sealedData.Tag.Length}-byte tag; expected {NonceSize} and {TagSize}");

        using var ephemeral = ECDiffieHellman.Create();
        try
        {
            ephemeral.ImportSubjectPublicKeyInfo(sealedData.EphemeralKey, out var read);
            if (read != sealedData.EphemeralKey.Length)
                throw new SealingException("the ephemeral key has trailing bytes");
        }
        // An altered key may fail to parse, name an unknown curve, or lie off the curve: each is refused here.
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException or ArgumentException)
        {
            throw new SealingException($"the ephemeral key is not a public key on a known curve ({e.GetType().Name})");
        }
        RequireP256(ephemeral, "the ephemeral key");

        byte[] key;
        try
        {
            key = DeriveKey(own.Key, ephemeral.PublicKey, sealedData.EphemeralKey, own.Id);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            throw new SealingException($"the ephemeral key cannot be agreed with key '{own.Id}' ({e.GetType().Name})");
        }
        try
        {
            var plaintext = new byte[sealedData.Ciphertext.Length];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedData.Nonce, sealedData.Ciphertext, sealedData.Tag, plaintext, Bound(sealedData.Version, sealedData.KeyId, sealedData.EphemeralKey, associatedData));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SealingException(
                $"sealed data failed its integrity check (AES-GCM tag) under key '{own.Id}': it was altered, or moved from another message or recipient");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The associated data of a message from its facts, each length-prefixed so that no two lists
    /// of facts give the same bytes.
    /// </summary>
    public static byte[] Facts(params IEnumerable<string?> facts)
    {
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var fact in facts)
        {
            if (fact is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(length, -1);
                buffer.Write(length);
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(fact);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            buffer.Write(length);
            buffer.Write(bytes);
        }
        return buffer.ToArray();
    }

    internal static void RequireP256(ECDiffieHellman key, string what)
    {
        if (key.ExportParameters(false).Curve.Oid?.Value != P256)
            throw new SealingException($"{what} is not on curve P-256");
    }

    static byte[] DeriveKey(ECDiffieHellman own, ECDiffieHellmanPublicKey other, byte[] ephemeralKey, string keyId)
    {
        var secret = own.DeriveRawSecretAgreement(other);
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, KeySize, salt: ephemeralKey, info: [.. Label, 0, .. Encoding.UTF8.GetBytes($"v{Version}:{keyId}")]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    static byte[] Bound(int version, string keyId, byte[] ephemeralKey, ReadOnlySpan<byte> associatedData) =>
        [.. Facts(Encoding.ASCII.GetString(Label), version.ToString(System.Globalization.CultureInfo.InvariantCulture), keyId, Convert.ToBase64String(ephemeralKey)), .. associatedData];
}
