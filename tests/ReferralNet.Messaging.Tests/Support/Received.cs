using System.Collections.Concurrent;
using System.Diagnostics;
using ReferralNet.Contracts.Beds;

namespace ReferralNet.Messaging.Tests.Support;

/// <summary>What consumers in a test host saw, with the trace each was consumed in.</summary>
public sealed class Received
{
    readonly ConcurrentQueue<(Guid MessageId, BedAvailabilityChanged Message, ActivityTraceId TraceId)> _items = new();

    public void Add(Guid messageId, BedAvailabilityChanged message) =>
        _items.Enqueue((messageId, message, Activity.Current?.TraceId ?? default));

    public IReadOnlyList<(Guid MessageId, BedAvailabilityChanged Message, ActivityTraceId TraceId)> All => _items.ToList();

    public async Task WaitForAsync(Func<IReadOnlyList<(Guid MessageId, BedAvailabilityChanged Message, ActivityTraceId TraceId)>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(All))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the consumers did not see what the test waited for within {timeout.TotalSeconds} s (saw {All.Count} message(s))");
            await Task.Delay(25);
        }
    }
}
