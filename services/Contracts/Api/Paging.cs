namespace ReferralNet.Contracts.Api;

/// <summary>
/// How every list of the REST API pages. A list answers a JSON array of at most <see cref="MaxLimit"/>
/// items (<see cref="DefaultLimit"/> unless <c>?limit=</c> says otherwise) in a stable order (oldest
/// first by time, then id; or by id where a list has no time); when more follow, the answer carries
/// <c>Link: &lt;path?…&amp;after=cursor&gt;; rel="next"</c>, the address of the next page (the cursor is
/// opaque). <c>?since=</c> (ISO 8601) keeps only items created or changed at or after that time.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <summary>The query parameters.</summary>
    public const string Limit = "limit", After = "after", Since = "since";

    /// <summary>The relation of the next page in the <c>Link</c> header.</summary>
    public const string NextRelation = "next";
}
