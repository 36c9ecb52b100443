namespace ReferralNet.BadInput.Corpus;

/// <summary>The bad values the generator puts into fields, route ids and query strings.</summary>
public static class BadValues
{
    /// <summary>SQL, script, path traversal, CRLF, format strings, template and command injection.</summary>
    public static readonly IReadOnlyList<string> Injections =
    [
        "' OR '1'='1", "'; DROP TABLE referrals; --", "\" OR \"\"=\"", "1; SELECT * FROM survivors", "' UNION SELECT api_key FROM organisations --",
        "admin'--", "%' OR 1=1 --", "1' AND SLEEP(5)--", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)", "<svg/onload=alert(1)>", "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/etc/shadow", "line1\r\nX-Injected: yes", "\r\n\r\nHTTP/1.1 200 OK", "%0d%0aSet-Cookie: a=b", "%s%s%s%s%n",
        "{0}{1}{2}", "%x%x%x", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "$(rm -rf /)", "`id`", "; ls -la", "| cat /etc/passwd",
        "{\"$gt\": \"\"}", "*)(uid=*))(|(uid=*", "<!--#exec cmd=\"ls\"-->", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
    ];

    /// <summary>
    /// Odd unicode as JSON string contents (escapes kept escaped): lone surrogates, bidi overrides,
    /// zero-width, NUL and other controls, BOM, non-characters, combining floods, emoji.
    /// </summary>
    public static readonly IReadOnlyList<string> OddUnicodeJson =
    [
        "\\ud800", "\\udfff", "a\\udc00b", "\\ud83d", "\\u202eevil\\u202c", "\\u200b\\u200c\\u200d\\u2060", "nul\\u0000byte",
        "\\u0001\\u0002\\u001f\\u007f", "\\ufeffbom", "\\uffff\\ufffe", "e\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301",
        "\\ud83d\\ude00\\ud83c\\udff3\\ufe0f\\u200d\\ud83c\\udf08", "\\u0000", "\\u2028\\u2029", "\\u00ad\\u034f\\u180e",
        "\\uff1cscript\\uff1e", "\\u0130\\u0131\\u017f", "\\ud800\\ud800", "\\u200f\\u202b\\u2067rtl", "\\u0085next-line",
    ];

    /// <summary>Raw bytes that are not valid UTF-8 (overlong forms, lone continuation bytes, surrogates, 0xFF).</summary>
    public static readonly IReadOnlyList<byte[]> InvalidUtf8 =
    [
        [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xC0, 0x80], [0x80], [0xBF, 0xBF],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xFE], [0xFF, 0xFE], [0xF4, 0x90, 0x80, 0x80], [0xC3],
        [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    /// <summary>Odd unicode in route ids and query values, percent-encoded.</summary>
    public static readonly IReadOnlyList<string> OddUnicodeInUrls =
    [
        "%00", "%C0%AF", "%E2%80%AE", "%E2%80%8B", "%EF%BB%BF", "%ED%A0%80", "%FF", "%F0%9F%98%80", "%0A", "%0D%0A", "%7F",
    ];

    /// <summary>JSON values of every type, to put where another type belongs.</summary>
    public static readonly IReadOnlyList<string> AnyJson =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e309", "-9223372036854775809", "99999999999999999999999", "\"\"",
        "\"text\"", "\"12\"", "[]", "[1,2]", "[\"a\"]", "{}", "{\"a\":1}", "[[[]]]", "\"2026-02-30\"", "\"NaN\"",
    ];
}
