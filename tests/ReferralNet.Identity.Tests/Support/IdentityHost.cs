using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using ReferralNet.Identity.Audit;
using ReferralNet.Identity.Data;

namespace ReferralNet.Identity.Tests.Support;

/// <summary>
/// The identity service in this process (TestServer), on its own temporary folder (database and
/// keys), with the development seeds unless told otherwise, and every log line collected.
/// </summary>
public sealed class IdentityHost : WebApplicationFactory<StaffDbContext>, IAsyncLifetime
{
    public const string PortalRedirectUri = "http://127.0.0.1:5100/signin-oidc";
    public const string Issuer = "http://127.0.0.1:5105/";

    readonly string _environment;
    readonly IReadOnlyDictionary<string, string?> _settings;
    readonly bool _ownsFolder;

    public IdentityHost() : this("Development") { }

    internal IdentityHost(string environment, IReadOnlyDictionary<string, string?>? settings = null, string? folder = null)
    {
        _environment = environment;
        _settings = settings ?? new Dictionary<string, string?>();
        _ownsFolder = folder is null;
        Folder = folder ?? Directory.CreateTempSubdirectory("referralnet-identity-").FullName;
    }

    /// <summary>
    /// Starts the service once, before any test: the factory starts it lazily on first use, and
    /// test classes running in parallel would otherwise start two on one folder.
    /// </summary>
    public ValueTask InitializeAsync()
    {
        _ = Server;
        return ValueTask.CompletedTask;
    }

    /// <summary>The data folder: database, keys.</summary>
    public string Folder { get; }

    public LogCollection Logs { get; } = new();

    /// <summary>A browser of its own: its own cookies, redirects not followed.</summary>
    public Browser NewBrowser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<T> WithServiceAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public Task<List<AuditEntry>> AuditAsync(string? staffId) => WithServiceAsync(sp =>
        Task.FromResult(sp.GetRequiredService<StaffDbContext>().Audit.Where(e => e.StaffId == staffId).OrderBy(e => e.Id).ToList()));

    /// <summary>The audit entries of the actions this staff member took as an admin.</summary>
    public Task<List<AuditEntry>> AuditByAsync(string actorStaffId) => WithServiceAsync(sp =>
        Task.FromResult(sp.GetRequiredService<StaffDbContext>().Audit.Where(e => e.ActorStaffId == actorStaffId).OrderBy(e => e.Id).ToList()));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("ReferralNet:DatabasePath", Path.Combine(Folder, "identity.db"));
        builder.UseSetting("ReferralNet:SeedsPath", SeededStaff.Folder);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsFolder)
        {
            try { Directory.Delete(Folder, recursive: true); }
            catch (IOException) { }
        }
    }
}
