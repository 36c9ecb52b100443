namespace ReferralNet.BadInput.Corpus;

/// <summary>
/// Names of ids that exist only once the network runs: the replay creates a survivor, a consent, a
/// referral (and at the shelter a bed hold) for one organisation of the service ("own", the
/// caller) and for another one ("foreign"), and fills these in.
/// </summary>
public static class Placeholders
{
    public const string OwnSurvivor = "{own:survivor}";
    public const string OwnConsent = "{own:consent}";
    public const string OwnReferral = "{own:referral}";
    public const string ForeignSurvivor = "{foreign:survivor}";
    public const string ForeignConsent = "{foreign:consent}";
    public const string ForeignReferral = "{foreign:referral}";
    public const string ForeignHold = "{foreign:hold}";
}
