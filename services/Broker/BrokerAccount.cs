namespace ReferralNet.Broker;

/// <summary>
/// One broker user and what it may do in each virtual host: RabbitMQ's three permission patterns
/// (regular expressions matched against queue and exchange names alike) and its user tags.
/// </summary>
/// <param name="Name">The user name; for a service, its short name (shelter, legalaid, …).</param>
/// <param name="Configure">Queues and exchanges it may declare and delete.</param>
/// <param name="Write">Exchanges it may publish to, and queues it may bind (as destination).</param>
/// <param name="Read">Queues it may consume from, and exchanges it may bind from (as source).</param>
/// <param name="Tags">RabbitMQ user tags; empty for a service (no management UI, no impersonation).</param>
public sealed record BrokerAccount(string Name, string Configure, string Write, string Read, IReadOnlyList<string> Tags);
