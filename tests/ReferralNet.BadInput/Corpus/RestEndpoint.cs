namespace ReferralNet.BadInput.Corpus;

/// <summary>
/// One REST endpoint as the generator sees it: a path (with placeholders), the organisation that
/// may call it (<see cref="CallerKey"/>, else the service's own one), and its body's fields (none
/// for a GET).
/// </summary>
public sealed record RestEndpoint(string Method, string Path, IReadOnlyList<Field> Body, string? RouteIdExample = null, string? CallerKey = null)
{
    /// <summary>The path with its one route id replaced (for injected route values); null when it has none.</summary>
    public string? WithRouteId(string encodedId) => RouteIdExample is null ? null : Path.Replace(RouteIdExample, encodedId);

    /// <summary>A valid body: every field with its valid value.</summary>
    public string ValidBody(Func<Field, string>? valueOf = null, string? skip = null, string? extra = null)
    {
        var parts = Body.Where(f => f.Name != skip).Select(f => $"\"{f.Name}\":{(valueOf ?? (x => x.ValidJson))(f)}");
        if (extra is not null) parts = parts.Append(extra);
        return "{" + string.Join(",", parts) + "}";
    }

    public bool HasBody => Body.Count > 0;
}
