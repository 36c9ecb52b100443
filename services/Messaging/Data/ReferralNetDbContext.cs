using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ReferralNet.Messaging.Inbox;
using ReferralNet.Messaging.Outbox;

namespace ReferralNet.Messaging.Data;

/// <summary>
/// Base of every service's database: the service's own tables plus the outbox and inbox, so that
/// a state change, the messages it causes and the messages it consumed commit together.
/// </summary>
public abstract class ReferralNetDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>JSON settings of outbox bodies.</summary>
    public static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);

    /// <summary>Messages waiting to be sent, and recently sent ones.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>Ids of messages already consumed.</summary>
    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();

    /// <summary>
    /// Adds a message to the outbox; it is sent once <c>SaveChanges</c> commits. Publishes to
    /// every subscriber unless <paramref name="destination"/> names a queue (<c>queue:name</c>).
    /// The current trace context is kept with the row so that the trace continues through the broker.
    /// </summary>
    public OutboxMessage AddToOutbox<T>(T message, string? destination = null) where T : class
    {
        var activity = Activity.Current;
        var row = new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            MessageType = typeof(T).FullName!,
            Body = JsonSerializer.Serialize(message, MessageJson),
            Destination = destination,
            TraceParent = activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C ? id : null,
            TraceState = activity?.TraceStateString,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        Outbox.Add(row);
        return row;
    }

    bool _wipePending;

    /// <summary>
    /// Asks that the pages this change overwrites be wiped once it is committed: on SQLite the old
    /// page images (a survivor's name before redaction) stay readable in the write-ahead log until
    /// a checkpoint copies the new pages over them and empties the log. With <c>secure_delete</c>
    /// on, the space freed inside a page is zeroed too. For purges, not for every write.
    /// </summary>
    public void WipeOverwrittenPagesAfterCommit() => _wipePending = true;

    /// <inheritdoc />
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is null)
            await CommittedAsync(cancellationToken);
        return saved;
    }

    /// <summary>Call after committing an explicit transaction: wipes what <see cref="WipeOverwrittenPagesAfterCommit"/> asked for.</summary>
    public async Task CommittedAsync(CancellationToken ct)
    {
        if (!_wipePending)
            return;
        _wipePending = false;
        if (Database.IsSqlite())
            await Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.HasIndex(m => m.MessageId).IsUnique();
            outbox.HasIndex(m => new { m.SentAt, m.Sequence });
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.HasIndex(m => m.ProcessedAt);
        });
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; store UTC ticks so both work.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
