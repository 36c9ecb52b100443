using System.Text;
using RabbitMQ.Client;
using ReferralNet.LegalAid.Data;
using ReferralNet.Testing;

namespace ReferralNet.Capacity.Tests.LegalAid;

public sealed class Malformed_referral_messages(RunningService<LegalAidDbContext> service) : IClassFixture<RunningService<LegalAidDbContext>>
{
    const string Queue = "legalaid-referrals";

    // Before the inbox checked a message's shape, these were consumed as if real and silently did nothing.
    [Theory]
    [InlineData("ReferralReceived")]
    [InlineData("PersonalDataPurged")]
    public async Task End_in_the_error_queue_when_a_required_field_is_missing(string messageType)
    {
        var messageId = Guid.NewGuid().ToString();
        var body = $$$"""{"messageId":"{{{messageId}}}","messageType":["urn:message:ReferralNet.Contracts.Referrals:{{{messageType}}}"],"message":{}}""";
        var factory = new ConnectionFactory { Uri = new Uri(service.BrokerConnectionString) };
        await using (var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = messageId, Persistent = true };
            await channel.BasicPublishAsync("", Queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body), TestContext.Current.CancellationToken);
        }

        await Eventually.HoldsAsync(() => InErrorQueueAsync(messageId), $"{messageType} without fields in {Queue}_error");
    }

    async Task<bool> InErrorQueueAsync(string messageId)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(service.BrokerConnectionString) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            // Read without acknowledging: closing the channel puts every message back.
            while (await channel.BasicGetAsync(Queue + "_error", autoAck: false) is { } message)
                if (message.BasicProperties.MessageId == messageId)
                    return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // Not declared until the first failure.
        }
        return false;
    }
}
