using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReferralNet.Portal.Tests.Accessibility;

/// <summary>Labels on every control, keyboard navigation, and phone width, on every main page.</summary>
public sealed class Usable_by_everyone(PortalNetwork network)
{
    // Every main page with the organisation that may open it.
    public static readonly TheoryData<string, string> Pages = new()
    {
        { "justice-bridge", "/" },
        { "justice-bridge", "/survivors" },
        { "justice-bridge", "/capacity" },
        { "justice-bridge", "/referrals/new" },
        { "justice-bridge", "/referrals/sent" },
        { "st-mary-clinic", "/referrals/received" },
        { "harbour-house", "/beds" },
        { "network-ops", "/operations" },
    };

    // A control's accessible name, the way assistive technology finds it (label[for], a wrapping
    // label, aria-label, aria-labelledby, a button's own text).
    const string UnnamedControls = """
        () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
            .filter(c => {
                const byFor = c.id && document.querySelector(`label[for="${CSS.escape(c.id)}"]`)?.textContent.trim();
                const wrapped = c.closest('label')?.textContent.trim();
                const aria = c.getAttribute('aria-label')?.trim();
                const labelledBy = (c.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)?.textContent.trim()).join('');
                const own = c.tagName === 'BUTTON' ? c.textContent.trim() : '';
                return !(byFor || wrapped || aria || labelledBy || own);
            })
            .map(c => c.outerHTML.slice(0, 120))
        """;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_control_has_an_accessible_name(string organisation, string path)
    {
        await using var session = await network.SignInAsync(organisation);
        await session.OpenAsync(path);
        await Expect(session.Page.Locator("text=Loading…")).ToHaveCountAsync(0);

        var unnamed = await session.Page.EvaluateAsync<string[]>(UnnamedControls);

        Assert.Empty(unnamed);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Fits_a_phone_width_screen_without_scrolling_sideways(string organisation, string path)
    {
        await using var session = await network.SignInAsync(organisation, width: 375, height: 740);
        await session.OpenAsync(path);
        await Expect(session.Page.Locator("text=Loading…")).ToHaveCountAsync(0);

        var overflow = await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a 375 px screen");
        if (path == "/referrals/new")
            await session.ScreenshotAsync("14-compose-referral-375px");
    }

    [Fact]
    public async Task The_first_tab_from_the_top_reaches_a_skip_link_that_moves_focus_to_the_main_content()
    {
        await using var session = await network.SignInAsync("justice-bridge");
        await session.OpenAsync("/referrals/sent");
        // After navigating, the portal puts focus on the page's heading (for screen readers); from the top of the page:
        await session.Page.EvaluateAsync("() => document.activeElement?.blur()");

        await session.Page.Keyboard.PressAsync("Tab");
        await Expect(session.Page.Locator(":focus")).ToHaveTextAsync("Skip to main content");
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(session.Page.Locator("main")).ToBeFocusedAsync();
    }
}
