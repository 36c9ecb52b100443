using System.Security.Cryptography;

namespace ReferralNet.Broker;

/// <summary>
/// The password of every <see cref="BrokerAccounts"/> account on one broker: random, generated on
/// first use. <see cref="LoadOrCreate"/> keeps them in a folder, one file per account readable by
/// its owner only (mode 0600, folder 0700), and reuses them on later starts.
/// </summary>
public sealed class BrokerCredentials
{
    readonly IReadOnlyDictionary<string, string> _passwords;

    BrokerCredentials(IReadOnlyDictionary<string, string> passwords) => _passwords = passwords;

    /// <summary>A new random password for every account (and for <paramref name="extraAccounts"/>), kept in memory only.</summary>
    public static BrokerCredentials Generate(params string[] extraAccounts) =>
        new(BrokerAccounts.All.Select(a => a.Name).Concat(extraAccounts).ToDictionary(n => n, _ => NewPassword()));

    /// <summary>
    /// Reads each account's password from <c>&lt;folder&gt;/&lt;account&gt;</c>, writing a new random
    /// one (mode 0600) for any account that has none yet.
    /// </summary>
    public static BrokerCredentials LoadOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passwords = new Dictionary<string, string>();
        foreach (var account in BrokerAccounts.All)
        {
            var file = PasswordFile(folder, account.Name);
            if (!File.Exists(file))
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var writer = new StreamWriter(file, options);
                writer.Write(NewPassword());
            }
            passwords[account.Name] = File.ReadAllText(file).Trim();
        }
        return new BrokerCredentials(passwords);
    }

    /// <summary>The file <see cref="LoadOrCreate"/> keeps an account's password in.</summary>
    public static string PasswordFile(string folder, string account) => Path.Combine(folder, account);

    /// <summary>The accounts these credentials hold a password for.</summary>
    public IEnumerable<string> Accounts => _passwords.Keys;

    /// <summary>The password of <paramref name="account"/>.</summary>
    public string PasswordOf(string account) =>
        _passwords.TryGetValue(account, out var password) ? password
            : throw new ArgumentException($"there is no password for broker account '{account}'", nameof(account));

    /// <summary>An amqp:// URI that logs in as <paramref name="account"/> on that virtual host.</summary>
    public string ConnectionString(string account, string host, int port, string virtualHost = "/") =>
        $"amqp://{Uri.EscapeDataString(account)}:{Uri.EscapeDataString(PasswordOf(account))}@{host}:{port}/{(virtualHost == "/" ? "" : Uri.EscapeDataString(virtualHost))}";

    // 32 characters of [A-Za-z0-9]: about 190 bits, and nothing a URI or a shell must escape.
    static string NewPassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
}
