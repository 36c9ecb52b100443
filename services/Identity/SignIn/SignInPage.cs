using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace ReferralNet.Identity.SignIn;

/// <summary>The server-rendered sign-in pages: plain HTML forms with an antiforgery token, no script.</summary>
public static class SignInPage
{
    public static IResult Password(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? message = null, string? email = null) =>
        Render(http, "Sign in", message, $"""
            <form method="post" action="/signin">
              {Hidden(http, antiforgery, returnUrl)}
              <label for="email">E-mail</label>
              <input id="email" name="email" type="email" autocomplete="username" required value="{Encode(email)}">
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required minlength="12">
              <button type="submit">Continue</button>
            </form>
            """);

    public static IResult Code(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? message = null) =>
        Render(http, "Enter your authenticator code", message, $"""
            <form method="post" action="/signin/code">
              {Hidden(http, antiforgery, returnUrl)}
              <label for="code">Six-digit code from your authenticator app</label>
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]+" required>
              <button type="submit">Sign in</button>
            </form>
            <p><a href="/signin/recovery?returnUrl={Uri.EscapeDataString(returnUrl)}">Use a recovery code instead</a></p>
            """);

    public static IResult Recovery(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? message = null) =>
        Render(http, "Enter a recovery code", message, $"""
            <form method="post" action="/signin/recovery">
              {Hidden(http, antiforgery, returnUrl)}
              <label for="recoveryCode">One of your recovery codes (each works once)</label>
              <input id="recoveryCode" name="recoveryCode" autocomplete="off" required>
              <button type="submit">Sign in</button>
            </form>
            """);

    public static IResult Notice(HttpContext http, string title, string message) => Render(http, title, null, $"<p>{Encode(message)}</p>");

    /// <summary>The antiforgery field every form carries.</summary>
    internal static string Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"""<input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken)}">""";
    }

    static string Hidden(HttpContext http, IAntiforgery antiforgery, string returnUrl)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"""
            <input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken)}">
              <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
            """;
    }

    internal static IResult Render(HttpContext http, string title, string? message, string body)
    {
        // Never framed (clickjacking), never cached (a shared computer's back button).
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XFrameOptions = "DENY";
        // form-action also governs the redirects after a post: the last one goes to the portal with its code.
        var portal = new Uri(http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityServiceOptions>>().Value.PortalRedirectUri).GetLeftPart(UriPartial.Authority);
        http.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self' {portal}; frame-ancestors 'none'";
        var alert = message is null ? "" : $"""<p role="alert" class="message">{Encode(message)}</p>""";
        return Results.Content($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{Encode(title)}} — ReferralNet</title>
            <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:4rem auto;padding:0 1rem}label,input,button{display:block;width:100%;margin:.4rem 0}input,button{padding:.5rem;font-size:1rem}.message{color:#a00}</style></head>
            <body><main><h1>{{Encode(title)}}</h1>{{alert}}{{body}}</main></body>
            </html>
            """, "text/html; charset=utf-8");
    }

    internal static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");
}
