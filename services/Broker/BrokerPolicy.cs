namespace ReferralNet.Broker;

/// <summary>A RabbitMQ policy set on every virtual host the network uses (<c>rabbitmqctl set_policy</c>).</summary>
/// <param name="Name">The policy's name.</param>
/// <param name="Pattern">The regular expression of the queue names it applies to.</param>
/// <param name="ApplyTo">queues, exchanges or all.</param>
/// <param name="Priority">Of the policies matching a queue, only the one with the highest priority applies.</param>
/// <param name="Definition">The policy's keys and values (<c>max-length</c>, <c>message-ttl</c>, …).</param>
public sealed record BrokerPolicy(string Name, string Pattern, string ApplyTo, int Priority, IReadOnlyDictionary<string, long> Definition);
