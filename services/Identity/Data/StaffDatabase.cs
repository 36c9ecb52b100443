using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReferralNet.ServiceDefaults;

namespace ReferralNet.Identity.Data;

/// <summary>
/// The service's own database, chosen like the other services': SQLite (<c>ReferralNet:DatabasePath</c>,
/// WAL, synchronous=FULL) unless <c>ReferralNet:PostgresConnectionString</c> is set.
/// </summary>
public static class StaffDatabase
{
    /// <summary>The folder the database file is in (or <c>data/</c> on PostgreSQL): the keys default to it.</summary>
    public static string DataFolder(IConfiguration configuration)
    {
        var options = configuration.GetSection(ReferralNetOptions.Section).Get<ReferralNetOptions>() ?? new();
        return Path.GetDirectoryName(Path.GetFullPath(DatabasePath(options)))!;
    }

    public static WebApplicationBuilder AddStaffDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ReferralNetOptions.Section).Get<ReferralNetOptions>() ?? new();
        builder.Services.AddDbContext<StaffDbContext>(db =>
        {
            if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                db.UseNpgsql(options.PostgresConnectionString);
            }
            else
            {
                var path = Path.GetFullPath(DatabasePath(options));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                db.UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString());
                db.AddInterceptors(SqlitePragmas.Instance);
            }
            db.UseOpenIddict();
        });
        return builder;
    }

    /// <summary>
    /// Creates the database on first start and says whether it did. There are no migrations yet:
    /// a database made from an older model is refused with a message that says what to do.
    /// </summary>
    public static async Task<bool> InitialiseStaffDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StaffDbContext>();
        var modelHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(db.Database.GenerateCreateScript())))[..16];
        var created = await db.Database.EnsureCreatedAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        if (created)
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE schema_info (id integer PRIMARY KEY, model_hash text NOT NULL)");
            await db.Database.ExecuteSqlAsync($"INSERT INTO schema_info (id, model_hash) VALUES (1, {modelHash})");
            return true;
        }

        string? stored;
        try { stored = await db.Database.SqlQueryRaw<string>("SELECT model_hash AS \"Value\" FROM schema_info WHERE id = 1").FirstOrDefaultAsync(); }
        catch (DbException) { stored = null; }
        if (stored != modelHash)
            throw new InvalidOperationException(
                "the identity database was created by an older version of this service, and there are no migrations yet: " +
                "stop the service, delete its database (for a local run, deploy/.data/identity) and start again to recreate it from the seeds");
        return false;
    }

    static string DatabasePath(ReferralNetOptions options) => options.DatabasePath ?? Path.Combine("data", "identity.db");
}
