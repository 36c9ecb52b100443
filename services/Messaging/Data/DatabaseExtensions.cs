using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReferralNet.ServiceDefaults;
using ReferralNet.Messaging.Outbox;

namespace ReferralNet.Messaging.Data;

/// <summary>Registers a service's own database and its outbox relay.</summary>
public static class DatabaseExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on SQLite (the file <c>ReferralNet:DatabasePath</c>,
    /// WAL, synchronous=FULL) or on PostgreSQL when <c>ReferralNet:PostgresConnectionString</c> is
    /// set, with the outbox interceptor that wakes the relay (<see cref="AddOutboxRelay{TContext}"/>) on commit.
    /// </summary>
    public static IHostApplicationBuilder AddReferralNetDatabase<TContext>(this IHostApplicationBuilder builder)
        where TContext : ReferralNetDbContext
    {
        var options = builder.Configuration.GetSection(ReferralNetOptions.Section).Get<ReferralNetOptions>() ?? new();
        var services = builder.Services;

        var pragmas = SqlitePragmas.For(builder.Configuration[SynchronousKey]);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxRewrites>();
        services.AddSingleton<OutboxCommitInterceptor>();
        services.AddOptions<OutboxOptions>().BindConfiguration("ReferralNet:Outbox");
        services.AddDbContext<TContext>((sp, db) =>
        {
            if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                db.UseNpgsql(options.PostgresConnectionString);
            }
            else
            {
                var path = Path.GetFullPath(options.DatabasePath ?? Path.Combine("data", $"{ServiceName(options, builder)}.db"));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var connection = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true };
                db.UseSqlite(connection.ToString());
                db.AddInterceptors(pragmas);
            }
            db.AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>());
        });
        services.AddScoped<ReferralNetDbContext>(sp => sp.GetRequiredService<TContext>());
        return builder;
    }

    /// <summary>
    /// Starts the outbox relay of <typeparamref name="TContext"/>: it sends what the database's
    /// transactions committed to the outbox, with publisher confirms, and marks each row sent.
    /// </summary>
    public static IHostApplicationBuilder AddOutboxRelay<TContext>(this IHostApplicationBuilder builder)
        where TContext : ReferralNetDbContext
    {
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }

    /// <summary>
    /// Creates the database on first start and runs <paramref name="seed"/> then, so a second start
    /// keeps its data. There are no migrations yet: a database made from an older model is refused
    /// with a message that says what to do, rather than failing later on a missing table.
    /// </summary>
    public static async Task InitialiseDatabaseAsync<TContext>(this WebApplication app, Func<TContext, IServiceProvider, Task>? seed = null)
        where TContext : ReferralNetDbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var modelHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(db.Database.GenerateCreateScript())))[..16];
        var created = await db.Database.EnsureCreatedAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        if (created)
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE schema_info (id integer PRIMARY KEY, model_hash text NOT NULL)");
            await db.Database.ExecuteSqlAsync($"INSERT INTO schema_info (id, model_hash) VALUES (1, {modelHash})");
            if (seed is not null)
            {
                await seed(db, scope.ServiceProvider);
                await db.SaveChangesAsync();
            }
            app.Logger.LogInformation("Created database for {Context} and loaded the seeds", typeof(TContext).Name);
            return;
        }

        string? stored;
        try { stored = await db.Database.SqlQueryRaw<string>("SELECT model_hash AS \"Value\" FROM schema_info WHERE id = 1").FirstOrDefaultAsync(); }
        catch (DbException) { stored = null; }
        if (stored != modelHash)
            throw new InvalidOperationException(
                $"the database of {typeof(TContext).Name} was created by an older version of this service, and there are no migrations yet: " +
                "stop the service, delete its database (for a local run, the service's folder under deploy/.data) and start again to recreate it from the seeds");
    }

    static string ServiceName(ReferralNetOptions options, IHostApplicationBuilder builder) =>
        ReferralNetOptions.ServiceNameOf(builder.Configuration, builder.Environment.ApplicationName);

    /// <summary>
    /// SQLite's <c>synchronous</c> setting: <c>FULL</c> (the default) or <c>NORMAL</c>. For measuring
    /// only (deploy/bench.sh): with NORMAL in WAL mode the last commits before a power cut can be
    /// lost, and the API will already have answered for them.
    /// </summary>
    public const string SynchronousKey = "ReferralNet:Sqlite:Synchronous";

    sealed class SqlitePragmas : DbConnectionInterceptor
    {
        static readonly SqlitePragmas Full = new("FULL");
        static readonly SqlitePragmas Normal = new("NORMAL");

        readonly string _pragmas;

        SqlitePragmas(string synchronous) =>
            _pragmas = $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";

        // synchronous=FULL: a commit the API has answered for must survive a power cut.
        public static SqlitePragmas For(string? synchronous) => synchronous?.Trim().ToUpperInvariant() switch
        {
            null or "" or "FULL" => Full,
            "NORMAL" => Normal,
            _ => throw new InvalidOperationException(
                $"{SynchronousKey} is '{synchronous}', which is not a setting this service runs with: use FULL (the default: every commit survives a power cut) or NORMAL (for measurements only)"),
        };

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }
    }
}
