using System.Collections.Concurrent;

namespace ReferralNet.Messaging.Sealing;

/// <summary>
/// A service's sealing keys: its own key pairs (the current one, whose public key it publishes as
/// <c>&lt;service&gt;.pub</c> in the keys folder, and any retired <c>&lt;service&gt;.&lt;id&gt;.key</c>
/// beside it, which still open what was sealed to them) and the other services' public keys, read
/// from the keys folder when first needed and again whenever the file changes.
/// </summary>
public sealed class SealingKeys : IDisposable
{
    readonly string _directory;
    readonly ConcurrentDictionary<string, (DateTime Written, SealingPublicKey Key)> _public = new();

    SealingKeys(string service, string directory, SealingKeyPair current, IReadOnlyList<SealingKeyPair> held, bool plaintext)
    {
        Service = service;
        _directory = directory;
        Current = current;
        Held = held;
        Plaintext = plaintext;
    }

    /// <summary>The service these keys belong to.</summary>
    public string Service { get; }

    /// <summary>The key pair senders seal to now.</summary>
    public SealingKeyPair Current { get; }

    /// <summary>Every key pair this service opens with: the current one and the retired ones.</summary>
    public IReadOnlyList<SealingKeyPair> Held { get; }

    /// <summary>Whether this service sends and accepts personal data unsealed (the benchmark's comparison only).</summary>
    public bool Plaintext { get; }

    /// <summary>
    /// The public key <paramref name="service"/> published, or null while it has published none
    /// (it has never started, or its key was not distributed here).
    /// </summary>
    public SealingPublicKey? PublicKeyOf(string service)
    {
        var file = Path.Combine(_directory, $"{service}.pub");
        var written = File.GetLastWriteTimeUtc(file); // a far-past date when the file does not exist
        if (_public.TryGetValue(service, out var known) && known.Written == written)
            return known.Key;
        if (!File.Exists(file))
            return null;
        var key = SealingPublicKey.FromPem(File.ReadAllText(file));
        _public[service] = (written, key);
        return key;
    }

    /// <summary>
    /// Loads the service's keys, creating its key pair on first start (the private key with mode
    /// 0600) and publishing its public key. <paramref name="dataFolder"/> is where the defaults go
    /// (the database's folder); <paramref name="environment"/> decides whether plaintext may be on.
    /// </summary>
    public static SealingKeys Load(string service, SealingOptions options, string? dataFolder, string environment)
    {
        if (options.Plaintext && environment is not ("Development" or SealingOptions.BenchmarkEnvironment))
            throw new InvalidOperationException(
                $"{SealingOptions.Section}:Plaintext is on in the '{environment}' environment: personal data would cross the broker unsealed. " +
                $"It is for the benchmark's comparison only (environments Development and {SealingOptions.BenchmarkEnvironment}); remove the setting");
        var privateKey = options.PrivateKey ?? (dataFolder is null ? null : Path.Combine(dataFolder, $"{service}.key"))
            ?? throw new InvalidOperationException(
                $"{SealingOptions.Section}:PrivateKey is not set and there is no database folder to keep it in: give the path of this service's private key file");
        var directory = options.Directory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(privateKey))!, "keys");

        var current = LoadOrCreate(privateKey);
        var held = new List<SealingKeyPair> { current };
        var folder = Path.GetDirectoryName(Path.GetFullPath(privateKey))!;
        var own = Path.GetFileName(privateKey);
        foreach (var retired in System.IO.Directory.EnumerateFiles(folder, "*.key"))
        {
            var name = Path.GetFileName(retired);
            if (name != own && name.StartsWith(service + ".", StringComparison.Ordinal) && name.Count(c => c == '.') == 2)
                held.Add(Read(retired));
        }

        System.IO.Directory.CreateDirectory(directory);
        var published = Path.Combine(directory, $"{service}.pub");
        var pem = current.Public.ToPem();
        if (!File.Exists(published) || File.ReadAllText(published) != pem)
        {
            var temporary = published + ".new";
            File.WriteAllText(temporary, pem);
            File.Move(temporary, published, overwrite: true);
        }
        return new SealingKeys(service, directory, current, held, options.Plaintext);
    }

    static SealingKeyPair LoadOrCreate(string path)
    {
        if (File.Exists(path))
            return Read(path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var created = SealingKeyPair.Create();
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, file))
            writer.Write(created.ToPem());
        return created;
    }

    static SealingKeyPair Read(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            throw new InvalidOperationException($"the private key {path} can be read or written by others than its owner: make it mode 0600 (chmod 600)");
        try
        {
            return SealingKeyPair.FromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException or SealingException)
        {
            throw new InvalidOperationException($"the private key {path} is not a PEM P-256 private key ({e.GetType().Name}); restore it from backup, or move it away to start with a new key");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in Held)
            key.Dispose();
    }
}
