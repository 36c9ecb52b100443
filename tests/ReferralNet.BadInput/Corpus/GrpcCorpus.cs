using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace ReferralNet.BadInput.Corpus;

/// <summary>
/// The gRPC part of the corpus: malformed protobuf and framing sent as raw HTTP/2 calls, huge,
/// odd and injected strings in every field, out-of-range numbers, unknown codes, other
/// organisations' ids, bad keys and content types.
/// </summary>
public sealed class GrpcCorpus(ServiceCatalog service, Random random)
{
    readonly List<CorpusEntry> _entries = [];

    public IReadOnlyList<CorpusEntry> Generate()
    {
        foreach (var method in GrpcMethod.All.Where(m => m.Service == service.Name))
        {
            Malformed(method);
            Strings(method);
            Numbers(method);
            Keys(method);
            ContentTypes(method);
        }
        if (service.Name == "shelter")
        {
            var release = GrpcMethod.At("/referralnet.shelter.v1.BedLookup/ReleaseHold");
            Add(release, Categories.ForeignIds, "releasing another organisation's hold", body: $$"""{"holdId":"{{Placeholders.ForeignHold}}"}""");
            Add(release, Categories.ForeignIds, "releasing a hold that does not exist", body: """{"holdId":"00000000-0000-0000-0000-000000000000"}""");
            var hold = GrpcMethod.At("/referralnet.shelter.v1.BedLookup/HoldBed");
            Add(hold, Categories.ForeignIds, "holding as an operator", body: """{"shelterId":"harbour-house-main","bedType":"women","referralId":"rf-x"}""",
                headers: new() { ["x-api-key"] = ServiceCatalog.OperatorKey });
            // The calling organisation (harbour-house) is a partner at riverside-refuge: it holds there only for a bed referral it sent there.
            Add(hold, Categories.ForeignIds, "holding at another organisation's shelter without a referral id", body: """{"shelterId":"riverside-refuge","bedType":"women"}""");
            Add(hold, Categories.ForeignIds, "holding for a referral never sent", body: """{"shelterId":"riverside-refuge","bedType":"women","referralId":"rf-0123456789abcdef"}""");
            Add(hold, Categories.ForeignIds, "holding for another organisation's referral", body: $$"""{"shelterId":"riverside-refuge","bedType":"women","referralId":"{{Placeholders.ForeignReferral}}"}""");
            Add(hold, Categories.ForeignIds, "holding for its own referral to someone else", body: $$"""{"shelterId":"riverside-refuge","bedType":"women","referralId":"{{Placeholders.OwnReferral}}"}""");
            Add(GrpcMethod.At("/referralnet.shelter.v1.BedLookup/GetShelter"), Categories.ForeignIds, "an unknown shelter", body: """{"shelterId":"no-such-shelter"}""");
        }
        return _entries;
    }

    void Add(GrpcMethod method, string category, string note, string expect = "4xx", string? body = null, byte[]? framed = null,
        HugeBody? huge = null, Dictionary<string, string>? headers = null, string contentType = "application/grpc")
    {
        var allHeaders = headers ?? new Dictionary<string, string> { ["x-api-key"] = service.OwnKey };
        allHeaders["Content-Type"] = contentType;
        _entries.Add(new CorpusEntry
        {
            Id = 0, Service = service.Name, Protocol = "grpc", Method = "POST", Path = method.Path, Headers = allHeaders,
            Body = body, BodyBase64 = framed is null ? null : Convert.ToBase64String(framed), Huge = huge,
            Category = category, Note = note, Expect = expect,
        });
    }

    /// <summary>A gRPC frame: compressed flag, big-endian length, message.</summary>
    public static byte[] Frame(byte[] message, bool compressed = false, int? declaredLength = null)
    {
        var length = declaredLength ?? message.Length;
        return [(byte)(compressed ? 1 : 0), (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, .. message];
    }

    static byte[] Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
        return [.. bytes];
    }

    static byte[] LengthDelimited(int field, byte[] payload) => [.. Tag(field, 2), .. Varint((ulong)payload.Length), .. payload];

    // Protobuf's own rules make these readable: unknown fields (a known number with another wire
    // type counts as unknown) are kept aside, and the last of a repeated scalar field wins.
    static readonly string[] Tolerated = ["an unknown field", "the same string field", "a string field sent as"];

    void Malformed(GrpcMethod method)
    {
        var valid = JsonParser.Default.Parse(method.ValidJson, method.Request).ToByteArray();
        (string note, byte[] message)[] messages =
        [
            ("a truncated varint tag", [0x8A]),
            ("a tag with the invalid wire type 7", [.. Tag(1, 7), 0x01]),
            ("a tag with the invalid wire type 6", [.. Tag(1, 6), 0x01]),
            ("field number 0", [0x02, 0x01, 0x41]),
            ("a string longer than the message", [.. Tag(1, 2), 0x7F, 0x41]),
            ("a length of 2^32", [.. Tag(1, 2), .. Varint(0xFFFFFFFF), 0x41]),
            ("a negative length", [.. Tag(1, 2), .. Varint(ulong.MaxValue), 0x41]),
            ("an 11-byte varint", [.. Tag(4, 0), 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
            ("a group start without end", [.. Tag(1, 3)]),
            ("a group end without start", [.. Tag(1, 4)]),
            ("a string field sent as a varint", [.. Tag(1, 0), 0x05]),
            ("a string field sent as fixed64", [.. Tag(1, 1), 1, 2, 3, 4, 5, 6, 7, 8]),
            ("a truncated fixed32", [.. Tag(2, 5), 1, 2]),
            ("valid message cut in half", valid[..(valid.Length / 2)]),
            ("valid message then garbage", [.. valid, 0xFF, 0xFF, 0xFF]),
            ("a field number above the maximum", [.. Varint(((ulong)536870912 << 3) | 2), 0x00]),
            ("an unknown field 99 with 1 KB", LengthDelimited(99, new byte[1024])),
            ("the same string field 1,000 times", [.. Enumerable.Range(0, 1000).SelectMany(_ => LengthDelimited(1, "abc"u8.ToArray()))]),
        ];
        foreach (var (note, message) in messages)
            Add(method, Categories.MalformedProtobuf, note, Tolerated.Any(note.StartsWith) ? "any" : "4xx", framed: Frame(message));
        for (var i = 0; i < 12; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            Add(method, Categories.MalformedProtobuf, $"{bytes.Length} random bytes", "any", framed: Frame(bytes));
        }
        // Framing: the length prefix and the compressed flag lie, or there is no frame at all.
        Add(method, Categories.MalformedProtobuf, "no message at all", framed: []);
        Add(method, Categories.MalformedProtobuf, "3 bytes of frame header", framed: [0, 0, 0]);
        Add(method, Categories.MalformedProtobuf, "length prefix longer than the body", framed: Frame(valid, declaredLength: valid.Length + 100));
        Add(method, Categories.MalformedProtobuf, "length prefix of 2 GB", framed: Frame(valid, declaredLength: int.MaxValue));
        Add(method, Categories.MalformedProtobuf, "compressed flag without grpc-encoding", framed: Frame(valid, compressed: true));
        Add(method, Categories.MalformedProtobuf, "compressed flag 0xFF", framed: [0xFF, .. Frame(valid)[1..]]);
        Add(method, Categories.MalformedProtobuf, "two messages in a unary call", framed: [.. Frame(valid), .. Frame(valid)]);
        Add(method, Categories.MalformedProtobuf, "a frame then stray bytes", framed: [.. Frame(valid), 0x01, 0x02]);
        Add(method, Categories.MalformedProtobuf, "a JSON body instead of protobuf", framed: Encoding.UTF8.GetBytes(method.ValidJson));
        Add(method, Categories.MalformedProtobuf, "an unknown grpc-encoding", framed: Frame(valid, compressed: true),
            headers: new() { ["x-api-key"] = service.OwnKey, ["grpc-encoding"] = "nonsense" });
        Add(method, Categories.MalformedProtobuf, "gzip declared, not gzip", framed: Frame(valid, compressed: true),
            headers: new() { ["x-api-key"] = service.OwnKey, ["grpc-encoding"] = "gzip" });
    }

    void Strings(GrpcMethod method)
    {
        foreach (var field in method.Request.Fields.InFieldNumberOrder().Where(f => f.FieldType == FieldType.String))
        {
            var isCode = method.CodeFields.Contains(field.Name);
            string With(string value) => WithField(method, field, JsonSerializer.Serialize(value));
            foreach (var injection in BadValues.Injections)
                Add(method, Categories.Injection, $"{field.Name}: {injection[..Math.Min(40, injection.Length)]}", isCode ? "4xx" : "any", body: With(injection));
            foreach (var odd in BadValues.OddUnicodeJson.Where(o => !o.Contains("\\ud8", StringComparison.Ordinal) && !o.Contains("\\udc", StringComparison.Ordinal) && !o.Contains("\\udf", StringComparison.Ordinal)))
                Add(method, Categories.OddUnicode, $"{field.Name}: {odd}", isCode ? "4xx" : "any", body: WithField(method, field, $"\"{odd}\""));
            foreach (var bytes in BadValues.InvalidUtf8)
                Add(method, Categories.OddUnicode, $"{field.Name}: invalid UTF-8 {Convert.ToHexString(bytes)}", isCode ? "4xx" : "any",
                    framed: Frame(LengthDelimited(field.FieldNumber, [0x61, .. bytes, 0x62])));
            foreach (var unknown in new[] { "WOMEN", "women ", "bed:women", "legal:", "x", "all", "*", "%", "null", "undefined", "0", "-1" })
                Add(method, Categories.UnknownValues, $"{field.Name}: {unknown}", isCode ? "4xx" : "any", body: With(unknown));
            Add(method, Categories.HugeBodies, $"{field.Name}: 1 MB string", isCode ? "4xx" : "any", huge: new HugeBody(Opened(method, field), "a", 1024 * 1024, "\"}"));
            Add(method, Categories.HugeBodies, $"{field.Name}: 5 MB string (above the 4 MB message limit)", huge: new HugeBody(Opened(method, field), "a", 5 * 1024 * 1024, "\"}"));
            Add(method, Categories.HugeBodies, $"{field.Name}: 64 KB string", isCode ? "4xx" : "any", body: With(new string('z', 64 * 1024)));
        }
    }

    void Numbers(GrpcMethod method)
    {
        foreach (var field in method.Request.Fields.InFieldNumberOrder().Where(f => f.FieldType is FieldType.Int32 or FieldType.Bool))
        {
            var values = field.FieldType == FieldType.Int32
                ? new[] { -1L, int.MinValue, int.MaxValue, 100_000, 1441, long.MaxValue, -(1L << 40) }
                : [2, 255, long.MaxValue, -1];
            foreach (var value in values)
                Add(method, Categories.OutOfRange, $"{field.Name}: {value}", "any",
                    framed: Frame([.. JsonParser.Default.Parse(method.ValidJson, method.Request).ToByteArray(), .. Tag(field.FieldNumber, 0), .. Varint((ulong)value)]));
        }
    }

    void Keys(GrpcMethod method)
    {
        (string note, Dictionary<string, string> headers)[] cases =
        [
            ("no key", []), ("empty key", new() { ["x-api-key"] = "" }), ("unknown key", new() { ["x-api-key"] = "dev-nobody-000000" }),
            ("8 KB key", new() { ["x-api-key"] = new string('k', 8000) }), ("injection as key", new() { ["x-api-key"] = "' OR 1=1 --" }),
        ];
        foreach (var (note, headers) in cases)
            Add(method, Categories.ApiKeys, note, body: method.ValidJson, headers: headers);
        Add(method, Categories.ApiKeys, "operator", "any", body: method.ValidJson, headers: new() { ["x-api-key"] = ServiceCatalog.OperatorKey });
        Add(method, Categories.ApiKeys, "another service's organisation", "any", body: method.ValidJson, headers: new() { ["x-api-key"] = service.OtherServiceKey });
    }

    void ContentTypes(GrpcMethod method)
    {
        foreach (var type in new[] { "application/json", "text/plain", "application/grpc-web", "application/octet-stream", "application/grpcx" })
            Add(method, Categories.ContentTypes, $"Content-Type: {type}", body: method.ValidJson, contentType: type);
    }

    static string WithField(GrpcMethod method, FieldDescriptor field, string jsonValue)
    {
        var valid = JsonDocument.Parse(method.ValidJson).RootElement.EnumerateObject()
            .Where(p => p.Name != field.JsonName)
            .Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}");
        return "{" + string.Join(",", valid.Append($"\"{field.JsonName}\":{jsonValue}")) + "}";
    }

    static string Opened(GrpcMethod method, FieldDescriptor field)
    {
        var json = WithField(method, field, "\"");
        return json[..^1];
    }
}
