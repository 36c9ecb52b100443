using System.Collections.Concurrent;
using ReferralNet.Contracts.Beds;

namespace ReferralNet.Messaging.Outbox;

/// <summary>Finds a contract type by its full name; every contract lives in the contracts assembly.</summary>
public static class ContractTypes
{
    static readonly ConcurrentDictionary<string, Type> Cache = new();

    /// <summary>The contract type of that full name, or an exception naming it.</summary>
    public static Type Resolve(string fullName) =>
        Cache.GetOrAdd(fullName, name =>
            typeof(BedAvailabilityChanged).Assembly.GetType(name)
            ?? throw new InvalidOperationException($"'{name}' is not a type in the contracts assembly"));
}
