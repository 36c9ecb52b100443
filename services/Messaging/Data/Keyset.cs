using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Messaging.Data;

/// <summary>
/// Keyset paging in the database: the rows after the page request's cursor, in the order of a
/// unique two-part key, at most <see cref="PageRequest.Limit"/> of them (one more is read to know
/// whether another page follows). No OFFSET, nothing sorted or counted in memory.
/// </summary>
public static class Keyset
{
    /// <summary>Keeps the rows created or changed at or after the request's <c>since</c>, if it has one.</summary>
    public static IQueryable<T> Since<T>(this IQueryable<T> query, PageRequest page, Expression<Func<T, DateTimeOffset>> changedAt)
    {
        if (page.Since is not { } since)
            return query;
        var holder = Expression.Property(Expression.Constant(new Holder<DateTimeOffset>(since)), nameof(Holder<DateTimeOffset>.Value));
        return query.Where(Expression.Lambda<Func<T, bool>>(Expression.GreaterThanOrEqual(changedAt.Body, holder), changedAt.Parameters));
    }

    /// <summary>
    /// One page ordered by (<paramref name="first"/>, <paramref name="second"/>) ascending, a unique
    /// key of string, long or DateTimeOffset parts, and the cursor of its last row when more follow.
    /// </summary>
    /// <exception cref="BadHttpRequestException">the cursor does not hold a key of these types (400).</exception>
    public static async Task<(IReadOnlyList<T> Items, string? Next)> PageAsync<T, TFirst, TSecond>(
        this IQueryable<T> query, PageRequest page, Expression<Func<T, TFirst>> first, Expression<Func<T, TSecond>> second, CancellationToken ct)
    {
        var firstOf = first.Compile();
        var secondOf = second.Compile();
        if (page.After is { } after)
        {
            if (after.Count != 2 || !TryParse<TFirst>(after[0], out var afterFirst) || !TryParse<TSecond>(after[1], out var afterSecond))
                throw new BadHttpRequestException("after is not a cursor of this list; use the address in the Link header of the page before, or start again without after");
            var row = first.Parameters[0];
            var secondBody = new Rebind(second.Parameters[0], row).Visit(second.Body);
            // first > a OR (first = a AND second > b)
            var after1 = Greater(first.Body, Boxed(afterFirst));
            var same1 = Expression.Equal(first.Body, Boxed(afterFirst));
            var after2 = Greater(secondBody, Boxed(afterSecond));
            query = query.Where(Expression.Lambda<Func<T, bool>>(Expression.OrElse(after1, Expression.AndAlso(same1, after2)), row));
        }
        var rows = await query.OrderBy(first).ThenBy(second).Take(page.Limit + 1).ToListAsync(ct);
        if (rows.Count <= page.Limit)
            return (rows, null);
        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return (rows, PageRequest.Encode([Text(firstOf(last)), Text(secondOf(last))]));
    }

    static Expression Greater(Expression left, Expression right) =>
        left.Type == typeof(string)
            ? Expression.GreaterThan(Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, left, right), Expression.Constant(0))
            : Expression.GreaterThan(left, right);

    // A member of a constant object, so the value goes to the database as a parameter.
    static MemberExpression Boxed<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Holder<TValue>(value)), nameof(Holder<TValue>.Value));

    static string Text<TValue>(TValue value) => value switch
    {
        DateTimeOffset at => at.UtcTicks.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        string text => text,
        _ => throw new NotSupportedException($"a keyset part must be a string, a long or a DateTimeOffset, not {typeof(TValue).Name}"),
    };

    static bool TryParse<TValue>(string text, out TValue value)
    {
        object? parsed = null;
        if (typeof(TValue) == typeof(string))
            parsed = text;
        else if (typeof(TValue) == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            parsed = number;
        else if (typeof(TValue) == typeof(DateTimeOffset) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                 && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            parsed = new DateTimeOffset(ticks, TimeSpan.Zero);
        value = parsed is TValue typed ? typed : default!;
        return parsed is not null;
    }

    sealed record Holder<TValue>(TValue Value);

    sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
