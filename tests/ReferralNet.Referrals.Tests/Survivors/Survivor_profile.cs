using System.Reflection;

namespace ReferralNet.Referrals.Tests.Survivors;

/// <summary>
/// The one list of a survivor's personal fields: redaction, consent and the wire all go through
/// it, so a field added to it cannot be forgotten by any of them.
/// </summary>
public sealed class Survivor_profile
{
    static readonly PropertyInfo[] Fields = typeof(SurvivorProfile).GetProperties();

    /// <summary>A profile with every field set to a value of its own.</summary>
    static SurvivorProfile Full()
    {
        var profile = new SurvivorProfile();
        foreach (var field in Fields)
            field.SetValue(profile, field.PropertyType == typeof(string) ? $"value-of-{field.Name}" : new DateOnly(1990, 1, 31));
        return profile;
    }

    [Fact]
    public void Has_only_text_fields_and_the_date_of_birth()
    {
        // Redaction knows how to mark text and clear a date; a field of another type needs a rule of its own.
        Assert.All(Fields, f => Assert.Contains(f.PropertyType, new[] { typeof(string), typeof(DateOnly?) }));
    }

    [Fact]
    public void Redacting_marks_every_text_field_and_clears_the_date_of_birth()
    {
        var profile = Full();

        profile.Redact();

        foreach (var field in Fields)
            Assert.Equal(field.PropertyType == typeof(string) ? SurvivorProfile.Redacted : null, field.GetValue(profile));
    }

    [Fact]
    public void Redacting_leaves_a_field_that_was_never_held_empty()
    {
        var profile = new SurvivorProfile();

        profile.Redact();

        Assert.All(Fields, f => Assert.Null(f.GetValue(profile)));
    }

    [Fact]
    public void Every_field_belongs_to_a_consent_category()
    {
        var full = Full();

        var shared = full.For(ConsentCategories.All)!;

        foreach (var field in Fields)
            Assert.Equal(field.GetValue(full), field.GetValue(shared));
    }

    [Fact]
    public void Each_category_alone_lets_through_a_part_and_together_they_cover_each_field_once()
    {
        var full = Full();

        var owners = Fields.ToDictionary(f => f.Name, f => ConsentCategories.All.Where(c => f.GetValue(full.For([c])!) is not null).ToList());

        Assert.All(owners, o => Assert.True(o.Value.Count == 1, $"{o.Key} is shared by {o.Value.Count} categories"));
        Assert.Null(full.For([]));
    }

    [Fact]
    public void Travels_on_the_wire_with_every_field_under_the_same_name()
    {
        var full = Full();

        var shared = full.ToShared();
        var back = SurvivorProfile.From(shared);

        Assert.Equal(Fields.Select(f => f.Name).Order(), typeof(SharedProfile).GetProperties().Select(p => p.Name).Order());
        foreach (var field in Fields)
        {
            Assert.Equal(field.GetValue(full), typeof(SharedProfile).GetProperty(field.Name)!.GetValue(shared));
            Assert.Equal(field.GetValue(full), field.GetValue(back));
        }
    }
}
