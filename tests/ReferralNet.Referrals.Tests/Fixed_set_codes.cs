namespace ReferralNet.Referrals.Tests;

/// <summary>
/// Referral and consent statuses, audit actions and consent methods are types in the code and the
/// kebab-case codes they always were everywhere else: in JSON, in the database and in the API.
/// </summary>
public sealed class Fixed_set_codes
{
    [Fact]
    public void Audit_actions_are_the_codes_the_trail_has_always_stored() =>
        Assert.Equal(["created", "received", "receipt-confirmed", "status-changed", "disclosed", "purge-requested", "purged", "purge-confirmed"], Codes.All<AuditAction>());

    [Fact]
    public void Consent_statuses_and_methods_are_the_codes_the_api_has_always_shown()
    {
        Assert.Equal(["active", "expired", "revoked"], Codes.All<ConsentStatus>());
        Assert.Equal(["written", "verbal"], Codes.All<ConsentMethod>());
    }

    [Fact]
    public void Referral_statuses_are_the_codes_the_messages_and_the_portal_share() =>
        Assert.Equal(ReferralStatuses.All, Codes.All<ReferralStatus>());

    [Fact]
    public void Every_value_goes_through_json_as_its_code_and_back()
    {
        AssertRoundTrip<ReferralStatus>();
        AssertRoundTrip<AuditAction>();
        AssertRoundTrip<ConsentStatus>();
        AssertRoundTrip<ConsentMethod>();
        Assert.Equal("\"receipt-confirmed\"", JsonSerializer.Serialize(AuditAction.ReceiptConfirmed));
        Assert.Equal("\"entered-in-error\"", JsonSerializer.Serialize(ReferralStatus.EnteredInError));
    }

    [Theory]
    [InlineData("Written")]
    [InlineData("oral")]
    [InlineData("")]
    [InlineData(null)]
    public void A_code_not_in_the_set_is_refused(string? code) => Assert.False(Codes.TryParse<ConsentMethod>(code, out _));

    [Theory]
    [InlineData("InProgress")]
    [InlineData("in_progress")]
    [InlineData("Accepted")]
    [InlineData("closed")]
    [InlineData("")]
    [InlineData(null)]
    public void A_referral_status_not_in_the_set_is_refused(string? code)
    {
        Assert.False(Codes.TryParse<ReferralStatus>(code, out _));
        if (code is not null)
            Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ReferralStatus>($"\"{code}\""));
    }

    static void AssertRoundTrip<T>() where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            var json = JsonSerializer.Serialize(value);
            Assert.Equal($"\"{value.Code()}\"", json);
            Assert.Equal(value, JsonSerializer.Deserialize<T>(json));
            Assert.True(Codes.TryParse<T>(value.Code(), out var parsed) && parsed.Equals(value));
        }
    }
}
