using System.Globalization;

namespace ReferralNet.Client;

/// <summary>
/// Builds a service path from a template whose every hole is escaped as one path segment (or one
/// query value): <c>ServicePath.Of($"/api/referrals/{id}/audit")</c>. An id like
/// <c>../../api/operations</c> or <c>x?y#z</c> stays one segment of the endpoint it was meant for.
/// Segments that are only dots are refused: HTTP clients and servers remove <c>.</c> and
/// <c>..</c> segments (escaped or not) before routing, so no escaping keeps them in place.
/// </summary>
public static class ServicePath
{
    /// <summary>The path with every hole of <paramref name="template"/> escaped by <see cref="Segment"/>.</summary>
    /// <exception cref="ArgumentException">a hole is empty, <c>.</c> or <c>..</c>.</exception>
    public static string Of(FormattableString template)
    {
        var holes = template.GetArguments()
            .Select(hole => (object)Segment(Convert.ToString(hole, CultureInfo.InvariantCulture)))
            .ToArray();
        return string.Format(CultureInfo.InvariantCulture, template.Format, holes);
    }

    /// <summary>One id escaped as a path segment (every reserved character percent-encoded).</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    public static string Segment(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Trim('.').Length == 0 && id.Length <= 2)
            throw new ArgumentException($"'{id}' is not an id: an id is not empty and not '.' or '..'; copy the id from the page that lists it", nameof(id));
        return Uri.EscapeDataString(id);
    }
}
