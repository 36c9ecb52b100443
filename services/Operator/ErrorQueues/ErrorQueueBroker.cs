using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ReferralNet.Operator.ErrorQueues;

/// <summary>
/// The broker's <c>*_error</c> queues: found through the management API, read and moved over AMQP.
/// Reading takes each message without acknowledging it and hands it back (nack, requeue), so a
/// listing consumes nothing; a replay publishes with confirms before it removes the original.
/// </summary>
public sealed class ErrorQueueBroker : IAsyncDisposable
{
    const string ErrorSuffix = "_error";

    readonly OperatorSettings _settings;
    readonly IConnection _connection;

    ErrorQueueBroker(OperatorSettings settings, IConnection connection)
    {
        _settings = settings;
        _connection = connection;
    }

    /// <summary>Connects to the broker, or says why it cannot.</summary>
    public static async Task<ErrorQueueBroker> ConnectAsync(OperatorSettings settings, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            Uri = settings.Broker,
            ClientProvidedName = "referralnet-operator",
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        };
        try
        {
            return new ErrorQueueBroker(settings, await factory.CreateConnectionAsync(ct));
        }
        catch (BrokerUnreachableException e)
        {
            var why = e.InnerException is AuthenticationFailureException ? "the user or password in the URI was refused" : Innermost(e).Message;
            throw new OperatorException(
                $"cannot reach the broker at {settings.BrokerForDisplay}: {why}. Is the network running (deploy/up.sh)? " +
                "Otherwise pass --broker amqp://user:password@host:port/vhost or set REFERRALNET_BROKER.",
                OperatorException.UnreachableExitCode, e);
        }
    }

    /// <summary>The error queues to work on: the one named, or every <c>*_error</c> queue of the virtual host.</summary>
    public async Task<IReadOnlyList<string>> ErrorQueuesAsync(CancellationToken ct)
    {
        if (_settings.Queue is { } named)
        {
            if (!await ExistsAsync(named, ct))
                throw new OperatorException($"there is no queue '{named}' on {_settings.BrokerForDisplay}; `deploy/errors.sh list` shows the error queues there are");
            return [named];
        }
        return (await QueueNamesAsync(ct)).Where(n => n.EndsWith(ErrorSuffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every message in an error queue, handed back untouched.</summary>
    public async Task<IReadOnlyList<FailedMessage>> PeekAsync(string errorQueue, CancellationToken ct)
    {
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        var count = (await channel.QueueDeclarePassiveAsync(errorQueue, ct)).MessageCount;
        var messages = new List<FailedMessage>();
        ulong lastTag = 0;
        for (var i = 0; i < count; i++)
        {
            var got = await channel.BasicGetAsync(errorQueue, autoAck: false, ct);
            if (got is null)
                break;
            lastTag = got.DeliveryTag;
            messages.Add(Describe(errorQueue, got));
        }
        if (lastTag > 0)
            await channel.BasicNackAsync(lastTag, multiple: true, requeue: true, ct);
        return messages;
    }

    /// <summary>
    /// Takes the chosen messages (one id, or all when <paramref name="messageId"/> is null) out of
    /// the error queue: each is given to <paramref name="handle"/> and removed only once that
    /// returned; the others are handed back. Returns what was taken.
    /// </summary>
    public async Task<IReadOnlyList<FailedMessage>> TakeAsync(string errorQueue, string? messageId, Func<IChannel, BasicGetResult, FailedMessage, Task> handle, CancellationToken ct)
    {
        // Confirms on: a replay's publish returns only once the broker has the copy.
        await using var channel = await _connection.CreateChannelAsync(new CreateChannelOptions(true, true), ct);
        var count = (await channel.QueueDeclarePassiveAsync(errorQueue, ct)).MessageCount;
        var taken = new List<FailedMessage>();
        var handBack = new List<ulong>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var got = await channel.BasicGetAsync(errorQueue, autoAck: false, ct);
                if (got is null)
                    break;
                var message = Describe(errorQueue, got);
                if (messageId is not null && message.MessageId != messageId)
                {
                    handBack.Add(got.DeliveryTag);
                    continue;
                }
                await handle(channel, got, message);
                await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
                taken.Add(message);
                if (messageId is not null)
                    break;
            }
        }
        finally
        {
            foreach (var tag in handBack)
                await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
        }
        return taken;
    }

    /// <summary>Where a service moving a message to its error queue keeps the publisher's broker user (ReferralNet.Messaging's BrokerUser).</summary>
    const string OriginalUserHeader = "ReferralNet-Broker-User";

    /// <summary>Publishes a copy of a failed message to the queue it failed on, without the fault headers, and waits for the broker's confirm.</summary>
    public async Task RepublishAsync(IChannel channel, BasicGetResult got, FailedMessage message, CancellationToken ct)
    {
        if (!await ExistsAsync(message.SourceQueue, ct))
            throw new OperatorException($"message {message.MessageId} failed on queue '{message.SourceQueue}', which no longer exists; start the service that consumes it first, then replay");
        var properties = new BasicProperties(got.BasicProperties);
        if (got.BasicProperties.Headers is { } headers)
        {
            properties.Headers = headers.Where(h => !FaultHeaders.IsFaultHeader(h.Key) && h.Key != OriginalUserHeader).ToDictionary(h => h.Key, h => h.Value);
            // The service that moved it here could not keep the publisher's validated user_id; the
            // operator (tag impersonator) puts it back, so the service checks the original sender.
            if (headers.TryGetValue(OriginalUserHeader, out var user) && user is byte[] or string)
                properties.UserId = user is byte[] bytes ? Encoding.UTF8.GetString(bytes) : (string)user;
        }
        try
        {
            await channel.BasicPublishAsync("", message.SourceQueue, mandatory: true, properties, got.Body, ct);
        }
        catch (PublishException e)
        {
            throw new OperatorException($"the broker did not take message {message.MessageId} back on '{message.SourceQueue}' ({(e.IsReturn ? "returned" : "not confirmed")}); it stays in {message.ErrorQueue}", inner: e);
        }
    }

    async Task<bool> ExistsAsync(string queue, CancellationToken ct)
    {
        // A passive declare of a missing queue closes its channel: use one of its own.
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, ct);
            return true;
        }
        catch (OperationInterruptedException)
        {
            return false;
        }
    }

    async Task<IReadOnlyList<string>> QueueNamesAsync(CancellationToken ct)
    {
        var management = _settings.Management;
        var userInfo = _settings.Broker.UserInfo.Split(':', 2);
        if (userInfo is not [{ Length: > 0 } u, { Length: > 0 } p])
            throw new OperatorException("the broker URI has no user and password; give the operator's: --broker amqp://operator:<password>@host:port/ (deploy/errors.sh reads it from deploy/.data/broker-accounts/operator)");
        var user = Uri.UnescapeDataString(u);
        var password = Uri.UnescapeDataString(p);
        using var http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        var path = $"api/queues/{Uri.EscapeDataString(_settings.VirtualHost)}?columns=name";
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, ct);
        }
        catch (HttpRequestException e)
        {
            throw new OperatorException(
                $"cannot reach the RabbitMQ management API at {management} ({Innermost(e).Message}), which lists the error queues. " +
                "Pass --management <url> (or REFERRALNET_MANAGEMENT), or name the queue with --queue <name>, which needs AMQP only.",
                OperatorException.UnreachableExitCode, e);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
                throw new OperatorException($"the management API at {management} refused user '{user}'; put a management user's name and password in --broker");
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new OperatorException($"the broker has no virtual host '{_settings.VirtualHost}'; check the path of --broker");
            if (!response.IsSuccessStatusCode)
                throw new OperatorException($"the management API at {management} answered {(int)response.StatusCode} {response.ReasonPhrase} for {path}");
            var queues = await response.Content.ReadFromJsonAsync<List<QueueName>>(ct) ?? [];
            return queues.Select(q => q.Name).ToList();
        }
    }

    static FailedMessage Describe(string errorQueue, BasicGetResult got)
    {
        var properties = got.BasicProperties;
        var headers = properties.Headers ?? new Dictionary<string, object?>();
        var messageId = properties.MessageId is { Length: > 0 } id ? id : Text(headers, "MessageId") ?? "(none)";
        var type = ShortType(Text(headers, FaultHeaders.MessageType)) ?? ShortType(properties.Type) ?? TypeFromEnvelope(properties.ContentType, got.Body) ?? "(unknown)";
        var source = QueueOf(Text(headers, FaultHeaders.InputAddress)) ?? errorQueue[..^ErrorSuffix.Length];
        var failedAt = DateTimeOffset.TryParse(Text(headers, FaultHeaders.Timestamp), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        return new FailedMessage(messageId, type, errorQueue, source,
            ErrorText.Of(Text(headers, FaultHeaders.ExceptionType), Text(headers, FaultHeaders.Message)),
            failedAt, Number(headers, FaultHeaders.RetryCount), Number(headers, FaultHeaders.RedeliveryCount));
    }

    static string? Text(IDictionary<string, object?> headers, string name) => headers.TryGetValue(name, out var value) ? value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("o"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    } : null;

    static int Number(IDictionary<string, object?> headers, string name) =>
        int.TryParse(Text(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    // rabbitmq://host:port/vhost/queue-name?bind=true → queue-name
    static string? QueueOf(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Segments.Length > 1 ? Uri.UnescapeDataString(uri.Segments[^1].TrimEnd('/')) : null;

    // urn:message:ReferralNet.Contracts.Referrals:ReferralRequested → ReferralRequested
    static string? ShortType(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
            return null;
        var first = type.Split(';', 2)[0].Trim();
        return first[(Math.Max(first.LastIndexOf(':'), first.LastIndexOf('.')) + 1)..];
    }

    // Only the envelope's messageType is read; nothing else of the body is looked at or kept.
    static string? TypeFromEnvelope(string? contentType, ReadOnlyMemory<byte> body)
    {
        if (contentType is null || !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var reader = new Utf8JsonReader(body.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("messageType");
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.String)
                    return ShortType(reader.GetString());
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _connection.CloseAsync(); }
        catch (Exception) { } // already gone: nothing to hand back
        _connection.Dispose();
    }

    sealed record QueueName(string Name);
}
