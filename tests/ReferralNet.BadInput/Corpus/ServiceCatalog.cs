namespace ReferralNet.BadInput.Corpus;

/// <summary>
/// What the corpus targets in one service: its REST endpoints, its gRPC lookups and its queues,
/// with the organisations to call as (development keys from seeds/organisations.json).
/// </summary>
public sealed record ServiceCatalog(
    string Name,
    string OwnKey,
    string ForeignKey,
    string OtherServiceKey,
    string RecipientOrgId,
    string RecipientService,
    IReadOnlyList<RestEndpoint> Endpoints,
    IReadOnlyList<string> Queues)
{
    public const string OperatorKey = "dev-network-ops-1a5f93";

    /// <summary>The four services.</summary>
    public static readonly IReadOnlyList<ServiceCatalog> All =
    [
        new("shelter", "dev-harbour-house-7f3a9c", "dev-safe-haven-2b8e41", "dev-justice-bridge-51f0a2", "st-mary-clinic", "medical:primary-care",
            [.. EngineEndpoints("st-mary-clinic", "medical:primary-care"), .. ShelterEndpoints],
            ["shelter-referrals", "shelter-bed-board-refresh-requested"]),
        new("legalaid", "dev-justice-bridge-51f0a2", "dev-open-door-law-9a7c3e", "dev-st-mary-clinic-0d62b8", "harbour-house", "bed:women",
            [.. EngineEndpoints("harbour-house", "bed:women"), .. BoardEndpoints],
            ["legalaid-referrals", "legalaid-bed-availability-changed"]),
        new("medical", "dev-st-mary-clinic-0d62b8", "dev-valley-health-e3f915", "dev-new-paths-4c1b6d", "new-paths", "vocational:training",
            [.. EngineEndpoints("new-paths", "vocational:training"), .. BoardEndpoints],
            ["medical-referrals", "medical-bed-availability-changed"]),
        new("vocational", "dev-new-paths-4c1b6d", "dev-skills-forward-8e2a50", "dev-harbour-house-7f3a9c", "justice-bridge", "legal:t-visa",
            [.. EngineEndpoints("justice-bridge", "legal:t-visa"), .. BoardEndpoints],
            ["vocational-referrals", "vocational-bed-availability-changed"]),
    ];

    static IReadOnlyList<RestEndpoint> EngineEndpoints(string recipient, string service) =>
    [
        new("POST", "/api/survivors",
        [
            new("givenName", FieldKind.Text, "\"Test\""), new("familyName", FieldKind.Text, "\"Person\""),
            new("dateOfBirth", FieldKind.Date, "\"1990-02-03\""), new("phone", FieldKind.Text, "\"+1-555-0100\""),
            new("email", FieldKind.Text, "\"test@example.org\""), new("languages", FieldKind.CodeList, "[\"en\"]"),
            new("gender", FieldKind.Text, "\"f\""), new("dependants", FieldKind.Integer, "1", Nullable: false),
            new("needs", FieldKind.TextList, "[\"accessibility\"]"), new("healthNotes", FieldKind.Text, "\"none\""),
            new("legalStatusNotes", FieldKind.Text, "\"none\""), new("caseNotes", FieldKind.Text, "\"none\""),
        ]),
        new("GET", "/api/survivors", []),
        new("GET", $"/api/survivors/{Placeholders.OwnSurvivor}", [], Placeholders.OwnSurvivor),
        new("GET", $"/api/survivors/{Placeholders.OwnSurvivor}/consents", [], Placeholders.OwnSurvivor),
        new("POST", $"/api/survivors/{Placeholders.OwnSurvivor}/consents",
        [
            new("recipientOrgId", FieldKind.Code, $"\"{recipient}\"", Required: true, Nullable: false),
            new("categories", FieldKind.CodeList, "[\"identity\"]", Required: true, Nullable: false),
            new("method", FieldKind.Code, "\"written\"", Required: true, Nullable: false),
            new("witness", FieldKind.Text, "\"caseworker\""), new("expiresAt", FieldKind.DateTime, "null"),
            new("purpose", FieldKind.Text, "\"referral\""), new("givenAt", FieldKind.DateTime, "null"),
        ], Placeholders.OwnSurvivor),
        new("GET", $"/api/consents/{Placeholders.OwnConsent}", [], Placeholders.OwnConsent),
        // Never sent with a valid reason: that would revoke the consent the other entries use.
        new("POST", $"/api/consents/{Placeholders.OwnConsent}/revoke",
            [new("reason", FieldKind.Code, "\"not-a-reason\"", Required: true, Nullable: false)], Placeholders.OwnConsent),
        new("POST", "/api/referrals",
        [
            new("survivorId", FieldKind.Code, $"\"{Placeholders.OwnSurvivor}\"", Required: true, Nullable: false),
            new("toOrgId", FieldKind.Code, $"\"{recipient}\"", Required: true, Nullable: false),
            new("service", FieldKind.Code, $"\"{service}\"", Required: true, Nullable: false),
            new("priority", FieldKind.Code, "\"routine\"", Nullable: false), new("share", FieldKind.CodeList, "[]"),
            new("note", FieldKind.Text, "null"), new("contactingSubjectProhibited", FieldKind.Boolean, "false", Nullable: false),
        ]),
        new("GET", "/api/referrals?direction=sent", []),
        new("GET", $"/api/referrals/{Placeholders.OwnReferral}", [], Placeholders.OwnReferral),
        // The sender may not accept its own referral, so even the "valid" body changes nothing.
        new("POST", $"/api/referrals/{Placeholders.OwnReferral}/status",
        [
            new("status", FieldKind.Code, "\"accepted\"", Required: true, Nullable: false),
            new("reason", FieldKind.Code, "null"), new("declinedBy", FieldKind.Code, "null"),
        ], Placeholders.OwnReferral),
        new("GET", $"/api/referrals/{Placeholders.OwnReferral}/audit", [], Placeholders.OwnReferral),
        // The operations API: the operator's view, on every service.
        new("GET", "/api/operations/referrals", [], CallerKey: OperatorKey),
        new("GET", $"/api/operations/referrals/{Placeholders.OwnReferral}", [], Placeholders.OwnReferral, OperatorKey),
    ];

    static IReadOnlyList<RestEndpoint> ShelterEndpoints =>
    [
        new("GET", "/api/shelters", []),
        new("GET", "/api/shelters/harbour-house-main/beds", [], "harbour-house-main"),
        // A count of 0..12 is valid; wrong values are never applied (the body is refused first).
        new("PUT", "/api/shelters/harbour-house-main/beds/youth",
            [new("total", FieldKind.Integer, "12", Required: true, Nullable: false), new("occupied", FieldKind.Integer, "900", Required: true, Nullable: false)],
            "harbour-house-main"),
    ];

    static IReadOnlyList<RestEndpoint> BoardEndpoints =>
    [
        new("GET", "/api/beds?bedType=women", []),
        new("GET", "/api/capacity", []),
    ];
}
