namespace ReferralNet.Identity.SignIn;

/// <summary>Where a finished sign-in may go: back to this service's authorization endpoint only, never elsewhere.</summary>
public static class ReturnUrls
{
    public const string Authorize = "/connect/authorize";
    public const string SignedIn = "/signed-in";

    public const string Staff = "/staff";

    public static string Safe(string? returnUrl) =>
        returnUrl is { Length: > 0 }
        && (returnUrl.StartsWith(Authorize + "?", StringComparison.Ordinal) || returnUrl == Staff)
        && !returnUrl.Contains('\\') && !returnUrl.Contains("//", StringComparison.Ordinal)
            ? returnUrl
            : SignedIn;
}
