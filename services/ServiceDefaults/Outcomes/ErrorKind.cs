namespace ReferralNet.ServiceDefaults.Outcomes;

/// <summary>Why a domain operation did not succeed; what a caller (REST, gRPC) makes of it is its own business.</summary>
public enum ErrorKind
{
    /// <summary>The request itself is wrong.</summary>
    Invalid,
    /// <summary>Unknown, or not the caller's to see.</summary>
    NotFound,
    /// <summary>Known, but not allowed for the caller.</summary>
    Forbidden,
    /// <summary>Valid, but not possible in the current state.</summary>
    Conflict,
}
