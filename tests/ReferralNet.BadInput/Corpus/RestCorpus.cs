using System.Text;

namespace ReferralNet.BadInput.Corpus;

/// <summary>The REST part of the corpus: every endpoint of every service, every category.</summary>
public sealed class RestCorpus(ServiceCatalog service, Random random)
{
    const string Json = "application/json";
    readonly List<CorpusEntry> _entries = [];

    static readonly string[] MalformedJson =
    [
        "", " ", "{", "}", "[", "{\"a\":", "{\"a\":1", "{\"a\":1,}", "{,}", "{'a':1}", "{a:1}", "{\"a\" 1}", "{\"a\":01}", "{\"a\":.5}",
        "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":undefined}", "{\"a\":tru}", "{\"a\":\"unterminated}", "{\"a\":\"\\x41\"}",
        "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}", "{/*comment*/}", "// comment\n{}", "{\"a\":1}}", "{\"a\":1}{\"b\":2}", "[1,2,]", "\"just a string\"",
        "42", "true", "null", "{\"a\":[1,2}", "{\"a\":{\"b\":1]}", "\u00ef\u00bb\u00bf{}", "<xml/>", "a=1&b=2", "{\"\":}", "{\"a\":1 \"b\":2}", "\0\0\0\0",
    ];

    public IReadOnlyList<CorpusEntry> Generate()
    {
        foreach (var endpoint in service.Endpoints)
        {
            ApiKeys(endpoint);
            WrongMethods(endpoint);
            RouteIds(endpoint);
            if (!endpoint.HasBody)
                continue;
            Malformed(endpoint);
            DeepNesting(endpoint);
            WrongTypes(endpoint);
            MissingOrUnknown(endpoint);
            Huge(endpoint);
            OddUnicode(endpoint);
            Injection(endpoint);
            Limits(endpoint);
            ContentTypes(endpoint);
        }
        ForeignIds();
        Queries();
        return _entries;
    }

    void Add(RestEndpoint endpoint, string category, string note, string expect = "4xx", string? body = null, byte[]? bytes = null,
        HugeBody? huge = null, string? path = null, string? method = null, Dictionary<string, string>? headers = null, string? contentType = Json)
    {
        var allHeaders = headers ?? new Dictionary<string, string> { ["X-Api-Key"] = endpoint.CallerKey ?? service.OwnKey };
        if ((body is not null || bytes is not null || huge is not null) && contentType is not null)
            allHeaders["Content-Type"] = contentType;
        _entries.Add(new CorpusEntry
        {
            Id = 0, Service = service.Name, Protocol = "rest", Method = method ?? endpoint.Method, Path = path ?? endpoint.Path,
            Headers = allHeaders, Body = body, BodyBase64 = bytes is null ? null : Convert.ToBase64String(bytes), Huge = huge,
            Category = category, Note = note, Expect = expect,
        });
    }

    string? ValidBodyFor(RestEndpoint endpoint) => endpoint.HasBody ? endpoint.ValidBody() : null;

    void ApiKeys(RestEndpoint endpoint)
    {
        var body = ValidBodyFor(endpoint);
        (string note, Dictionary<string, string> headers, string expect)[] cases =
        [
            ("no key", [], "4xx"),
            ("empty key", new() { ["X-Api-Key"] = "" }, "4xx"),
            ("unknown key", new() { ["X-Api-Key"] = "dev-nobody-000000" }, "4xx"),
            ("key with padding", new() { ["X-Api-Key"] = " " + service.OwnKey + " " }, "any"),
            ("key in upper case", new() { ["X-Api-Key"] = service.OwnKey.ToUpperInvariant() }, "4xx"),
            ("8 KB key", new() { ["X-Api-Key"] = new string('k', 8000) }, "4xx"),
            ("injection as key", new() { ["X-Api-Key"] = "' OR '1'='1" }, "4xx"),
            ("key as bearer token", new() { ["Authorization"] = "Bearer " + service.OwnKey }, "4xx"),
            ("another service's organisation", new() { ["X-Api-Key"] = service.OtherServiceKey }, "any"),
            ("operator", new() { ["X-Api-Key"] = ServiceCatalog.OperatorKey }, "any"),
        ];
        foreach (var (note, headers, expect) in cases)
            Add(endpoint, Categories.ApiKeys, note, expect, body: body, headers: new Dictionary<string, string>(headers));
    }

    void WrongMethods(RestEndpoint endpoint)
    {
        static string PathOf(RestEndpoint e) => e.Path.Split('?')[0];
        var mapped = service.Endpoints.Where(e => PathOf(e) == PathOf(endpoint)).Select(e => e.Method).ToHashSet();
        foreach (var method in new[] { "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE" })
            if (!mapped.Contains(method))
                Add(endpoint, Categories.WrongMethods, $"{method} instead of {endpoint.Method}", method: method,
                    body: method is "GET" or "DELETE" or "OPTIONS" or "TRACE" ? null : "{}");
    }

    void RouteIds(RestEndpoint endpoint)
    {
        if (endpoint.RouteIdExample is null)
            return;
        var body = ValidBodyFor(endpoint);
        foreach (var injection in BadValues.Injections)
            Add(endpoint, Categories.Injection, $"route id: {Short(injection)}", body: body, path: endpoint.WithRouteId(Uri.EscapeDataString(injection)));
        // %00 in a path is refused by Kestrel itself (an empty 400) before any application code
        // runs, and TestServer throws on it; it stays in query values and bodies.
        foreach (var encoded in BadValues.OddUnicodeInUrls.Where(e => e != "%00"))
            Add(endpoint, Categories.OddUnicode, $"route id: {encoded}", body: body, path: endpoint.WithRouteId("x" + encoded + "y"));
        Add(endpoint, Categories.Injection, "route id of 4,000 characters", body: body, path: endpoint.WithRouteId(new string('a', 4000)));
        Add(endpoint, Categories.Injection, "route id of raw dot segments", body: body, path: endpoint.WithRouteId("..%2F..%2F..%2Fetc%2Fpasswd"));
    }

    void Malformed(RestEndpoint endpoint)
    {
        foreach (var text in MalformedJson)
            Add(endpoint, Categories.MalformedJson, $"body: {Short(text)}", body: text);
        var valid = endpoint.ValidBody();
        for (var cut = 1; cut < valid.Length; cut += Math.Max(1, valid.Length / 12))
            Add(endpoint, Categories.MalformedJson, $"valid body cut after {cut} characters", body: valid[..cut]);
        for (var i = 0; i < 8; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(valid);
            bytes[random.Next(bytes.Length)] = (byte)"{}[]\",:\\"[random.Next(8)];
            Add(endpoint, Categories.MalformedJson, "valid body with one structural character replaced", "any", body: Encoding.UTF8.GetString(bytes));
        }
        var garbage = new byte[256];
        random.NextBytes(garbage);
        Add(endpoint, Categories.MalformedJson, "256 random bytes", bytes: garbage);
    }

    void DeepNesting(RestEndpoint endpoint)
    {
        foreach (var depth in new[] { 17, 64, 1000, 10_000 })
        {
            Add(endpoint, Categories.DeepNesting, $"arrays nested {depth} deep", body: new string('[', depth) + new string(']', depth));
            Add(endpoint, Categories.DeepNesting, $"objects nested {depth} deep", body: string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
            var field = endpoint.Body[0];
            Add(endpoint, Categories.DeepNesting, $"{field.Name} nested {depth} deep",
                body: endpoint.ValidBody(f => f == field ? new string('[', depth) + new string(']', depth) : f.ValidJson));
        }
        Add(endpoint, Categories.DeepNesting, "unclosed nesting 10000 deep", body: new string('[', 10_000));
    }

    void WrongTypes(RestEndpoint endpoint)
    {
        foreach (var field in endpoint.Body)
            foreach (var value in BadValues.AnyJson.Where(v => IsWrongFor(field, v)))
                Add(endpoint, Categories.WrongTypes, $"{field.Name}: {value}", body: endpoint.ValidBody(f => f == field ? value : f.ValidJson));
    }

    // A value is wrong for a field when its JSON type differs, or (dates) when it is no date.
    static bool IsWrongFor(Field field, string value)
    {
        if (value == "null")
            return !field.Nullable;
        var isString = value.StartsWith('"');
        var isArray = value.StartsWith('[');
        var isBool = value is "true" or "false";
        var isInteger = long.TryParse(value, out var n) && n is >= int.MinValue and <= int.MaxValue;
        return field.Kind switch
        {
            FieldKind.Text or FieldKind.Code => !isString,
            FieldKind.Date or FieldKind.DateTime => true,
            FieldKind.Integer => !isInteger,
            FieldKind.Boolean => !isBool,
            FieldKind.TextList => !(isArray && (value is "[]" or "[\"a\"]")),
            FieldKind.CodeList => !(isArray && value == "[]"),
            _ => true,
        };
    }

    void MissingOrUnknown(RestEndpoint endpoint)
    {
        foreach (var field in endpoint.Body.Where(f => f.Required))
            Add(endpoint, Categories.MissingOrUnknownFields, $"without {field.Name}", body: endpoint.ValidBody(skip: field.Name));
        foreach (var field in endpoint.Body.Where(f => f.Required && f.Name.Length > 1))
        {
            Add(endpoint, Categories.MissingOrUnknownFields, $"{field.Name} in upper case", "any",
                body: endpoint.ValidBody(skip: field.Name, extra: $"\"{field.Name.ToUpperInvariant()}\":{field.ValidJson}"));
            Add(endpoint, Categories.MissingOrUnknownFields, $"{field.Name} misspelt", body: endpoint.ValidBody(skip: field.Name, extra: $"\"{field.Name}x\":{field.ValidJson}"));
        }
        Add(endpoint, Categories.MissingOrUnknownFields, "empty object", endpoint.Body.Any(f => f.Required) ? "4xx" : "any", body: "{}");
        Add(endpoint, Categories.MissingOrUnknownFields, "an unknown field", body: endpoint.ValidBody(extra: "\"isAdmin\":true"));
        Add(endpoint, Categories.MissingOrUnknownFields, "__proto__ field", body: endpoint.ValidBody(extra: "\"__proto__\":{\"admin\":true}"));
        Add(endpoint, Categories.MissingOrUnknownFields, "the first field twice", "any",
            body: endpoint.ValidBody(extra: $"\"{endpoint.Body[0].Name}\":{endpoint.Body[0].ValidJson}"));
        Add(endpoint, Categories.MissingOrUnknownFields, "an array of valid bodies", body: "[" + endpoint.ValidBody() + "]");
    }

    void Huge(RestEndpoint endpoint)
    {
        const int TenMegabytes = 10 * 1024 * 1024;
        // 10 MB on the first endpoint with a body of each kind keeps the corpus quick; 1 MB elsewhere.
        var size = endpoint.Path is "/api/survivors" || endpoint.Method == "PUT" ? TenMegabytes : 1024 * 1024;
        var label = size == TenMegabytes ? "10 MB" : "1 MB";
        var text = endpoint.Body.FirstOrDefault(f => f.IsText) ?? endpoint.Body[0];
        var prefix = endpoint.ValidBody(skip: text.Name, extra: $"\"{text.Name}\":\"");
        Add(endpoint, Categories.HugeBodies, $"{label} string in {text.Name}", huge: new HugeBody(Opened(endpoint, text), "a", size, "\"}"));
        Add(endpoint, Categories.HugeBodies, $"{label} of spaces before the body", huge: new HugeBody("", " ", size, endpoint.ValidBody()));
        Add(endpoint, Categories.HugeBodies, $"{label} array of numbers", huge: new HugeBody("{\"" + endpoint.Body[0].Name + "\":[", "1,", size / 2, "1]}"));
        Add(endpoint, Categories.HugeBodies, $"{label} field name", huge: new HugeBody("{\"", "k", size, "\":1}"));
        Add(endpoint, Categories.HugeBodies, $"{label} of unclosed string", huge: new HugeBody("{\"a\":\"", "x", size, ""));
    }

    void OddUnicode(RestEndpoint endpoint)
    {
        foreach (var field in endpoint.Body.Where(f => f.IsText))
        {
            foreach (var odd in Sample(BadValues.OddUnicodeJson, field))
                Add(endpoint, Categories.OddUnicode, $"{field.Name}: {odd}", field.Kind == FieldKind.Text ? "any" : "4xx",
                    body: endpoint.ValidBody(f => f == field ? $"\"{odd}\"" : f.ValidJson));
            foreach (var bytes in Sample(BadValues.InvalidUtf8, field))
            {
                var body = Encoding.UTF8.GetBytes(Opened(endpoint, field) + "a").Concat(bytes).Concat("b\"}"u8.ToArray()).ToArray();
                Add(endpoint, Categories.OddUnicode, $"{field.Name}: invalid UTF-8 {Convert.ToHexString(bytes)}", bytes: body);
            }
        }
    }

    // The services' limit of each free-text field (services/Referrals/TextLimits.cs): one more is refused.
    static readonly Dictionary<string, int> TextLimits = new()
    {
        ["givenName"] = 200, ["familyName"] = 200, ["phone"] = 40, ["email"] = 254, ["gender"] = 100, ["healthNotes"] = 4000,
        ["legalStatusNotes"] = 4000, ["caseNotes"] = 4000, ["note"] = 4000, ["purpose"] = 500, ["witness"] = 200,
    };

    void Limits(RestEndpoint endpoint)
    {
        foreach (var field in endpoint.Body.Where(f => f.Kind == FieldKind.Text && TextLimits.ContainsKey(f.Name)))
            Add(endpoint, Categories.OutOfRange, $"{field.Name}: one character over its limit of {TextLimits[field.Name]}",
                body: endpoint.ValidBody(f => f == field ? $"\"{new string('a', TextLimits[field.Name] + 1)}\"" : f.ValidJson));
        if (endpoint.Body.FirstOrDefault(f => f.Name == "languages") is not { } languages)
            return;
        // Languages travel in every referral without consent: tags only, at most 8 of at most 35 characters.
        foreach (var (note, value) in new[]
        {
            ("a name", "[\"es\",\"Ana Example\"]"),
            ("an address", "[\"12 Elm Street, North City\"]"),
            ("a phone number", "[\"+1-555-0199\"]"),
            ("nine tags", "[\"en\",\"es\",\"fr\",\"de\",\"it\",\"pt\",\"vi\",\"tl\",\"ar\"]"),
            ("a tag of 36 characters", "[\"de-Latn-CH-1901-abcdefgh-abcdefgh-ab\"]"),
            ("a private-use tag", "[\"x-secret\"]"),
        })
            Add(endpoint, Categories.OutOfRange, $"languages: {note}", body: endpoint.ValidBody(f => f == languages ? value : f.ValidJson));
    }

    void Injection(RestEndpoint endpoint)
    {
        foreach (var field in endpoint.Body.Where(f => f.IsText || f.Kind is FieldKind.TextList or FieldKind.CodeList))
            foreach (var injection in Sample(BadValues.Injections, field))
            {
                var quoted = System.Text.Json.JsonSerializer.Serialize(injection);
                var value = field.Kind is FieldKind.TextList or FieldKind.CodeList ? $"[{quoted}]" : quoted;
                var expect = field.Kind is FieldKind.Text or FieldKind.TextList ? "any" : "4xx";
                Add(endpoint, Categories.Injection, $"{field.Name}: {Short(injection)}", expect, body: endpoint.ValidBody(f => f == field ? value : f.ValidJson));
            }
    }

    void ContentTypes(RestEndpoint endpoint)
    {
        var body = endpoint.ValidBody();
        (string? type, string expect)[] cases =
        [
            (null, "4xx"), ("text/plain", "4xx"), ("application/xml", "4xx"), ("application/x-www-form-urlencoded", "4xx"),
            ("multipart/form-data; boundary=x", "4xx"), ("application/jsonx", "4xx"), ("json", "4xx"), ("garbage/;;;", "4xx"),
            ("application/octet-stream", "4xx"), ("text/json", "any"), ("application/problem+json", "any"), ("application/json; charset=utf-16", "any"),
            ("application/json; charset=nonsense", "any"), ("APPLICATION/JSON", "any"),
        ];
        foreach (var (type, expect) in cases)
            Add(endpoint, Categories.ContentTypes, $"Content-Type: {type ?? "(none)"}", expect, body: body, contentType: type);
    }

    void ForeignIds()
    {
        var own = new Dictionary<string, string> { ["X-Api-Key"] = service.OwnKey };
        RestEndpoint Get(string path) => new("GET", path, []);
        (string method, string path, string? body, string note)[] cases =
        [
            ("GET", $"/api/survivors/{Placeholders.ForeignSurvivor}", null, "another organisation's survivor"),
            ("GET", $"/api/survivors/{Placeholders.ForeignSurvivor}/consents", null, "another organisation's survivor's consents"),
            ("POST", $"/api/survivors/{Placeholders.ForeignSurvivor}/consents", $"{{\"recipientOrgId\":\"{service.RecipientOrgId}\",\"categories\":[\"identity\"],\"method\":\"written\"}}", "consent for another organisation's survivor"),
            ("GET", $"/api/consents/{Placeholders.ForeignConsent}", null, "another organisation's consent"),
            ("POST", $"/api/consents/{Placeholders.ForeignConsent}/revoke", "{\"reason\":\"other\"}", "revoking another organisation's consent"),
            ("GET", $"/api/referrals/{Placeholders.ForeignReferral}", null, "another organisation's referral"),
            ("POST", $"/api/referrals/{Placeholders.ForeignReferral}/status", "{\"status\":\"cancelled\",\"reason\":\"other\"}", "cancelling another organisation's referral"),
            ("GET", $"/api/referrals/{Placeholders.ForeignReferral}/audit", null, "another organisation's audit trail"),
            ("POST", "/api/referrals", $"{{\"survivorId\":\"{Placeholders.ForeignSurvivor}\",\"toOrgId\":\"{service.RecipientOrgId}\",\"service\":\"{service.RecipientService}\"}}", "referring another organisation's survivor"),
            ("POST", "/api/referrals", $"{{\"survivorId\":\"{Placeholders.OwnSurvivor}\",\"toOrgId\":\"nobody\",\"service\":\"{service.RecipientService}\"}}", "referring to an unknown organisation"),
            ("POST", $"/api/survivors/{Placeholders.OwnSurvivor}/consents", "{\"recipientOrgId\":\"nobody\",\"categories\":[\"identity\"],\"method\":\"written\"}", "consent for an unknown organisation"),
            ("GET", "/api/survivors/sv-00000000000000000000000000000000", null, "a survivor id that does not exist"),
            ("GET", "/api/referrals/rf-00000000000000000000000000000000", null, "a referral id that does not exist"),
        ];
        if (service.Name == "shelter")
            cases =
            [
                .. cases,
                ("PUT", "/api/shelters/safe-haven-family/beds/women", "{\"total\":5,\"occupied\":1}", "changing another organisation's shelter"),
                ("GET", "/api/shelters/no-such-shelter/beds", null, "an unknown shelter"),
                ("PUT", "/api/shelters/no-such-shelter/beds/women", "{\"total\":5,\"occupied\":1}", "changing an unknown shelter"),
                ("PUT", "/api/shelters/harbour-house-main/beds/penthouse", "{\"total\":5,\"occupied\":1}", "an unknown bed type"),
            ];
        foreach (var (method, path, body, note) in cases)
        {
            Add(Get(path), Categories.ForeignIds, note, body: body, method: method, headers: new Dictionary<string, string>(own));
            // The same id asked for with the key of the organisation that owns it would succeed; with an
            // operator's or another service's key it must be refused too.
            Add(Get(path), Categories.ForeignIds, note + " (as an operator)", body: body, method: method,
                headers: new Dictionary<string, string> { ["X-Api-Key"] = ServiceCatalog.OperatorKey });
        }
    }

    void Queries()
    {
        var own = new Dictionary<string, string> { ["X-Api-Key"] = service.OwnKey };
        var queries = new List<(string path, string note, string expect)>();
        foreach (var value in BadValues.Injections.Select(Uri.EscapeDataString).Concat(BadValues.OddUnicodeInUrls))
        {
            queries.Add(($"/api/referrals?direction={value}", $"direction={Short(value)}", "4xx"));
            queries.Add(($"/api/referrals?status={value}", $"status={Short(value)}", "4xx"));
            if (service.Name != "shelter")
            {
                queries.Add(($"/api/beds?bedType={value}", $"bedType={Short(value)}", "4xx"));
                queries.Add(($"/api/beds?area={value}", $"area={Short(value)}", "any"));
                queries.Add(($"/api/beds?freeOnly={value}", $"freeOnly={Short(value)}", "4xx"));
            }
        }
        foreach (var odd in new[] { "direction=sent&direction=received", "status=", "direction=", "direction=SENT", "unknown=1", "direction=sent&status=accepted&status=rejected", "%zz=1", "direction=%zz", "=&&&==", new string('a', 6000) + "=1" })
            queries.Add(($"/api/referrals?{odd}", $"query {Short(odd)}", odd is "unknown=1" or "status=" or "direction=" or "=&&&==" or "%zz=1" || odd.Length > 100 ? "any" : "4xx"));
        if (service.Name != "shelter")
            foreach (var odd in new[] { "freeOnly=1", "freeOnly=yes", "freeOnly=", "freeOnly=true&freeOnly=false", "bedType=WOMEN", "bedType=women&bedType=men", "area=" + new string('a', 5000) })
                queries.Add(($"/api/beds?{odd}", $"query {Short(odd)}", odd is "freeOnly=" || odd.StartsWith("area=", StringComparison.Ordinal) ? "any" : "4xx"));
        foreach (var (path, note, expect) in queries)
            Add(new RestEndpoint("GET", path, []), Categories.BadQueries, note, expect, headers: new Dictionary<string, string>(own));
    }

    // Code fields get every value; free-text fields (where any string is legal) a seeded half, to
    // keep the corpus quick to replay without leaving any field out.
    IEnumerable<T> Sample<T>(IReadOnlyList<T> values, Field field) =>
        field.Kind is FieldKind.Text or FieldKind.TextList ? values.Where(_ => random.Next(2) == 0).ToList() : values;

    // The body up to the opening quote of one string field, the other fields valid.
    static string Opened(RestEndpoint endpoint, Field field)
    {
        var rest = endpoint.ValidBody(skip: field.Name)[..^1];
        return rest + (rest.Length > 1 ? "," : "") + $"\"{field.Name}\":\"";
    }

    static string Short(string text)
    {
        var printable = new string(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '·' : c).ToArray());
        return printable.Length <= 40 ? printable : printable[..40] + "…";
    }
}
