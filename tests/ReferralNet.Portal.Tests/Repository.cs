using ReferralNet.Testing;

namespace ReferralNet.Portal.Tests;

/// <summary>The checkout the tests run from, and where their screenshots go.</summary>
public static class Repository
{
    /// <summary>The checkout holding this assembly.</summary>
    public static Checkout Checkout { get; } = Checkout.Find();

    public static string Root => Checkout.Root;

    /// <summary>Every main page's screenshot goes here (named in README, "The portal").</summary>
    public static string ScreenshotFolder => Path.Combine(Root, "artifacts", "screenshots");

    /// <summary>
    /// The configuration this assembly was built in, and so the services and the portal: building
    /// this project builds them, as project references.
    /// </summary>
    public static string Configuration { get; } = Checkout.ConfigurationOf(typeof(Repository).Assembly);
}
