using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ReferralNet.Identity.Tokens;

/// <summary>
/// The keys tokens are signed (RSA 2048, RS256) and encrypted (AES-256 key wrap: authorization
/// codes and refresh tokens) with, kept in two files of mode 0600 in the keys folder and created
/// on first start. Losing them ends every session; copying them lets someone forge tokens.
/// </summary>
public sealed class SigningKeys
{
    public const string SigningFile = "identity-signing.pem";
    public const string EncryptionFile = "identity-encryption.key";

    SigningKeys(RsaSecurityKey signing, SymmetricSecurityKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    public RsaSecurityKey Signing { get; }
    public SymmetricSecurityKey Encryption { get; }

    public static SigningKeys LoadOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        var rsa = RSA.Create();
        var signingPath = Path.Combine(folder, SigningFile);
        if (!File.Exists(signingPath))
        {
            rsa.KeySize = 2048;
            WriteOwnerOnly(signingPath, rsa.ExportPkcs8PrivateKeyPem());
        }
        try
        {
            rsa.ImportFromPem(ReadOwnerOnly(signingPath));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"the signing key {signingPath} is not a PEM RSA private key ({e.GetType().Name}); restore it from backup, or move it away to start with a new key (every session then ends)");
        }
        // The key id is the public key's thumbprint: the services find the key in the JWKS by it.
        var signing = new RsaSecurityKey(rsa);
        signing.KeyId = Base64UrlEncoder.Encode(signing.ComputeJwkThumbprint());

        var encryptionPath = Path.Combine(folder, EncryptionFile);
        if (!File.Exists(encryptionPath))
            WriteOwnerOnly(encryptionPath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        byte[] secret;
        try { secret = Convert.FromBase64String(ReadOwnerOnly(encryptionPath).Trim()); }
        catch (FormatException) { secret = []; }
        if (secret.Length != 32)
            throw new InvalidOperationException($"the encryption key {encryptionPath} does not hold 32 bytes in base64; restore it from backup, or move it away to start with a new key (every session then ends)");
        return new SigningKeys(signing, new SymmetricSecurityKey(secret));
    }

    static void WriteOwnerOnly(string path, string text)
    {
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, file);
        writer.Write(text);
        writer.Flush();
        ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
    }

    static string ReadOwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            throw new InvalidOperationException($"the key {path} can be read or written by others than its owner: make it mode 0600 (chmod 600)");
        return File.ReadAllText(path);
    }
}
