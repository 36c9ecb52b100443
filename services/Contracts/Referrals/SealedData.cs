namespace ReferralNet.Contracts.Referrals;

/// <summary>
/// Personal data sealed to one recipient service: AES-256-GCM under a key agreed (ECDH P-256, then
/// HKDF-SHA256) between a fresh <see cref="EphemeralKey"/> and the recipient's key
/// <see cref="KeyId"/>. Only that service can open it, and only on the message it was sealed for:
/// the message's non-personal facts are the associated data.
/// </summary>
public sealed record SealedData(
    int Version,
    string KeyId,
    byte[] EphemeralKey,
    byte[] Nonce,
    byte[] Ciphertext,
    byte[] Tag);
