using Microsoft.Playwright;
using ReferralNet.Testing;
using static Microsoft.Playwright.Assertions;

namespace ReferralNet.Portal.Tests.Referrals;

/// <summary>
/// The main path through the real network: a legal-aid caseworker registers a survivor, records
/// consent, finds a shelter with room and sends a consented referral; the shelter accepts it in its
/// own browser; the caseworker withdraws consent and sees the shelter's deletion confirmed.
/// </summary>
public sealed class Caseworker_and_recipient(PortalNetwork network)
{
    [Fact]
    public async Task A_consented_referral_is_sent_accepted_and_after_revocation_its_deletion_is_confirmed()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var familyName = $"Example{unique}";
        var healthCanary = $"HEALTH-{unique}";
        await using var caseworker = await network.SignInAsync("caseworker@justice-bridge.example");
        await using var shelter = await network.SignInAsync("intake@harbour-house.example");
        var page = caseworker.Page;

        // Register a survivor: names go to the service, never into the URL.
        await caseworker.OpenAsync("/survivors");
        await caseworker.InteractiveAsync("#given-name");
        await page.Locator("#given-name").FillAsync("Ana");
        await page.Locator("#family-name").FillAsync(familyName);
        await page.Locator("#date-of-birth").FillAsync("1990-02-03");
        await page.Locator("#phone").FillAsync("+1-555-0199");
        await page.Locator("#languages").FillAsync("es");
        await page.Locator("#health-notes").FillAsync(healthCanary);
        await page.Locator("#case-notes").FillAsync("met at the bus station");
        await caseworker.ScreenshotAsync("03-survivors-register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register survivor" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/survivors/sv-"));
        var survivorId = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        Assert.DoesNotContain(familyName, page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ana", page.Url, StringComparison.Ordinal);

        // Consent: spoken consent without a witness is refused with what to do; with one it is recorded.
        await caseworker.InteractiveAsync("#consent-recipient");
        await Expect(page.Locator("aside.notice")).ToContainTextAsync("Consent is never a condition of help");
        await page.Locator("#consent-recipient").SelectOptionAsync("harbour-house");
        await page.Locator("#consent-category-identity").CheckAsync();
        await page.Locator("#consent-category-case-notes").CheckAsync();
        await page.Locator("#consent-method-verbal").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("verbal consent needs a witness");
        await page.Locator("#consent-witness").FillAsync("caseworker J. Ruiz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        await Expect(page.Locator("p.done")).ToContainTextAsync("recorded");
        var consentLink = page.Locator("table.list a[href^='/consents/']").First;
        await Expect(consentLink).ToBeVisibleAsync();
        var consentId = (await consentLink.TextContentAsync())!.Trim();
        await caseworker.ScreenshotAsync("04-survivor-and-consent");

        // Find a shelter with a free women's bed, and refer from the result.
        await caseworker.OpenAsync("/capacity");
        await caseworker.InteractiveAsync("#capacity-kind");
        await page.Locator("#capacity-kind").SelectOptionAsync("bed");
        await page.Locator("#capacity-code").SelectOptionAsync("women");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        var results = page.GetByTestId("capacity-results");
        await Expect(results).ToContainTextAsync("Harbour House Shelter");
        await caseworker.ScreenshotAsync("05-find-capacity");
        await results.GetByRole(AriaRole.Link, new() { Name = "Refer to Harbour House Shelter" }).First.ClickAsync();

        // Compose: only consented categories can be ticked, and the preview shows exactly what goes.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/referrals/new"));
        await caseworker.InteractiveAsync("#referral-survivor");
        await Expect(page.Locator("#referral-recipient")).ToHaveValueAsync("harbour-house");
        await Expect(page.Locator("#referral-service")).ToHaveValueAsync("bed:women");
        await page.Locator("#referral-survivor").SelectOptionAsync(survivorId);
        await Expect(page.Locator("#share-identity")).ToBeEnabledAsync();
        await Expect(page.Locator("#share-health")).ToBeDisabledAsync();
        await Expect(page.Locator("#share-contact")).ToBeDisabledAsync();
        await page.Locator("#share-identity").CheckAsync();
        await page.Locator("#share-case-notes").CheckAsync();
        await page.Locator("#referral-note").FillAsync("arrives by bus");
        await page.Locator("#referral-priority").SelectOptionAsync("asap");
        await page.Locator("#referral-no-contact").CheckAsync();
        var preview = page.GetByTestId("share-preview");
        await Expect(preview).ToContainTextAsync($"Ana {familyName}");
        await Expect(preview).ToContainTextAsync("met at the bus station");
        await Expect(preview).Not.ToContainTextAsync(healthCanary);
        await Expect(preview).Not.ToContainTextAsync("+1-555-0199");
        await caseworker.ScreenshotAsync("06-compose-referral");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/referrals/rf-"));
        var referralId = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        await Expect(page.GetByTestId("received-at")).Not.ToHaveTextAsync("not yet");

        // The outbox lists it with its receipt.
        await caseworker.OpenAsync("/referrals/sent");
        var sentRow = page.Locator($"tr[data-referral='{referralId}']");
        await Expect(sentRow).ToContainTextAsync("Requested");
        await Expect(sentRow).Not.ToContainTextAsync("not yet");
        await caseworker.ScreenshotAsync("07-outbox");

        // The shelter's inbox shows it; the referral shows only what was shared, and the warning.
        var inbox = shelter.Page;
        await shelter.OpenAsync("/referrals/received");
        var receivedRow = inbox.Locator($"tr[data-referral='{referralId}']");
        await Expect(receivedRow).ToContainTextAsync("Do not contact survivor");
        await shelter.ScreenshotAsync("08-inbox");
        await receivedRow.GetByRole(AriaRole.Link, new() { Name = referralId }).ClickAsync();
        await Expect(inbox.GetByTestId("no-contact")).ToContainTextAsync("Do not contact the survivor directly");
        var shared = inbox.GetByTestId("shared-data");
        await Expect(shared).ToContainTextAsync($"Ana {familyName}");
        await Expect(shared).ToContainTextAsync("arrives by bus");
        await Expect(inbox.Locator("main")).Not.ToContainTextAsync(healthCanary);
        await Expect(inbox.Locator("main")).Not.ToContainTextAsync("+1-555-0199");
        await shelter.InteractiveAsync("[data-testid=action-accepted] button");
        await inbox.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(inbox.GetByTestId("referral-status")).ToHaveTextAsync("Accepted");
        await shelter.ScreenshotAsync("09-referral-received");

        // The caseworker's open referral page shows the acceptance by itself, with the audit trail.
        await caseworker.OpenAsync($"/referrals/{referralId}");
        await Expect(page.GetByTestId("referral-status")).ToHaveTextAsync("Accepted");
        await Expect(page.GetByTestId("audit")).ToContainTextAsync("disclosed");
        await caseworker.ScreenshotAsync("10-referral-sent");

        // Withdraw consent, after a confirmation step; the shelter's deletion is confirmed on the page.
        await caseworker.OpenAsync($"/consents/{consentId}");
        await caseworker.InteractiveAsync("#revoke-reason");
        await page.Locator("#revoke-reason").SelectOptionAsync("survivor-request");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw consent" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("cannot be undone");
        await Expect(page.GetByTestId("consent-status")).ToHaveTextAsync("active");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw consent" }).ClickAsync();
        await Expect(page.GetByTestId("consent-status")).ToHaveTextAsync("revoked");
        await Expect(page.GetByTestId("purge-harbour-house")).ToContainTextAsync("Deletion confirmed");
        await caseworker.ScreenshotAsync("11-consent-revoked");

        // And the shelter's copy no longer holds the survivor's data.
        await Expect(inbox.GetByTestId("purged")).ToBeVisibleAsync();
        await Expect(inbox.Locator("main")).Not.ToContainTextAsync(familyName);
        await Expect(inbox.GetByTestId("referral-status")).ToHaveTextAsync("Accepted");

        // The portal handled all of it and wrote none of the survivor's data to its log.
        var portalLog = network.PortalLog();
        Assert.Contains("portal-bed-change", portalLog, StringComparison.Ordinal);
        Assert.All(new[] { familyName, healthCanary, "+1-555-0199", "met at the bus station", "arrives by bus" },
            personal => Assert.DoesNotContain(personal, portalLog, StringComparison.Ordinal));
    }
}
