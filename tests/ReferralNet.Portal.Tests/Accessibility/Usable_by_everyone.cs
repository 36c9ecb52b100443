using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReferralNet.Portal.Tests.Accessibility;

/// <summary>Labels on every control, keyboard navigation, and phone width, on every main page.</summary>
public sealed class Usable_by_everyone(PortalNetwork network)
{
    // Every main page with the organisation that may open it.
    public static readonly TheoryData<string, string> Pages = new()
    {
        { "caseworker@justice-bridge.example", "/" },
        { "caseworker@justice-bridge.example", "/survivors" },
        { "caseworker@justice-bridge.example", "/capacity" },
        { "caseworker@justice-bridge.example", "/referrals/new" },
        { "caseworker@justice-bridge.example", "/referrals/sent" },
        { "intake@st-mary-clinic.example", "/referrals/received" },
        { "shelter-staff@harbour-house.example", "/beds" },
        { "operator@network-ops.example", "/operations" },
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
    public async Task The_first_focusable_element_is_a_skip_link_that_moves_focus_to_the_main_content()
    {
        await using var session = await network.SignInAsync("caseworker@justice-bridge.example");
        await session.OpenAsync("/referrals/sent");
        await Expect(session.Page.GetByTestId("sent-list")).ToHaveAttributeAsync("data-loaded", "yes");

        var first = await session.Page.EvaluateAsync<string>("() => document.querySelector('a[href], button, input, select, textarea')?.textContent.trim()");
        Assert.Equal("Skip to main content", first);
        await session.Page.Locator("a.skip-link").FocusAsync();
        await Expect(session.Page.Locator("a.skip-link")).ToBeInViewportAsync();
        await session.Page.Keyboard.PressAsync("Enter");

        await Expect(session.Page.Locator("main")).ToBeFocusedAsync();
    }
}
