using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReferralNet.Portal.Tests.Operations;

/// <summary>The operator sees the network's health and follows a referral to its trace; never a survivor's data.</summary>
public sealed class Operator_page(PortalNetwork network)
{
    [Fact]
    public async Task Shows_every_service_and_the_broker_healthy()
    {
        await using var operatorSession = await network.SignInAsync("operator@network-ops.example");
        await operatorSession.OpenAsync("/operations");
        var health = operatorSession.Page.GetByTestId("health");

        foreach (var service in new[] { "shelter", "legalaid", "medical", "vocational" })
            await Expect(health.Locator($"tr[data-part='{service}']")).ToContainTextAsync("Healthy");
        await Expect(health.Locator("tr[data-part='broker']")).ToContainTextAsync("Accepting connections");
    }

    [Fact]
    public async Task Finds_a_referral_by_id_and_links_to_the_trace_the_sending_service_recorded_without_personal_data()
    {
        var canary = $"CANARY-{Guid.NewGuid():N}"[..20];
        using var sender = network.ClientFor("legalaid", Keys.JusticeBridge);
        using var operations = network.ClientFor("legalaid", Keys.NetworkOps);
        var survivor = await Scene.PostAsync(sender, "/api/survivors", new { givenName = canary, familyName = canary, caseNotes = canary });
        await Scene.PostAsync(sender, $"/api/survivors/{survivor}/consents", new { recipientOrgId = "st-mary-clinic", categories = new[] { "identity", "case-notes" }, method = "written" });
        var id = await Scene.PostAsync(sender, "/api/referrals", new { survivorId = survivor, toOrgId = "st-mary-clinic", service = "medical:trauma-care", priority = "asap", share = new[] { "identity", "case-notes" }, note = canary });
        var recorded = await ReferralNet.Testing.Eventually.ReturnsAsync(
            () => Scene.GetAsync(operations, $"/api/operations/referrals/{id}"), r => r.GetProperty("traceId").GetString() is { Length: 32 }, "the sending service records the referral's trace");
        var traceId = recorded.GetProperty("traceId").GetString()!;

        await using var operatorSession = await network.SignInAsync("operator@network-ops.example");
        var page = operatorSession.Page;
        await operatorSession.OpenAsync("/operations");
        await operatorSession.InteractiveAsync("#trace-referral");
        await page.Locator("#trace-referral").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find its trace" }).ClickAsync();

        var link = page.GetByTestId("trace-result").Locator($"a[data-trace-id='{traceId}']").First;
        await Expect(link).ToHaveAttributeAsync("href", $"{PortalNetwork.DashboardUrl}/traces/detail/{traceId}");
        await Expect(page.GetByTestId("counts")).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync(canary);
        Assert.DoesNotMatch(new Regex(canary), page.Url);
        await operatorSession.ScreenshotAsync("13-operations");
    }
}
