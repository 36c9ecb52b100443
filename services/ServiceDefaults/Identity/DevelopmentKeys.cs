using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralNet.ServiceDefaults.Seeds;

namespace ReferralNet.ServiceDefaults.Identity;

/// <summary>The development API keys in seeds/, and the guard that keeps them out of production.</summary>
public static class DevelopmentKeys
{
    /// <summary>The setting that allows the development keys outside Development, on a closed machine.</summary>
    public const string AllowSetting = "ReferralNet:Identity:AllowDevelopmentKeys";

    /// <summary>
    /// Refuses to start outside Development unless <see cref="AllowSetting"/> is true: the keys are
    /// public in seeds/, so nobody may be signed in with them by accident in production.
    /// <paramref name="what"/> names what the keys are used for, for the message.
    /// </summary>
    public static void EnsureAllowed(IHostApplicationBuilder builder, string what)
    {
        if (!Allowed(builder))
            throw new InvalidOperationException(
                $"{what} is for development only (outside it, people and scripts sign in at the identity service): " +
                "run with ASPNETCORE_ENVIRONMENT=Development, or set ReferralNet__Identity__AllowDevelopmentKeys=true on a closed machine (tests, benchmarks)");
    }

    /// <summary>
    /// Whether the development keys may sign callers in here: in Development, or where
    /// <see cref="AllowSetting"/> is true. Elsewhere the key scheme is not even registered.
    /// </summary>
    public static bool Allowed(IHostApplicationBuilder builder) =>
        builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>(AllowSetting);

    /// <summary>Registers the seeded organisations and their development keys.</summary>
    public static IServiceCollection AddOrganisationDirectory(this IServiceCollection services) =>
        services.AddSingleton(sp => OrganisationDirectory.Load(sp.GetRequiredService<SeedFiles>().Folder));
}
