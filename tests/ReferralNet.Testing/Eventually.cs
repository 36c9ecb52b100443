namespace ReferralNet.Testing;

/// <summary>Waits for something asynchronous (a consumer, a relay) to become true, up to a deadline, then says what was last seen.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? DefaultPatience);
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what}: not as expected within {(patience ?? DefaultPatience).TotalSeconds} s; last seen: {value}");
            await Task.Delay(25);
        }
    }

    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null) =>
        ReturnsAsync(condition, holds => holds, what, patience);

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        ReturnsAsync(() => Task.FromResult(condition()), holds => holds, what, patience);
}
