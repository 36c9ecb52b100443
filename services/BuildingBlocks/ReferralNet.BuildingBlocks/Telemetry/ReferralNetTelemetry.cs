using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReferralNet.BuildingBlocks.Telemetry;

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
        /// <summary>The contract type of an outbox message.</summary>
        public const string MessageType = "referralnet.message.type";
        /// <summary>The id of an outbox or inbox message.</summary>
        public const string MessageId = "referralnet.message.id";
        /// <summary>How many outbox rows a relay pass sent.</summary>
        public const string BatchSize = "referralnet.outbox.batch_size";
    }
}
