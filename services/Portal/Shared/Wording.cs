using ReferralNet.Contracts.Referrals;

namespace ReferralNet.Portal.Shared;

/// <summary>What the codes mean, in words a survivor and a caseworker understand.</summary>
public static class Wording
{
    /// <summary>What sharing a category shares, said so that a survivor can follow it.</summary>
    public static string Category(string category) => category switch
    {
        ConsentCategories.Identity => "Who you are: your name, date of birth and gender",
        ConsentCategories.Contact => "How to reach you: your phone number and e-mail address",
        ConsentCategories.Health => "Your health: what we have written down about your health",
        ConsentCategories.LegalStatus => "Your immigration and legal situation: what we have written down about it",
        ConsentCategories.CaseNotes => "Our notes about your situation, and any note we write on a referral",
        _ => category,
    };

    /// <summary>The short name of a category, for tables.</summary>
    public static string CategoryName(string category) => category switch
    {
        ConsentCategories.Identity => "Identity",
        ConsentCategories.Contact => "Contact",
        ConsentCategories.Health => "Health",
        ConsentCategories.LegalStatus => "Legal status",
        ConsentCategories.CaseNotes => "Case notes",
        _ => category,
    };

    public static string Status(string status) => status switch
    {
        ReferralStatuses.Requested => "Requested",
        ReferralStatuses.Accepted => "Accepted",
        ReferralStatuses.Rejected => "Declined",
        ReferralStatuses.InProgress => "In progress",
        ReferralStatuses.OnHold => "On hold",
        ReferralStatuses.Completed => "Completed",
        ReferralStatuses.Failed => "Failed",
        ReferralStatuses.Cancelled => "Cancelled",
        ReferralStatuses.EnteredInError => "Entered in error",
        _ => status,
    };

    /// <summary>The button that moves a referral to this status.</summary>
    public static string Action(string status) => status switch
    {
        ReferralStatuses.Accepted => "Accept",
        ReferralStatuses.Rejected => "Decline",
        ReferralStatuses.InProgress => "Mark in progress",
        ReferralStatuses.OnHold => "Put on hold",
        ReferralStatuses.Completed => "Mark completed",
        ReferralStatuses.Failed => "Mark failed",
        ReferralStatuses.Cancelled => "Cancel referral",
        ReferralStatuses.EnteredInError => "Mark entered in error",
        _ => status,
    };

    /// <summary>Statuses that end a referral or cannot be taken back: they get a confirmation step.</summary>
    public static bool IsIrreversible(string status) => status is ReferralStatuses.Rejected or ReferralStatuses.Completed
        or ReferralStatuses.Failed or ReferralStatuses.Cancelled or ReferralStatuses.EnteredInError;

    public static string Reason(string code) => code switch
    {
        "no-capacity" => "No capacity",
        "not-eligible" => "Not eligible",
        "cannot-be-reached" => "Cannot be reached",
        "client-declined" => "The client declined",
        "no-longer-needed" => "No longer needed",
        "client-withdrew" => "The client withdrew",
        "served-elsewhere" => "Served elsewhere",
        "safety-concern" => "Safety concern",
        "client-did-not-attend" => "The client did not attend",
        "service-unavailable" => "Service unavailable",
        "awaiting-client" => "Waiting for the client",
        "awaiting-documents" => "Waiting for documents",
        "capacity-paused" => "Capacity paused",
        "survivor-request" => "The survivor asked",
        "recorded-in-error" => "Recorded in error",
        "other" => "Other",
        _ => code,
    };

    public static string Priority(string priority) => priority switch
    {
        "asap" => "As soon as possible (answer within 2 hours)",
        "urgent" => "Urgent (answer within 24 hours)",
        "routine" => "Routine (answer within 5 days)",
        _ => priority,
    };

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
