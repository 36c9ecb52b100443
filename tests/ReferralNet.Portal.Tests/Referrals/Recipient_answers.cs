using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReferralNet.Portal.Tests.Referrals;

/// <summary>A recipient works its inbox: overdue and urgent first, then each referral to its outcome.</summary>
public sealed class Recipient_answers(PortalNetwork network)
{
    [Fact]
    public async Task A_new_referral_appears_in_the_open_inbox_without_a_reload_urgent_before_routine()
    {
        using var sender = network.ClientFor("legalaid", Keys.JusticeBridge);
        await using var clinic = await network.SignInAsync("intake@st-mary-clinic.example");
        await clinic.OpenAsync("/referrals/received");
        await Expect(clinic.Page.GetByTestId("received-list")).ToHaveAttributeAsync("data-loaded", "yes");

        var routine = await Scene.ReferWithoutPersonalDataAsync(sender, "st-mary-clinic", "medical:primary-care", "routine");
        var urgent = await Scene.ReferWithoutPersonalDataAsync(sender, "st-mary-clinic", "medical:trauma-care", "urgent");

        var rows = clinic.Page.Locator("tr[data-referral]");
        await Expect(clinic.Page.Locator($"tr[data-referral='{urgent}']")).ToBeVisibleAsync();
        await Expect(clinic.Page.Locator($"tr[data-referral='{routine}']")).ToBeVisibleAsync();
        var order = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.referral)");
        Assert.True(Array.IndexOf(order, urgent) < Array.IndexOf(order, routine), $"urgent {urgent} should come before routine {routine}: {string.Join(", ", order)}");
    }

    [Fact]
    public async Task The_recipient_moves_a_referral_through_in_progress_and_on_hold_to_completed_after_confirming()
    {
        using var sender = network.ClientFor("legalaid", Keys.JusticeBridge);
        var id = await Scene.ReferWithoutPersonalDataAsync(sender, "st-mary-clinic", "medical:trauma-care", "urgent");
        await using var clinic = await network.SignInAsync("intake@st-mary-clinic.example");
        var page = clinic.Page;
        await clinic.OpenAsync($"/referrals/{id}");
        await Expect(page.GetByTestId("referral-status")).ToHaveTextAsync("Requested");
        await clinic.InteractiveAsync("[data-testid=action-accepted] button");

        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(page.GetByTestId("referral-status")).ToHaveTextAsync("Accepted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark in progress" }).ClickAsync();
        await Expect(page.GetByTestId("referral-status")).ToHaveTextAsync("In progress");
        await page.Locator("#reason-on-hold").SelectOptionAsync("awaiting-documents");
        await page.GetByRole(AriaRole.Button, new() { Name = "Put on hold" }).ClickAsync();
        await Expect(page.GetByTestId("referral-status")).ToHaveTextAsync("On hold");
        await Expect(page.Locator("main")).ToContainTextAsync("Waiting for documents");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark in progress" }).ClickAsync();
        await Expect(page.GetByTestId("referral-status")).ToHaveTextAsync("In progress");

        // Completing ends it: the first button only asks.
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Expect(page.GetByTestId("referral-status")).ToHaveTextAsync("In progress");
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Yes, mark completed" }).ClickAsync();
        await Expect(page.GetByTestId("referral-status")).ToHaveTextAsync("Completed");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Next step" })).ToHaveCountAsync(0);

        var seen = await ReferralNet.Testing.Eventually.ReturnsAsync(
            () => Scene.GetAsync(sender, $"/api/referrals/{id}"), r => r.GetProperty("status").GetString() == "completed", "the sender sees the completion");
        Assert.Equal("completed", seen.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Declining_says_who_declined_and_why_and_the_sender_sees_it()
    {
        using var sender = network.ClientFor("legalaid", Keys.JusticeBridge);
        var id = await Scene.ReferWithoutPersonalDataAsync(sender, "st-mary-clinic", "medical:primary-care");
        await using var clinic = await network.SignInAsync("intake@st-mary-clinic.example");
        var page = clinic.Page;
        await clinic.OpenAsync($"/referrals/{id}");
        await clinic.InteractiveAsync("[data-testid=action-rejected] button");

        await page.Locator("#declined-client").CheckAsync();
        await Expect(page.Locator("#reason-rejected")).ToHaveValueAsync("client-declined");
        await page.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Yes, decline" }).ClickAsync();

        await Expect(page.GetByTestId("referral-status")).ToHaveTextAsync("Declined");
        await Expect(page.Locator("main")).ToContainTextAsync("declined by the client");
        var seen = await ReferralNet.Testing.Eventually.ReturnsAsync(
            () => Scene.GetAsync(sender, $"/api/referrals/{id}"), r => r.GetProperty("status").GetString() == "rejected", "the sender sees the decline");
        Assert.Equal(("client", "client-declined"), (seen.GetProperty("declinedBy").GetString(), seen.GetProperty("statusReason").GetString()));
    }
}
