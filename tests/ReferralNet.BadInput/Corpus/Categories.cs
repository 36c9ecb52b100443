namespace ReferralNet.BadInput.Corpus;

/// <summary>The kinds of badness in the corpus.</summary>
public static class Categories
{
    public const string MalformedJson = "malformed-json";
    public const string DeepNesting = "deep-nesting";
    public const string WrongTypes = "wrong-types";
    public const string MissingOrUnknownFields = "missing-or-unknown-fields";
    public const string HugeBodies = "huge-bodies";
    public const string OddUnicode = "odd-unicode";
    public const string Injection = "injection";
    public const string ApiKeys = "api-keys";
    public const string ForeignIds = "foreign-ids";
    public const string ContentTypes = "content-types";
    public const string WrongMethods = "wrong-methods";
    public const string BadQueries = "bad-queries";
    public const string MalformedProtobuf = "malformed-protobuf";
    public const string OutOfRange = "out-of-range";
    public const string UnknownValues = "unknown-values";
    public const string MalformedMessages = "malformed-messages";

    public static readonly IReadOnlyList<string> All =
    [
        MalformedJson, DeepNesting, WrongTypes, MissingOrUnknownFields, HugeBodies, OddUnicode, Injection,
        ApiKeys, ForeignIds, ContentTypes, WrongMethods, BadQueries, MalformedProtobuf, OutOfRange, UnknownValues,
        MalformedMessages,
    ];
}
