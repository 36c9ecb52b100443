namespace ReferralNet.BadInput.Corpus;

/// <summary>What a body field holds, so that the generator knows which values are wrong for it.</summary>
public enum FieldKind
{
    /// <summary>Free text: any string is legal (it is stored as given).</summary>
    Text,
    /// <summary>A code or id from a fixed set: other strings are refused.</summary>
    Code,
    Integer,
    Boolean,
    Date,
    DateTime,
    /// <summary>A list of free-text strings.</summary>
    TextList,
    /// <summary>A list of codes.</summary>
    CodeList,
}

/// <summary>One field of a request body, with a valid JSON value for it.</summary>
public sealed record Field(string Name, FieldKind Kind, string ValidJson, bool Required = false, bool Nullable = true)
{
    public bool IsText => Kind is FieldKind.Text or FieldKind.Code or FieldKind.Date or FieldKind.DateTime;
}
