using ReferralNet.Referrals;
using ReferralNet.Referrals.Survivors;
using ReferralNet.Contracts.Referrals;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Referrals;

public sealed class Personal_data_and_consent(ReferralNetwork network) : IClassFixture<ReferralNetwork>
{
    [Fact]
    public async Task A_referral_without_consent_carries_no_personal_data_on_the_wire_and_a_consented_one_exactly_its_categories()
    {
        var shelter = network.Desk("harbour-house");
        var canaries = Canaries.New();
        await using var tap = await WireTap.OnAsync(network.BrokerConnectionString, "vocational-referrals", "medical-referrals");
        var survivorId = await shelter.RegisterSurvivorAsync(canaries.Profile(languages: ["pt"], dependants: 2));
        await shelter.RecordConsentAsync(survivorId, "st-mary-clinic", "health");

        var unconsented = await shelter.ReferAsync(survivorId, "new-paths", "vocational:training");
        var consented = await shelter.ReferAsync(survivorId, "st-mary-clinic", "medical:primary-care", ["health"]);

        var bare = await tap.MessageAsync(nameof(ReferralRequested), unconsented);
        Assert.Empty(canaries.FoundIn(bare.Body));
        var request = bare.As<ReferralRequested>();
        Assert.Null(request.Profile);
        Assert.Null(request.ConsentId);
        Assert.Empty(request.SharedCategories);
        // What identifies no one still travels: "speaks Portuguese, two children".
        Assert.Equal(["pt"], request.Needs.Languages);
        Assert.Equal(2, request.Needs.Dependants);

        // On the wire the consented profile is sealed to the clinic's service: nothing of it is readable there.
        var withHealth = await tap.MessageAsync(nameof(ReferralRequested), consented);
        Assert.Empty(canaries.FoundIn(withHealth.Body));
        var disclosed = withHealth.As<ReferralRequested>();
        Assert.Equal(["health"], disclosed.SharedCategories);
        Assert.Null(disclosed.Profile);
        Assert.NotNull(disclosed.SealedProfile);
        // The clinic opens it: exactly the health notes.
        var atClinic = await network.Desk("st-mary-clinic").ReferralWhenAsync(consented, r => r.Shared is not null, "the consented referral at the clinic");
        Assert.Equal(new SharedProfile(null, null, null, null, null, null, canaries.HealthNotes, null, null, null), atClinic.Shared);
    }

    [Fact]
    public async Task After_a_purge_no_personal_value_can_be_read_back_out_of_the_recipients_database_files()
    {
        var legalAid = network.Desk("justice-bridge");
        var clinic = network.Desk("st-mary-clinic");
        var canaries = Canaries.New();
        var survivorId = await legalAid.RegisterSurvivorAsync(canaries.Profile());
        var consent = await legalAid.RecordConsentAsync(survivorId, "st-mary-clinic", "identity", "contact", "health", "case-notes");
        var care = await legalAid.ReferAsync(survivorId, "st-mary-clinic", "medical:trauma-care", ["identity", "contact", "health", "case-notes"], note: canaries.Note);
        await clinic.ReferralWhenAsync(care, r => r.Shared?.GivenName == canaries.GivenName, "the care referral arrives with its profile");

        await legalAid.RevokeAsync(consent, "survivor-request");
        await clinic.ReferralWhenAsync(care, r => r.PurgedAt is not null, "the copy is purged");

        // What a thief of the disk would read: the database and its write-ahead log, byte for byte
        // (the old row was rewritten, and SQLite keeps old page images until told otherwise).
        var database = network.Hosts.Medical.DatabasePath;
        foreach (var file in new[] { database, database + "-wal" }.Where(File.Exists))
        {
            var text = System.Text.Encoding.UTF8.GetString(await ReadSharedAsync(file));
            Assert.True(canaries.FoundIn(text).Count == 0, $"{Path.GetFileName(file)} still holds {string.Join(", ", canaries.FoundIn(text))} after the purge");
        }
    }

    // The service still has the files open; read them as another process would.
    static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    [Fact]
    public async Task Revoking_consent_redacts_every_recipients_copy_and_the_origin_sees_each_purge_confirmed()
    {
        var legalAid = network.Desk("justice-bridge");
        var shelter = network.Desk("harbour-house");
        var clinic = network.Desk("st-mary-clinic");
        var canaries = Canaries.New();
        var survivorId = await legalAid.RegisterSurvivorAsync(canaries.Profile());
        var toShelter = await legalAid.RecordConsentAsync(survivorId, "harbour-house", "identity", "contact");
        var toClinic = await legalAid.RecordConsentAsync(survivorId, "st-mary-clinic", "health", "case-notes");
        var bed = await legalAid.ReferAsync(survivorId, "harbour-house", "bed:women", ["identity", "contact"]);
        var care = await legalAid.ReferAsync(survivorId, "st-mary-clinic", "medical:trauma-care", ["health", "case-notes"], note: canaries.Note);

        var atShelter = await shelter.ReferralWhenAsync(bed, _ => true, "the bed referral arrives");
        Assert.Equal(canaries.GivenName, atShelter.Shared!.GivenName);
        var atClinic = await clinic.ReferralWhenAsync(care, _ => true, "the care referral arrives");
        Assert.Equal((canaries.HealthNotes, canaries.CaseNotes, canaries.Note), (atClinic.Shared!.HealthNotes, atClinic.Shared.CaseNotes, atClinic.Shared.Note));
        Assert.Equal(canaries.Note, (await legalAid.ReferralAsync(care)).Note);

        await legalAid.RevokeAsync(toShelter, "survivor-request");
        await legalAid.RevokeAsync(toClinic, "safety-concern");

        foreach (var (desk, id) in new[] { (shelter, bed), (clinic, care) })
        {
            var purged = await desk.ReferralWhenAsync(id, r => r.PurgedAt is not null, "the copy is purged");
            var shared = purged.Shared!;
            Assert.All(new[] { shared.GivenName, shared.FamilyName, shared.Gender, shared.Phone, shared.Email, shared.HealthNotes, shared.LegalStatusNotes, shared.CaseNotes, shared.Note },
                value => Assert.True(value is null or SurvivorProfile.Redacted, $"{desk.OrganisationId} still holds '{value}'"));
            Assert.Null(shared.DateOfBirth);
            // The referral itself stays, for statistics.
            Assert.Equal(("requested", legalAid.OrganisationId), (purged.Status, purged.FromOrgId));
            Assert.Contains(await desk.AuditAsync(id), a => a.Action == "purged");
        }
        Assert.Equal(SurvivorProfile.Redacted, (await legalAid.ReferralAsync(care)).Note);

        foreach (var (consentId, recipient, referralId) in new[] { (toShelter, "harbour-house", bed), (toClinic, "st-mary-clinic", care) })
        {
            var consent = await Eventually.ReturnsAsync(() => legalAid.ConsentAsync(consentId), c => c.Recipients.All(r => r.PurgeConfirmed), $"{recipient} confirms its purge");
            Assert.Equal("revoked", consent.Status);
            var confirmation = Assert.Single(consent.Recipients);
            Assert.Equal((recipient, referralId), (confirmation.OrganisationId, Assert.Single(confirmation.ReferralIds)));
            Assert.NotNull(confirmation.PurgeConfirmedAt);
            Assert.Equal(["purge-requested", "purge-confirmed"], (await legalAid.AuditAsync(referralId)).Select(a => a.Action).Where(a => a.StartsWith("purge", StringComparison.Ordinal)));
        }
    }
}
