using System.Text;

namespace ReferralNet.BadInput.Corpus;

/// <summary>A body of <see cref="Prefix"/>, <see cref="Repeat"/> <see cref="Times"/> times, then <see cref="Suffix"/>.</summary>
public sealed record HugeBody(string Prefix, string Repeat, int Times, string Suffix)
{
    /// <summary>The body's bytes (UTF-8).</summary>
    public byte[] Build()
    {
        var builder = new StringBuilder(Prefix.Length + Repeat.Length * Times + Suffix.Length);
        builder.Append(Prefix);
        builder.Insert(builder.Length, Repeat, Times);
        builder.Append(Suffix);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
