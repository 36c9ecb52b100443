namespace ReferralNet.Bench;

/// <summary>A mode's figures: printed for people, written as JSON for scripts.</summary>
interface IBenchResult
{
    void Print(TextWriter output);

    void WriteJson(string path);
}
