using ReferralNet.Referrals;
using ReferralNet.Referrals.Survivors;
using ReferralNet.EndToEnd.Tests.Referrals;
using ReferralNet.Testing;

namespace ReferralNet.EndToEnd.Tests.Processes;

/// <summary>
/// Shelter and LegalAid as separate OS processes (their built dlls, as deployed), each on its own
/// SQLite file and ports, on a private broker: only HTTP and the broker connect them.
/// </summary>
public sealed class Referrals_between_service_processes
{
    [Fact]
    public async Task A_referral_goes_from_request_to_purge_between_separate_processes_and_survives_the_shelter_being_killed()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("referralnet-e2e-processes-").FullName;
        var services = new List<ServiceProcess>();
        RabbitMqBroker? broker = null;
        try
        {
            // A broker of its own: the processes' queues must not meet those of the in-process tests.
            broker = await RabbitMqBroker.StartAsync(ct);
            var seeds = Checkout.Find().SeedsFolder;
            var shelterProcess = ServiceProcess.Start("Shelter", ServiceDll("Shelter"), broker.ConnectionString, seeds, folder);
            services.Add(shelterProcess);
            var legalAidProcess = ServiceProcess.Start("LegalAid", ServiceDll("LegalAid"), broker.ConnectionString, seeds, folder);
            services.Add(legalAidProcess);
            await Task.WhenAll(services.Select(s => s.WaitUntilHealthyAsync(ct)));

            using var legalAidClient = ClientFor(legalAidProcess, SeededOrganisations.Find("justice-bridge").ApiKey);
            using var shelterClient = ClientFor(shelterProcess, SeededOrganisations.Find("harbour-house").ApiKey);
            var legalAid = new Desk("justice-bridge", legalAidClient);
            var shelter = new Desk("harbour-house", shelterClient);

            var survivorId = await legalAid.RegisterSurvivorAsync(new
            {
                givenName = "Ana", familyName = "Example", dateOfBirth = "1990-02-03", phone = "+1-555-0199",
                languages = new[] { "es" }, dependants = 1, healthNotes = "stays at legal aid", caseNotes = "met at the bus station",
            });
            var consentId = await legalAid.RecordConsentAsync(survivorId, "harbour-house", "identity", "case-notes");
            var id = await legalAid.ReferAsync(survivorId, "harbour-house", "bed:women", ["identity", "case-notes"], priority: "asap");

            var received = await shelter.ReferralWhenAsync(id, _ => true, "the referral arrives");
            Assert.Equal("received", received.Direction);
            Assert.Equal(["identity", "case-notes"], received.SharedCategories);
            var shared = received.Shared!;
            Assert.Equal(("Ana", "Example", new DateOnly(1990, 2, 3), "met at the bus station"), (shared.GivenName, shared.FamilyName, shared.DateOfBirth, shared.CaseNotes));
            Assert.All(new[] { shared.Phone, shared.Email, shared.HealthNotes, shared.LegalStatusNotes }, Assert.Null);
            var sent = await legalAid.ReferralWhenAsync(id, r => r.ReceivedAt is not null, "the sender sees the receipt");
            Assert.Equal(received.ReceivedAt, sent.ReceivedAt);

            // A crash between receipt and answer: nothing shuts down cleanly, the database stays.
            var killed = shelterProcess.ProcessId;
            await shelterProcess.KillAsync();
            shelterProcess.StartAgain();
            await shelterProcess.WaitUntilHealthyAsync(ct);
            Assert.NotEqual(killed, shelterProcess.ProcessId);
            var afterRestart = await shelter.ReferralAsync(id);
            Assert.Equal(("requested", received.ReceivedAt), (afterRestart.Status, afterRestart.ReceivedAt));
            Assert.Equal(["identity", "case-notes"], afterRestart.SharedCategories);
            Assert.Equal("Ana", afterRestart.Shared!.GivenName);

            await shelter.ChangeStatusAsync(id, "accepted");
            await legalAid.ReferralWhenAsync(id, r => r.Status == "accepted", "the sender sees the acceptance");
            await shelter.ChangeStatusAsync(id, "completed");
            await legalAid.ReferralWhenAsync(id, r => r.Status == "completed", "the sender sees the completion");

            await legalAid.RevokeAsync(consentId);
            var consent = await Eventually.ReturnsAsync(() => legalAid.ConsentAsync(consentId),
                c => c.Recipients.Count > 0 && c.Recipients.All(r => r.PurgeConfirmed), "harbour-house confirms its purge at the origin");
            Assert.Equal("revoked", consent.Status);
            Assert.Equal(("harbour-house", id), (consent.Recipients.Single().OrganisationId, consent.Recipients.Single().ReferralIds.Single()));

            var purged = await shelter.ReferralWhenAsync(id, r => r.PurgedAt is not null, "the shelter's copy is purged");
            Assert.Equal((SurvivorProfile.Redacted, SurvivorProfile.Redacted, SurvivorProfile.Redacted), (purged.Shared!.GivenName, purged.Shared.FamilyName, purged.Shared.CaseNotes));
            Assert.Equal(("completed", received.ReceivedAt), (purged.Status, purged.ReceivedAt));
        }
        catch
        {
            // The services' own view of a failure is in their logs, which are deleted below.
            foreach (var service in services)
                TestContext.Current.TestOutputHelper?.WriteLine(service.DescribeLog(60));
            throw;
        }
        finally
        {
            foreach (var service in services)
                await service.DisposeAsync();
            if (broker is not null)
                await broker.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    static HttpClient ClientFor(ServiceProcess service, string apiKey)
    {
        var client = new HttpClient { BaseAddress = service.RestUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>
    /// The service built in the same configuration as these tests (bin/Debug or bin/Release), which
    /// building this project builds too: it references every service.
    /// </summary>
    static string ServiceDll(string service) =>
        Checkout.Find().ServiceDll(service, Checkout.ConfigurationOf(typeof(Referrals_between_service_processes).Assembly));
}
