using System.Net.Sockets;
using ReferralNet.Messaging;

namespace ReferralNet.Portal.Operations;

/// <summary>Whether the broker accepts connections on its AMQP port (what the portal itself connects to).</summary>
public sealed class BrokerProbe(IConfiguration configuration)
{
    public async Task<(bool Up, string Where)> CheckAsync(CancellationToken ct)
    {
        var uri = new Uri(configuration.GetConnectionString(MessagingExtensions.ConnectionStringName) ?? "amqp://127.0.0.1:5672/");
        var port = uri.Port > 0 ? uri.Port : 5672;
        var where = $"{uri.Host}:{port}";
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await client.ConnectAsync(uri.Host, port, timeout.Token);
            return (true, where);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (false, where);
        }
    }
}
