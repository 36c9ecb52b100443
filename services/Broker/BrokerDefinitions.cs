using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReferralNet.Broker;

/// <summary>
/// A RabbitMQ definitions document (<c>rabbitmqctl import_definitions</c>, or
/// <c>load_definitions</c> in rabbitmq.conf, read at every boot) that creates or updates the
/// accounts, their permissions and the policies. A node that loads definitions at its first boot
/// never creates <c>guest</c>.
/// </summary>
public static class BrokerDefinitions
{
    /// <summary>The user RabbitMQ creates on a node that has no definitions.</summary>
    public const string Guest = "guest";

    /// <summary>
    /// The definitions for these virtual hosts: every account of <paramref name="credentials"/>
    /// with its password hashed (never the password itself), the permissions of
    /// <see cref="BrokerAccounts"/> (accounts not listed there get <paramref name="fullAccess"/>'s
    /// everything, for test administrators), and the policies.
    /// </summary>
    /// <param name="credentials">The accounts and their passwords.</param>
    /// <param name="virtualHosts">The virtual hosts to create, each with every account's permissions and the policies.</param>
    /// <param name="includeUsers">False for a new virtual host on a broker that already has the users.</param>
    /// <param name="fullAccess">Accounts outside <see cref="BrokerAccounts"/> (test administrators) that get every permission and tag.</param>
    /// <param name="disableGuest">
    /// For a node whose data was made before it had these accounts (and so has <c>guest</c>): gives
    /// <c>guest</c> a random password nobody knows and no tags, until it is deleted. Never on a new
    /// node, which would otherwise create <c>guest</c> from it.
    /// </param>
    public static string Build(BrokerCredentials credentials, IReadOnlyList<string> virtualHosts, bool includeUsers = true, IReadOnlyCollection<string>? fullAccess = null, bool disableGuest = false)
    {
        var users = new JsonArray();
        if (includeUsers)
        {
            foreach (var name in credentials.Accounts)
            {
                var account = BrokerAccounts.All.FirstOrDefault(a => a.Name == name);
                var tags = account?.Tags ?? (fullAccess?.Contains(name) == true ? ["administrator", "impersonator"] : []);
                users.Add(User(name, credentials.PasswordOf(name), tags));
            }
            // Harmless until deleted: nobody knows this password, and it has no tags.
            if (disableGuest)
                users.Add(User(Guest, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), []));
        }
        var permissions = new JsonArray();
        var policies = new JsonArray();
        foreach (var vhost in virtualHosts)
        {
            foreach (var name in credentials.Accounts)
            {
                var account = BrokerAccounts.All.FirstOrDefault(a => a.Name == name)
                    ?? new BrokerAccount(name, ".*", ".*", ".*", []);
                permissions.Add(new JsonObject
                {
                    ["user"] = name, ["vhost"] = vhost,
                    ["configure"] = account.Configure, ["write"] = account.Write, ["read"] = account.Read,
                });
            }
            foreach (var policy in BrokerAccounts.Policies)
            {
                var definition = new JsonObject();
                foreach (var (key, value) in policy.Definition)
                    definition[key] = value;
                policies.Add(new JsonObject
                {
                    ["vhost"] = vhost, ["name"] = policy.Name, ["pattern"] = policy.Pattern,
                    ["apply-to"] = policy.ApplyTo, ["priority"] = policy.Priority, ["definition"] = definition,
                });
            }
        }
        var document = new JsonObject
        {
            ["users"] = users,
            ["vhosts"] = new JsonArray([.. virtualHosts.Select(v => (JsonNode)new JsonObject { ["name"] = v })]),
            ["permissions"] = permissions,
            ["policies"] = policies,
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    static JsonObject User(string name, string password, IReadOnlyList<string> tags) => new()
    {
        ["name"] = name,
        ["password_hash"] = PasswordHash(password),
        ["hashing_algorithm"] = "rabbit_password_hashing_sha256",
        ["tags"] = string.Join(',', tags),
    };

    /// <summary>RabbitMQ's salted SHA-256 password hash: base64(salt ‖ SHA-256(salt ‖ password)), 4-byte salt.</summary>
    public static string PasswordHash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var salted = salt.Concat(Encoding.UTF8.GetBytes(password)).ToArray();
        return Convert.ToBase64String([.. salt, .. SHA256.HashData(salted)]);
    }
}
