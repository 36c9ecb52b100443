using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReferralNet.Portal.Tests.Beds;

/// <summary>Shelter staff's bed board changes in every open browser when beds change anywhere, without a reload.</summary>
public sealed class Live_bed_board(PortalNetwork network)
{
    const string Shelter = "harbour-house-main";

    [Fact]
    public async Task A_quick_change_in_one_browser_shows_in_a_second_browser_without_a_reload()
    {
        await using var first = await network.SignInAsync("shelter-staff@harbour-house.example");
        await using var second = await network.SignInAsync("shelter-staff@harbour-house.example");
        await first.OpenAsync("/beds");
        await second.OpenAsync("/beds");
        var firstRow = Row(first.Page, "women");
        var secondRow = Row(second.Page, "women");
        await first.InteractiveAsync($"section[data-shelter='{Shelter}'] tr[data-bed-type='women'] input");
        await second.InteractiveAsync($"section[data-shelter='{Shelter}'] tr[data-bed-type='women'] input");
        var total = await CountAsync(secondRow, "total");
        var navigations = 0;
        second.Page.FrameNavigated += (_, frame) => { if (frame == second.Page.MainFrame) navigations++; };

        // Change the total (always possible upwards), then one more occupied bed.
        await first.Page.Locator($"#total-{Shelter}-women").FillAsync((total + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await first.Page.Locator($"#total-{Shelter}-women").PressAsync("Tab");
        await Expect(firstRow.Locator("[data-count=total]")).ToHaveTextAsync((total + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(secondRow.Locator("[data-count=total]")).ToHaveTextAsync((total + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var occupied = await CountAsync(secondRow, "occupied");
        await firstRow.GetByRole(AriaRole.Button, new() { Name = "One more occupied women bed at Harbour House" }).ClickAsync();
        await Expect(secondRow.Locator("[data-count=occupied]")).ToHaveTextAsync((occupied + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, navigations);
        await second.ScreenshotAsync("12-bed-board");
    }

    [Fact]
    public async Task Accepting_a_bed_referral_elsewhere_takes_a_bed_on_the_open_board()
    {
        using var shelterApi = network.ClientFor("shelter", Keys.HarbourHouse);
        using var sender = network.ClientFor("legalaid", Keys.JusticeBridge);
        await using var board = await network.SignInAsync("shelter-staff@harbour-house.example");
        await board.OpenAsync("/beds");
        await board.InteractiveAsync("tr[data-bed-type='women'] input");
        var freeBefore = await FreeWomensBedsAsync(board.Page);
        Assert.True(freeBefore > 0, "the seeds give Harbour House free women's beds");

        var id = await Scene.ReferWithoutPersonalDataAsync(sender, "harbour-house", "bed:women", "asap");
        await ReferralNet.Testing.Eventually.HoldsAsync(async () => (await shelterApi.GetAsync($"/api/referrals/{id}")).IsSuccessStatusCode, "the shelter receives the referral");
        await Scene.ChangeStatusAsync(shelterApi, id, "accepted");

        await ReferralNet.Testing.Eventually.HoldsAsync(async () => await FreeWomensBedsAsync(board.Page) == freeBefore - 1,
            "the open board shows one free women's bed fewer");
    }

    static ILocator Row(IPage page, string bedType) => page.Locator($"section[data-shelter='{Shelter}'] tr[data-bed-type='{bedType}']");

    static async Task<int> CountAsync(ILocator row, string count) =>
        int.Parse((await row.Locator($"[data-count={count}]").TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    static async Task<int> FreeWomensBedsAsync(IPage page) =>
        (await page.Locator("tr[data-bed-type='women'] [data-count=free]").AllTextContentsAsync())
            .Sum(text => int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture));
}
