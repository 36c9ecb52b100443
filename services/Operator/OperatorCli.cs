using ReferralNet.Operator.ErrorQueues;

namespace ReferralNet.Operator;

/// <summary>Runs one command of <c>deploy/errors.sh</c>; returns the process exit code.</summary>
public static class OperatorCli
{
    /// <summary>Parses <paramref name="args"/>, runs the command, and writes what happened.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken ct = default)
    {
        if (args is ["--help"] or ["-h"] or ["help"])
        {
            await output.WriteLineAsync(OperatorSettings.Usage);
            return 0;
        }
        try
        {
            var settings = OperatorSettings.Parse(args, environment);
            await using var broker = await ErrorQueueBroker.ConnectAsync(settings, ct);
            var queues = await broker.ErrorQueuesAsync(ct);
            if (queues.Count == 0)
            {
                await output.WriteLineAsync($"no error queues on {settings.BrokerForDisplay} (virtual host {settings.VirtualHost}): no message has failed there");
                return 0;
            }
            return settings.Command switch
            {
                "list" => await ListAsync(broker, queues, output, ct),
                "replay" => await ReplayAsync(broker, settings, queues, output, ct),
                _ => await DiscardAsync(broker, settings, queues, output, ct),
            };
        }
        catch (OperatorException e)
        {
            await error.WriteLineAsync("errors: " + e.Message);
            return e.ExitCode;
        }
    }

    static async Task<int> ListAsync(ErrorQueueBroker broker, IReadOnlyList<string> queues, TextWriter output, CancellationToken ct)
    {
        var total = 0;
        foreach (var queue in queues)
        {
            var messages = await broker.PeekAsync(queue, ct);
            total += messages.Count;
            if (messages.Count == 0)
                continue;
            await output.WriteLineAsync($"{queue}: {messages.Count} message(s)");
            await output.WriteLineAsync($"  {"MESSAGE ID",-36}  {"TYPE",-24}  {"FAILED ON",-34}  {"FAILED AT (UTC)",-19}  RETRIES  ERROR");
            foreach (var m in messages)
                await output.WriteLineAsync($"  {m.MessageId,-36}  {m.MessageType,-24}  {m.SourceQueue,-34}  {m.FailedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") ?? "?",-19}  {m.Retries,7}  {m.Error}");
        }
        await output.WriteLineAsync(total == 0
            ? $"the {queues.Count} error queue(s) are empty: no failed messages"
            : $"{total} failed message(s) in {queues.Count} error queue(s); bodies are never shown");
        return 0;
    }

    static async Task<int> ReplayAsync(ErrorQueueBroker broker, OperatorSettings settings, IReadOnlyList<string> queues, TextWriter output, CancellationToken ct)
    {
        var replayed = 0;
        foreach (var queue in queues)
        {
            var taken = await broker.TakeAsync(queue, settings.MessageId,
                (channel, got, message) => broker.RepublishAsync(channel, got, message, ct), ct);
            foreach (var m in taken)
                await output.WriteLineAsync($"replayed message {m.MessageId} type {m.MessageType} from {m.ErrorQueue} to {m.SourceQueue}");
            replayed += taken.Count;
            if (settings.MessageId is not null && replayed > 0)
                break;
        }
        return await SummariseAsync(settings, replayed, "replayed", queues, output);
    }

    static async Task<int> DiscardAsync(ErrorQueueBroker broker, OperatorSettings settings, IReadOnlyList<string> queues, TextWriter output, CancellationToken ct)
    {
        var log = new DiscardLog(settings.DiscardLog, output);
        var discarded = 0;
        foreach (var queue in queues)
        {
            // Logged before the message is removed: a crash in between leaves a log line too many, never a silent loss.
            var taken = await broker.TakeAsync(queue, settings.MessageId,
                (_, _, message) => log.WriteAsync(message, settings.Reason!, DateTimeOffset.UtcNow), ct);
            discarded += taken.Count;
            if (settings.MessageId is not null && discarded > 0)
                break;
        }
        if (discarded > 0)
            await output.WriteLineAsync($"logged to {log.Path}");
        return await SummariseAsync(settings, discarded, "discarded", queues, output);
    }

    static async Task<int> SummariseAsync(OperatorSettings settings, int count, string verb, IReadOnlyList<string> queues, TextWriter output)
    {
        if (settings.MessageId is not null && count == 0)
            throw new OperatorException(
                $"no message '{settings.MessageId}' in {(queues.Count == 1 ? queues[0] : $"the {queues.Count} error queues")}; `deploy/errors.sh list` shows the ids there are");
        await output.WriteLineAsync(count == 0 ? $"nothing {verb}: the error queue(s) are empty" : $"{count} message(s) {verb}");
        return 0;
    }
}
