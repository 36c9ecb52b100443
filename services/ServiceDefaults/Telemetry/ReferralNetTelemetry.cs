using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReferralNet.ServiceDefaults.Telemetry;

/// <summary>
/// Every telemetry name ReferralNet uses, in one place. Tags carry ids only, never a survivor's
/// personal data.
/// </summary>
public static class ReferralNetTelemetry
{
    /// <summary>Name of the activity source and meter of ReferralNet's own code.</summary>
    public const string SourceName = "ReferralNet";

    /// <summary>The activity source of ReferralNet's own spans.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The meter of ReferralNet's own metrics.</summary>
    public static readonly Meter Meter = new(SourceName);

    /// <summary>Metric names.</summary>
    public static class Metrics
    {
        /// <summary>Outbox rows waiting for the broker, per service.</summary>
        public const string OutboxBacklog = "referralnet.outbox.backlog";
        /// <summary>Age of the oldest waiting outbox row, per service.</summary>
        public const string OutboxOldestAge = "referralnet.outbox.oldest_age";
        /// <summary>Outbox relay passes, completed or failed, per service.</summary>
        public const string OutboxPasses = "referralnet.outbox.passes";
        /// <summary>Outbox relay passes that failed (and backed off), per service.</summary>
        public const string OutboxFailedPasses = "referralnet.outbox.failed_passes";
        /// <summary>Referrals a service holds, by side (sent, received) and status.</summary>
        public const string Referrals = "referralnet.referrals";
        /// <summary>Seconds from a referral being requested to the recipient accepting it.</summary>
        public const string TimeToAccept = "referralnet.referral.time_to_accept";
        /// <summary>A shelter's beds of one type.</summary>
        public const string BedsTotal = "referralnet.beds.total";
        /// <summary>A shelter's occupied beds of one type.</summary>
        public const string BedsOccupied = "referralnet.beds.occupied";
        /// <summary>A shelter's beds of one type held for referrals.</summary>
        public const string BedsHeld = "referralnet.beds.held";
        /// <summary>A shelter's beds of one type neither occupied nor held.</summary>
        public const string BedsFree = "referralnet.beds.free";
        /// <summary>Messages whose consumer failed after its retries, by message type.</summary>
        public const string ConsumerFaults = "referralnet.consumer.faults";
    }

    /// <summary>Span and metric tag names.</summary>
    public static class Tags
    {
        /// <summary>The service (shelter, legalaid, medical, vocational).</summary>
        public const string Service = "referralnet.service";
        /// <summary>The organisation a request is made on behalf of.</summary>
        public const string OrganisationId = "referralnet.organisation.id";
        /// <summary>A shelter's id.</summary>
        public const string ShelterId = "referralnet.shelter.id";
        /// <summary>A bed type code.</summary>
        public const string BedType = "referralnet.bed.type";
        /// <summary>The organisation that sent a referral.</summary>
        public const string FromOrganisationId = "referralnet.referral.from_organisation.id";
        /// <summary>The organisation a referral was sent to.</summary>
        public const string ToOrganisationId = "referralnet.referral.to_organisation.id";
        /// <summary>A referral's id.</summary>
        public const string ReferralId = "referralnet.referral.id";
        /// <summary>The contract type of a message (outbox rows: full name; consumer faults: type name).</summary>
        public const string MessageType = "referralnet.message.type";
        /// <summary>The id of an outbox or inbox message.</summary>
        public const string MessageId = "referralnet.message.id";
        /// <summary>A referral's status code.</summary>
        public const string ReferralStatus = "referralnet.referral.status";
        /// <summary>Which side of a referral a record is: sent or received.</summary>
        public const string ReferralSide = "referralnet.referral.side";
        /// <summary>The service code a referral asks for (bed:women, legal:t-visa, ...).</summary>
        public const string ReferralService = "referralnet.referral.service";
        /// <summary>A referral's priority (routine, urgent, asap).</summary>
        public const string ReferralPriority = "referralnet.referral.priority";
        /// <summary>The .NET type name of an exception (never its message).</summary>
        public const string ExceptionType = "referralnet.exception.type";
        /// <summary>How many outbox rows a relay pass sent.</summary>
        public const string BatchSize = "referralnet.outbox.batch_size";
    }
}
