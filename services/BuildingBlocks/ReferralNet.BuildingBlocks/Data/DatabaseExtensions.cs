using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReferralNet.BuildingBlocks.Hosting;
using ReferralNet.BuildingBlocks.Outbox;

namespace ReferralNet.BuildingBlocks.Data;

/// <summary>Registers a service's own database with its outbox relay.</summary>
public static class DatabaseExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on SQLite (the file <c>ReferralNet:DatabasePath</c>,
    /// WAL, synchronous=FULL) or on PostgreSQL when <c>ReferralNet:PostgresConnectionString</c> is
    /// set, and the outbox relay that sends what it commits.
    /// </summary>
    public static IHostApplicationBuilder AddReferralNetDatabase<TContext>(this IHostApplicationBuilder builder)
        where TContext : ReferralNetDbContext
    {
        var options = builder.Configuration.GetSection(ReferralNetOptions.Section).Get<ReferralNetOptions>() ?? new();
        var services = builder.Services;

        services.AddSingleton<OutboxSignal>();
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
                db.AddInterceptors(SqlitePragmas.Instance);
            }
            db.AddInterceptors(sp.GetRequiredService<OutboxCommitInterceptor>());
        });
        services.AddScoped<ReferralNetDbContext>(sp => sp.GetRequiredService<TContext>());
        services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }

    /// <summary>
    /// Creates the database on first start and runs <paramref name="seed"/> then, so a second start
    /// keeps its data.
    /// </summary>
    public static async Task InitialiseDatabaseAsync<TContext>(this WebApplication app, Func<TContext, IServiceProvider, Task>? seed = null)
        where TContext : ReferralNetDbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var created = await db.Database.EnsureCreatedAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        if (created && seed is not null)
        {
            await seed(db, scope.ServiceProvider);
            await db.SaveChangesAsync();
            app.Logger.LogInformation("Created database for {Context} and loaded the seeds", typeof(TContext).Name);
        }
    }

    static string ServiceName(ReferralNetOptions options, IHostApplicationBuilder builder) =>
        ReferralNetOptions.ServiceNameOf(builder.Configuration, builder.Environment.ApplicationName);

    sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();
        const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

        // synchronous=FULL: a commit the API has answered for must survive a power cut.
        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
