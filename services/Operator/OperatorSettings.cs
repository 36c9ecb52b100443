namespace ReferralNet.Operator;

/// <summary>
/// The command line of <c>deploy/errors.sh</c>: a command (list, replay, discard), its target
/// (a message id or --all), and where the broker is.
/// </summary>
public sealed record OperatorSettings(
    string Command,
    string? MessageId,
    bool All,
    string? Queue,
    string? Reason,
    Uri Broker,
    Uri Management,
    string DiscardLog)
{
    /// <summary>The broker the AppHost runs (deploy/up.sh), as the operator; deploy/errors.sh adds the password from deploy/.data/broker-accounts/operator.</summary>
    public const string DefaultBroker = "amqp://operator@127.0.0.1:5672/";

    /// <summary>Its management HTTP API.</summary>
    public const string DefaultManagement = "http://127.0.0.1:15672";

    /// <summary>Where discards are logged unless --discard-log or REFERRALNET_DISCARD_LOG says otherwise (relative to the working directory).</summary>
    public const string DefaultDiscardLog = "deploy/.data/operator/discards.log";

    /// <summary>The usage text printed by --help and after a wrong command line.</summary>
    public const string Usage = """
        usage: deploy/errors.sh list [--queue <name>]
               deploy/errors.sh replay <message-id>|--all [--queue <name>]
               deploy/errors.sh discard <message-id>|--all --reason "<why>" [--queue <name>]

          list      every message in every *_error queue: id, type, the queue it failed on, the error's
                    first line, when it failed, retries; never the message body
          replay    moves the message (or all of them) back to the queue it failed on
          discard   removes the message (or all of them); the reason is logged with id, type and queue

        options:
          --queue <name>        only this error queue (e.g. shelter-referrals_error; "_error" may be left off)
          --broker <amqp-uri>   default amqp://operator:<deploy/.data/broker-accounts/operator>@127.0.0.1:5672/
                                (env REFERRALNET_BROKER)
          --management <url>    management API, default http://127.0.0.1:15672 (env REFERRALNET_MANAGEMENT);
                                user and password are taken from the broker URI
          --discard-log <file>  default deploy/.data/operator/discards.log (env REFERRALNET_DISCARD_LOG)
        """;

    /// <summary>Parses the command line; environment variables give the defaults the options override.</summary>
    public static OperatorSettings Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (args.Count == 0)
            throw new OperatorException("say what to do: list, replay or discard\n\n" + Usage);
        var command = args[0];
        if (command is not ("list" or "replay" or "discard"))
            throw new OperatorException($"'{command}' is not a command; use list, replay or discard\n\n" + Usage);

        string? messageId = null, queue = null, reason = null, broker = null, management = null, discardLog = null;
        var all = false;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--all": all = true; break;
                case "--queue": queue = ValueOf(args, ref i); break;
                case "--reason": reason = ValueOf(args, ref i); break;
                case "--broker": broker = ValueOf(args, ref i); break;
                case "--management": management = ValueOf(args, ref i); break;
                case "--discard-log": discardLog = ValueOf(args, ref i); break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal))
                        throw new OperatorException($"'{arg}' is not an option\n\n" + Usage);
                    if (messageId is not null)
                        throw new OperatorException($"give one message id, not '{messageId}' and '{arg}' (or --all)");
                    messageId = arg;
                    break;
            }
        }

        if (command == "list" && (messageId is not null || all || reason is not null))
            throw new OperatorException("list takes no message id, --all or --reason; it lists everything (narrow it with --queue)");
        if (command is "replay" or "discard" && (messageId is null) == !all)
            throw new OperatorException($"{command} needs a message id (see `deploy/errors.sh list`) or --all, not both");
        if (command == "discard" && string.IsNullOrWhiteSpace(reason))
            throw new OperatorException("discard needs --reason \"<why>\": the reason is logged with the message id, type and queue");
        if (command == "replay" && reason is not null)
            throw new OperatorException("replay takes no --reason; only discards are logged with one");
        if (queue is not null && !queue.EndsWith("_error", StringComparison.Ordinal))
            queue += "_error";

        return new OperatorSettings(command, messageId, all, queue, reason?.Trim(),
            UriOf(broker ?? environment("REFERRALNET_BROKER") ?? DefaultBroker, "--broker", "amqp"),
            UriOf(management ?? environment("REFERRALNET_MANAGEMENT") ?? DefaultManagement, "--management", "http"),
            discardLog ?? environment("REFERRALNET_DISCARD_LOG") ?? DefaultDiscardLog);
    }

    /// <summary>The broker URI without its password, for messages.</summary>
    public string BrokerForDisplay => new UriBuilder(Broker) { Password = Broker.UserInfo.Contains(':') ? "***" : "" }.Uri.ToString();

    /// <summary>The virtual host the broker URI names (<c>/</c> when none).</summary>
    public string VirtualHost => Broker.AbsolutePath is "" or "/" ? "/" : Uri.UnescapeDataString(Broker.AbsolutePath[1..]);

    static string ValueOf(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new OperatorException($"{args[i]} needs a value");
        return args[++i];
    }

    static Uri UriOf(string text, string option, string scheme)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !uri.Scheme.StartsWith(scheme, StringComparison.Ordinal))
            throw new OperatorException($"{option} '{text}' is not an {scheme} URI (e.g. {(scheme == "amqp" ? DefaultBroker : DefaultManagement)})");
        return uri;
    }
}
