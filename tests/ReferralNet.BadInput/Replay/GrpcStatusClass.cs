namespace ReferralNet.BadInput.Replay;

/// <summary>Which gRPC status codes count as the caller's fault (4xx) and which as the server's (5xx).</summary>
public static class GrpcStatusClass
{
    static readonly string[] Names =
    [
        "OK", "Cancelled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists", "PermissionDenied",
        "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated",
    ];

    public static string NameOf(int code) => code >= 0 && code < Names.Length ? Names[code] : $"code {code}";

    /// <summary>2, 4 or 5, like the hundreds digit of an HTTP status.</summary>
    public static int ClassOf(int code) => code switch
    {
        0 => 2,
        2 or 4 or 13 or 14 or 15 => 5,
        _ => 4,
    };
}
