using ReferralNet.Contracts.Api;
using ReferralNet.ServiceDefaults.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReferralNet.ServiceDefaults;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Referrals;
using ReferralNet.ServiceDefaults.Seeds;

namespace ReferralNet.Referrals.Tests.Support;

/// <summary>
/// The referral engine's slices in-process on a SQLite file of their own. Sender and recipient
/// records live in one database here (they are keyed by organisation), and a message "travels" by
/// reading its outbox row and handing it to the consumer that receives it.
/// </summary>
public abstract class EngineOnSqlite : IAsyncLifetime
{
    protected const string Sender = "justice-bridge";          // legal-aid
    protected const string Recipient = "harbour-house";        // shelter
    protected const string Bystander = "safe-haven";           // another shelter
    protected const string Bed = "bed:women";
    protected const string SenderQueue = "queue:legalaid-referrals";
    protected const string RecipientQueue = "queue:shelter-referrals";

    protected static readonly string[] AllCategories = ["identity", "contact", "health", "legal-status", "case-notes"];

    protected readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    readonly string folder = Directory.CreateTempSubdirectory("referralnet-engine-").FullName;
    ServiceProvider services = null!;

    /// <summary>Where the services' public sealing keys are published (<c>&lt;service&gt;.pub</c>).</summary>
    protected string KeysFolder => Path.Combine(folder, "keys");

    public async ValueTask InitializeAsync()
    {
        var collection = new ServiceCollection();
        var path = Path.Combine(folder, "engine.db");
        collection.AddDbContext<ReferralsDbContext>(db => db.UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()));
        collection.AddScoped<ReferralNetDbContext>(sp => sp.GetRequiredService<ReferralsDbContext>());
        collection.AddSingleton<ReferralNet.Messaging.Outbox.OutboxRewrites>();
        collection.AddSingleton(OrganisationDirectory.Load(new SeedFiles(Options.Create(new ReferralNetOptions())).Folder));
        collection.AddScoped<IReferralRecipient, NoRecipientEffects>();
        collection.AddSingleton<TimeProvider>(clock);
        // The recipients' services publish their keys; the recipient here is a shelter, and opens with its own.
        var keys = new ReferralNet.Messaging.Sealing.SealingOptions { Directory = KeysFolder };
        foreach (var other in new[] { "legalaid", "medical", "vocational" })
            ReferralNet.Messaging.Sealing.SealingKeys.Load(other, keys, folder, "Production").Dispose();
        collection.AddSingleton(ReferralNet.Messaging.Sealing.SealingKeys.Load("shelter", keys, folder, "Production"));
        collection.AddLogging();
        collection.AddReferralSlices();
        collection.AddScoped<ReferralRequestedConsumer>();
        collection.AddScoped<ReferralReceivedConsumer>();
        collection.AddScoped<ReferralStatusChangedConsumer>();
        collection.AddScoped<ConsentWithdrawnConsumer>();
        collection.AddScoped<PersonalDataPurgedConsumer>();
        collection.AddSingleton(sp => new WithdrawnDeadLetters("shelter-referrals", sp.GetRequiredService<IServiceScopeFactory>(), clock));
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await Db(db => db.Database.EnsureCreatedAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    protected async Task Step(string organisationId, string status, string? reason = null)
    {
        var outcome = await Changing(e => e.ChangeStatusAsync(organisationId, currentReferral!, new StatusChangeRequest(status, reason), default));
        Assert.True(outcome.Succeeded, outcome.Message);
        await DeliverAsync<ReferralStatusChangedConsumer>(async e => await e.ApplyRemoteStatusAsync(await LastMessageAsync<ReferralStatusChanged>(), default));
    }

    // ---- Helpers ----

    protected string? currentReferral;

    protected sealed record RegisteredSurvivor(string Id, Canaries Canaries);

    /// <summary>A unique value in every personal field of a survivor, to look for where it must not be.</summary>
    protected sealed class Canaries
    {
        readonly string tag = Guid.NewGuid().ToString("N")[..10];
        public string GivenName => $"given-{tag}";
        public string FamilyName => $"family-{tag}";
        public DateOnly DateOfBirth { get; } = new(1950 + Random.Shared.Next(50), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28));
        public string Gender => $"gender-{tag}";
        public string Phone => $"phone-{tag}";
        public string Email => $"email-{tag}@example.org";
        public string HealthNotes => $"health-{tag}";
        public string LegalStatusNotes => $"legal-{tag}";
        public string CaseNotes => $"case-{tag}";
        public string Note => $"note-{tag}";
        public string Need => $"need-{tag}";

        public IEnumerable<string> Of(string category) => category switch
        {
            "identity" => [GivenName, FamilyName, Gender, DateOfBirth.ToString("yyyy-MM-dd")],
            "contact" => [Phone, Email],
            "health" => [HealthNotes],
            "legal-status" => [LegalStatusNotes],
            "case-notes" => [CaseNotes, Note],
            _ => throw new ArgumentException(category),
        };

        public IReadOnlyList<string> All => [.. AllCategories.SelectMany(Of), Need];
    }

    protected static void AssertHoldsNone(string text, IEnumerable<string> canaries)
    {
        foreach (var canary in canaries)
            Assert.False(text.Contains(canary, StringComparison.Ordinal), $"'{canary}' must not appear in: {text}");
    }

    protected static void AssertNoPersonalData(Referral r)
    {
        Assert.Null(r.Profile.GivenName);
        Assert.Null(r.Profile.FamilyName);
        Assert.Null(r.Profile.DateOfBirth);
        Assert.Null(r.Profile.Gender);
        Assert.Null(r.Profile.Phone);
        Assert.Null(r.Profile.Email);
        Assert.Null(r.Profile.HealthNotes);
        Assert.Null(r.Profile.LegalStatusNotes);
        Assert.Null(r.Profile.CaseNotes);
        Assert.Null(r.Profile.Note);
    }

    protected ReferralRequested Crafted(Canaries canaries, string? consentId, IReadOnlyList<string> shared)
    {
        var now = clock.GetUtcNow();
        return Sealed(new ReferralRequested(
            $"rf-{Guid.NewGuid():N}"[..19], Sender, Recipient, Bed, "routine",
            new ReferralNeeds(["fa"], 1, false), false, now, now.AddDays(5), null, consentId, shared, null),
            new SharedProfile(canaries.GivenName, canaries.FamilyName, canaries.DateOfBirth, canaries.Gender, canaries.Phone, canaries.Email,
                canaries.HealthNotes, canaries.LegalStatusNotes, canaries.CaseNotes, canaries.Note));
    }

    /// <summary><paramref name="message"/> carrying <paramref name="profile"/> sealed to the recipient's service, as a sender writes it.</summary>
    protected ReferralRequested Sealed(ReferralRequested message, SharedProfile profile)
    {
        var (sealedMessage, problem) = services.GetRequiredService<ProfileSeal>().Seal(message, profile);
        Assert.Null(problem);
        return sealedMessage!;
    }

    /// <summary>What keeps profiles out of the recipient's failed-message queues.</summary>
    protected WithdrawnDeadLetters FailedCopies => services.GetRequiredService<WithdrawnDeadLetters>();

    /// <summary>The profile <paramref name="message"/> carries, opened as its recipient opens it.</summary>
    protected SharedProfile? Opened(ReferralRequested message) => services.GetRequiredService<ProfileSeal>().Open(message);

    protected async Task<RegisteredSurvivor> RegisterAsync()
    {
        var canaries = new Canaries();
        var outcome = await Survivors(e => e.RegisterSurvivorAsync(Sender, new SurvivorRegistration(
            canaries.GivenName, canaries.FamilyName, canaries.DateOfBirth, canaries.Phone, canaries.Email,
            ["ti", "ar"], canaries.Gender, 2, ["accessibility", canaries.Need],
            canaries.HealthNotes, canaries.LegalStatusNotes, canaries.CaseNotes), default));
        Assert.True(outcome.Succeeded, outcome.Message);
        return new RegisteredSurvivor(outcome.Value!.Id, canaries);
    }

    protected async Task<ConsentRecord> ConsentAsync(string survivorId, string recipient, params string[] categories)
    {
        var outcome = await Consents(e => e.RecordConsentAsync(Sender, survivorId, new ConsentRequest(recipient, categories, "written"), default));
        Assert.True(outcome.Succeeded, outcome.Message);
        return outcome.Value!;
    }

    protected async Task<Result<Referral>> SendAsync(
        string survivorId, string[]? share = null, string? note = null, string service = Bed, string priority = "routine")
    {
        var outcome = await Sending(e => e.SendAsync(Sender, new ReferralRequest(survivorId, Recipient, service, priority, share, note), default));
        if (outcome.Succeeded)
            currentReferral = outcome.Value!.Id;
        return outcome;
    }

    protected async Task AssertNothingSentAsync()
    {
        Assert.Equal(0, await Db(db => db.Set<Referral>().CountAsync()));
        Assert.Equal(0, await Db(db => db.Outbox.CountAsync()));
        Assert.Equal(0, await Db(db => db.Set<Disclosure>().CountAsync()));
        Assert.Equal(0, await Db(db => db.Set<AuditEntry>().CountAsync()));
    }

    /// <summary>Hands the referral's outbox message to the recipient's engine, as its consumer would.</summary>
    protected async Task DeliverReferralAsync(string referralId)
    {
        var message = (await OutboxAsync())
            .Where(r => r.MessageType == typeof(ReferralRequested).FullName)
            .Select(r => JsonSerializer.Deserialize<ReferralRequested>(r.Body, ReferralNetDbContext.MessageJson)!)
            .Single(m => m.ReferralId == referralId);
        await DeliverAsync<ReferralRequestedConsumer>(e => e.ApplyAsync(message, default));
    }

    protected Task<Referral> SentAsync(string id) => Db(db => db.Set<Referral>().AsNoTracking().SingleAsync(r => r.OrganisationId == Sender && r.Id == id));

    protected Task<Referral> ReceivedAsync(string id) => Db(db => db.Set<Referral>().AsNoTracking().SingleAsync(r => r.OrganisationId == Recipient && r.Id == id));

    protected async Task<IReadOnlyList<AuditEntry>> AuditAsync(string organisationId, string referralId) =>
        (await Db(db => AuditEndpoints.TrailAsync(db, organisationId, referralId, new PageRequest(Paging.MaxLimit, null, null), default)))?.Items ?? throw new InvalidOperationException("no such referral");

    protected Task<List<ReferralNet.Messaging.Outbox.OutboxMessage>> OutboxAsync() => Db(db => db.Outbox.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync());

    protected async Task<(ReferralNet.Messaging.Outbox.OutboxMessage Row, T Message)> LastRowAsync<T>()
    {
        var row = (await OutboxAsync()).Last(r => r.MessageType == typeof(T).FullName);
        return (row, JsonSerializer.Deserialize<T>(row.Body, ReferralNetDbContext.MessageJson)!);
    }

    protected async Task<T> LastMessageAsync<T>() => (await LastRowAsync<T>()).Message;

    protected Task<T> Survivors<T>(Func<SurvivorRecords, Task<T>> action) => In(action);

    protected Task<T> Consents<T>(Func<ConsentRecords, Task<T>> action) => In(action);

    protected Task<T> Revocation<T>(Func<ConsentRevocation, Task<T>> action) => In(action);

    protected Task<T> Sending<T>(Func<ReferralSending, Task<T>> action) => In(action);

    protected Task<T> Changing<T>(Func<StatusChanging, Task<T>> action) => In(action);

    async Task<T> In<TSlice, T>(Func<TSlice, Task<T>> action) where TSlice : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TSlice>());
    }

    /// <summary>Runs a consumer's part in one scope and saves, as the inbox consumer does.</summary>
    protected async Task DeliverAsync<TConsumer>(Func<TConsumer, Task> action) where TConsumer : notnull
    {
        await using var scope = services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TConsumer>());
        await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().SaveChangesAsync();
    }

    protected async Task<T> Db<T>(Func<ReferralsDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReferralsDbContext>());
    }
}
