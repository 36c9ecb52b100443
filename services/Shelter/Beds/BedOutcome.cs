namespace ReferralNet.Shelter.Beds;

/// <summary>How a change to the beds went, and what to tell the caller if it did not.</summary>
public enum BedFailure
{
    None,
    ShelterNotFound,
    NotYourShelter,
    Invalid,
    Conflict,
    NoFreeBed,
    HoldNotFound,
}

/// <summary>The result of a change: a value, or a failure with a message that says what to do.</summary>
public sealed record BedOutcome<T>(T? Value, BedFailure Failure, string? Message)
{
    public bool Succeeded => Failure == BedFailure.None;
    public static BedOutcome<T> Ok(T value) => new(value, BedFailure.None, null);
    public static BedOutcome<T> Fail(BedFailure failure, string message) => new(default, failure, message);
}
