using ReferralNet.Operator.ErrorQueues;

namespace ReferralNet.Operator.Tests.ErrorQueues;

public sealed class Fault_headers
{
    [Fact]
    public void Are_the_names_masstransit_writes()
    {
        Assert.Equal(MassTransit.MessageHeaders.Reason, FaultHeaders.Reason);
        Assert.Equal(MassTransit.MessageHeaders.FaultExceptionType, FaultHeaders.ExceptionType);
        Assert.Equal(MassTransit.MessageHeaders.FaultMessage, FaultHeaders.Message);
        Assert.Equal(MassTransit.MessageHeaders.FaultMessageType, FaultHeaders.MessageType);
        Assert.Equal(MassTransit.MessageHeaders.FaultConsumerType, FaultHeaders.ConsumerType);
        Assert.Equal(MassTransit.MessageHeaders.FaultTimestamp, FaultHeaders.Timestamp);
        Assert.Equal(MassTransit.MessageHeaders.FaultStackTrace, FaultHeaders.StackTrace);
        Assert.Equal(MassTransit.MessageHeaders.FaultInputAddress, FaultHeaders.InputAddress);
        Assert.Equal(MassTransit.MessageHeaders.FaultRetryCount, FaultHeaders.RetryCount);
        Assert.Equal(MassTransit.MessageHeaders.FaultRedeliveryCount, FaultHeaders.RedeliveryCount);
    }
}
