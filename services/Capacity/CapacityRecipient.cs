using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;

namespace ReferralNet.Capacity;

/// <summary>
/// The recipient side of a service whose capacity is counted: accepting a referral takes one unit
/// of the referral's service at the recipient organisation, or is refused when none is open;
/// closing an accepted referral gives the unit back, once.
/// </summary>
/// <remarks>
/// Two desks accepting referrals for the last unit at once must not both win, nor get a 500 from a
/// stale version. So the unit is taken by one conditional update (<c>InUse &lt; Total</c>) inside a
/// database transaction this class opens before it and commits when the engine's save commits (or
/// rolls back when that save fails): the taking and the status change commit together or not at
/// all, and a failed save cannot leak a unit. Inside a transaction someone else opened (a
/// consumer's inbox transaction) it joins that one instead.
/// </remarks>
public sealed partial class CapacityRecipient(
    ReferralNetDbContext db,
    CapacityTerms terms,
    TimeProvider clock,
    ILogger<CapacityRecipient> logger) : IReferralRecipient
{
    DbSet<Offering> Offerings => db.Set<Offering>();
    DbSet<CapacityTaking> Takings => db.Set<CapacityTaking>();

    /// <inheritdoc />
    public async Task<string?> AcceptingAsync(Referral referral, CancellationToken ct)
    {
        var transaction = await UnitOfWork.JoinAsync(db, ct);
        try
        {
            if (await Takings.AnyAsync(t => t.OrganisationId == referral.OrganisationId && t.ReferralId == referral.Id, ct))
                return await RefuseAsync(transaction, $"referral '{referral.Id}' already has an {terms.Taking}; it was accepted by another request");

            var taken = await Offerings
                .Where(o => o.OrganisationId == referral.OrganisationId && o.Service == referral.Service && o.InUse < o.Total)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.InUse, o => o.InUse + 1)
                    .SetProperty(o => o.Version, o => o.Version + 1), ct);
            if (taken == 0)
                return await RefuseAsync(transaction, await NoCapacityMessageAsync(referral, ct));

            Takings.Add(new CapacityTaking
            {
                OrganisationId = referral.OrganisationId,
                ReferralId = referral.Id,
                Service = referral.Service,
                TakenAt = clock.GetUtcNow(),
            });
            LogTaken(referral.Id, referral.OrganisationId, referral.Service);
            return null;
        }
        catch
        {
            await transaction.AbandonAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task ClosedAsync(Referral referral, string previousStatus, CancellationToken ct)
    {
        var transaction = await UnitOfWork.JoinAsync(db, ct);
        try
        {
            var now = clock.GetUtcNow();
            var status = referral.Status;
            var returned = await Takings
                .Where(t => t.OrganisationId == referral.OrganisationId && t.ReferralId == referral.Id && t.ReturnedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.ReturnedAt, now).SetProperty(t => t.ClosedAs, status), ct);
            if (returned == 0)
            {
                // Accepted before capacity was tracked, or already given back: nothing to return.
                LogNothingToReturn(referral.Id, referral.OrganisationId);
                return;
            }
            await Offerings
                .Where(o => o.OrganisationId == referral.OrganisationId && o.Service == referral.Service && o.InUse > 0)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.InUse, o => o.InUse - 1)
                    .SetProperty(o => o.Version, o => o.Version + 1), ct);
            LogReturned(referral.Id, referral.OrganisationId, referral.Service);
        }
        catch
        {
            await transaction.AbandonAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public Task NotTakenAsync(Referral referral, CancellationToken ct) => Task.CompletedTask;

    async Task<string> NoCapacityMessageAsync(Referral referral, CancellationToken ct)
    {
        var offering = await Offerings.AsNoTracking()
            .FirstOrDefaultAsync(o => o.OrganisationId == referral.OrganisationId && o.Service == referral.Service, ct);
        return offering is null
            ? $"'{referral.OrganisationId}' has no {terms.Unit} recorded for '{referral.Service}': reject the referral with reason 'no-capacity', or ask an administrator to add the offering"
            : $"'{referral.OrganisationId}' has no open {terms.Unit} for '{referral.Service}' ({offering.InUse} of {offering.Total} in use): reject the referral with reason 'no-capacity', or accept it once an {terms.Taking} closes";
    }

    static async Task<string> RefuseAsync(UnitOfWork transaction, string message)
    {
        await transaction.AbandonAsync();
        return message;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} took one unit of {Service} at {OrganisationId}")]
    partial void LogTaken(string referralId, string organisationId, string service);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralId} returned its unit of {Service} at {OrganisationId}")]
    partial void LogReturned(string referralId, string organisationId, string service);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId} at {OrganisationId} closed without a unit to return")]
    partial void LogNothingToReturn(string referralId, string organisationId);

    /// <summary>
    /// The transaction a capacity change runs in: its own, committed or rolled back with the
    /// engine's next save, or (when one is already open) the caller's, which the caller ends.
    /// </summary>
    sealed class UnitOfWork
    {
        readonly DbContext _db;
        IDbContextTransaction? _own;

        UnitOfWork(DbContext db, IDbContextTransaction? own)
        {
            _db = db;
            _own = own;
            if (own is null)
                return;
            db.SavedChanges += Commit;
            db.SaveChangesFailed += RollBack;
        }

        public static async Task<UnitOfWork> JoinAsync(DbContext db, CancellationToken ct) =>
            db.Database.CurrentTransaction is not null
                ? new UnitOfWork(db, null)
                // On SQLite this is BEGIN IMMEDIATE: racing acceptances queue for the write lock
                // instead of failing on a stale snapshot.
                : new UnitOfWork(db, await db.Database.BeginTransactionAsync(ct));

        /// <summary>Rolls back a transaction of our own now (a refusal or an error before the engine saves).</summary>
        public async Task AbandonAsync()
        {
            if (Detach() is { } own)
            {
                await own.RollbackAsync(CancellationToken.None);
                await own.DisposeAsync();
            }
        }

        void Commit(object? sender, SavedChangesEventArgs e)
        {
            if (Detach() is { } own)
            {
                own.Commit();
                own.Dispose();
            }
        }

        void RollBack(object? sender, SaveChangesFailedEventArgs e)
        {
            if (Detach() is { } own)
            {
                own.Rollback();
                own.Dispose();
            }
        }

        IDbContextTransaction? Detach()
        {
            var own = _own;
            _own = null;
            if (own is not null)
            {
                _db.SavedChanges -= Commit;
                _db.SaveChangesFailed -= RollBack;
            }
            return own;
        }
    }
}
