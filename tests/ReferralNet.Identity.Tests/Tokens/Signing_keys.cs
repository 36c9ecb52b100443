using System.Text.Json;
using ReferralNet.Identity.Tests.Support;
using Xunit;

namespace ReferralNet.Identity.Tests.Tokens;

// Owner-only file modes are a Unix matter; the service runs on Linux.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Signing_keys
{
    [Fact]
    public async Task Are_created_owner_only_on_first_start_and_kept_across_restarts()
    {
        var folder = Directory.CreateTempSubdirectory("referralnet-identity-keys-").FullName;
        try
        {
            string first, second;
            await using (var host = new IdentityHost("Development", folder: folder))
                first = KeyId(await host.CreateClient().GetStringAsync("/.well-known/jwks"));
            await using (var host = new IdentityHost("Development", folder: folder))
                second = KeyId(await host.CreateClient().GetStringAsync("/.well-known/jwks"));

            Assert.Equal(first, second);
            foreach (var file in new[] { "identity-signing.pem", "identity-encryption.key" })
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, file)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Are_refused_when_others_can_read_them()
    {
        var folder = Directory.CreateTempSubdirectory("referralnet-identity-keys-").FullName;
        try
        {
            await using (var host = new IdentityHost("Development", folder: folder))
                _ = host.Server;
            File.SetUnixFileMode(Path.Combine(folder, "identity-signing.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            await using var again = new IdentityHost("Development", folder: folder);
            var error = Assert.ThrowsAny<Exception>(() => again.Server);

            Assert.Contains("chmod 600", error.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static string KeyId(string jwks) => JsonDocument.Parse(jwks).RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!;
}
