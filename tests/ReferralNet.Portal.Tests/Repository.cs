using ReferralNet.Testing;

namespace ReferralNet.Portal.Tests;

/// <summary>The checkout the tests run from, and where their screenshots go.</summary>
public static class Repository
{
    static readonly Checkout Checkout = Checkout.Find();

    public static string Root => Checkout.Root;

    /// <summary>Every main page's screenshot goes here (named in README, "The portal").</summary>
    public static string ScreenshotFolder => Path.Combine(Root, "artifacts", "screenshots");

    /// <summary>
    /// A service (or the portal) built in the same configuration as this assembly: building this
    /// project builds them, as project references.
    /// </summary>
    public static string Dll(string service) => Checkout.ServiceDll(service, Checkout.ConfigurationOf(typeof(Repository).Assembly));
}
