using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ReferralNet.Referrals;

namespace ReferralNet.Capacity;

/// <summary>Registers counted capacity in a service.</summary>
public static class CapacityExtensions
{
    /// <summary>
    /// Makes <see cref="CapacityRecipient"/> the service's referral recipient (accepting takes a
    /// unit, closing returns it) and registers the <see cref="CapacityLookup"/> its gRPC lookup uses.
    /// The DbContext must map <c>modelBuilder.AddCapacity()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddCapacity(this IHostApplicationBuilder builder, CapacityTerms terms)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(terms);
        builder.Services.AddScoped<IReferralRecipient, CapacityRecipient>();
        builder.Services.AddScoped<CapacityLookup>();
        return builder;
    }
}
