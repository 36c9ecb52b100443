using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using ReferralNet.Contracts.Api;

namespace ReferralNet.ServiceDefaults.Http;

/// <summary>
/// A list request's <c>limit</c>, <c>after</c> (the key of the last item of the page before, from
/// its opaque cursor) and <c>since</c>, read and checked once for every list endpoint
/// (<see cref="Paging"/>). <see cref="Answer{T}"/> writes the page and its <c>Link</c> to the next.
/// </summary>
public sealed record PageRequest(int Limit, IReadOnlyList<string>? After, DateTimeOffset? Since)
{
    /// <summary>The first page of the default size: for callers inside a service.</summary>
    public static PageRequest First { get; } = new(Paging.DefaultLimit, null, null);

    /// <summary>Reads the paging parameters; a problem (400) says what was wrong with them.</summary>
    public static (PageRequest? Page, IResult? Problem) Read(HttpRequest request)
    {
        var query = request.Query;
        var limit = Paging.DefaultLimit;
        if (query[Paging.Limit].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > Paging.MaxLimit))
            return (null, Problems.BadRequest($"limit must be a whole number from 1 to {Paging.MaxLimit} (a page holds at most {Paging.MaxLimit} items); follow the Link header's next page for more"));
        DateTimeOffset? since = null;
        if (query[Paging.Since].ToString() is { Length: > 0 } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                return (null, Problems.BadRequest($"since must be a time in ISO 8601, e.g. 2026-12-01T00:00:00Z; '{sinceText}' is not one"));
            since = at.ToUniversalTime();
        }
        IReadOnlyList<string>? after = null;
        if (query[Paging.After].ToString() is { Length: > 0 } cursor && (after = Decode(cursor)) is null)
            return (null, Problems.BadRequest("after is not a cursor this list gave out; use the address in the Link header of the page before, or start again without after"));
        return (new PageRequest(limit, after, since), null);
    }

    /// <summary>The opaque cursor for a key (its parts as text).</summary>
    public static string Encode(IReadOnlyList<string> key) => WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(key));

    static string[]? Decode(string cursor)
    {
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(WebEncoders.Base64UrlDecode(cursor));
            return parts is { Length: > 0 and <= 4 } && parts.All(p => p is not null) ? parts : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// 200 with the page's items; when <paramref name="next"/> is a cursor, a <c>Link</c> header
    /// gives the same request's address with <c>after</c> set to it.
    /// </summary>
    public IResult Answer<T>(HttpContext http, IEnumerable<T> items, string? next)
    {
        if (next is not null)
        {
            var query = http.Request.Query
                .Where(q => q.Key is not Paging.After)
                .SelectMany(q => q.Value.Select(v => (q.Key, Value: v ?? "")))
                .Append((Paging.After, next));
            var address = new StringBuilder(http.Request.PathBase + http.Request.Path);
            var first = true;
            foreach (var (key, value) in query)
            {
                address.Append(first ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
                first = false;
            }
            http.Response.Headers.Append("Link", $"<{address}>; rel=\"{Paging.NextRelation}\"");
        }
        return Results.Ok(items);
    }
}
